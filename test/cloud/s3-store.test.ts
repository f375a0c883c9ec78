// S3Store against the sandbox's S3 (s3rver behind a proxy that enforces If-None-Match
// like real S3), and against a client that answers as S3 does when the key exists.
import '../../src/aws/sdk-warning.js';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3ClientConfig } from '../../src/aws/s3-client.js';
import { CloudError, ObjectExistsError } from '../../src/core/errors.js';
import { S3Store } from '../../src/store/s3.js';
import { useSandbox, useSandboxEnv } from './sandbox-fixture.js';

const sandbox = useSandbox();
useSandboxEnv(sandbox);

describe('S3Store on the sandbox', () => {
  it('writes, reads and lists objects', async () => {
    const store = new S3Store(sandbox().s3.bucket);
    expect(store.location).toBe(`s3://${sandbox().s3.bucket}`);
    await store.put('t/b.json', '{"b":2}', { contentType: 'application/json' });
    await store.put('t/a.json', new TextEncoder().encode('{"a":1}'));
    await store.put('other/c.json', '{}');
    expect(new TextDecoder().decode(await store.get('t/a.json'))).toBe('{"a":1}');
    expect(await store.list('t/')).toEqual(['t/a.json', 't/b.json']);
    expect(await store.get('t/missing.json')).toBeUndefined();
  });

  it('never replaces an object written with ifAbsent', async () => {
    const store = new S3Store(sandbox().s3.bucket);
    await store.put('results/X/1.json', 'first', { ifAbsent: true });
    await expect(store.put('results/X/1.json', 'second', { ifAbsent: true })).rejects.toBeInstanceOf(ObjectExistsError);
    expect(new TextDecoder().decode(await store.get('results/X/1.json'))).toBe('first');
  });

  it('lets only one of many concurrent conditional writes of a key win', async () => {
    const store = new S3Store(sandbox().s3.bucket);
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd'].map((body) => store.put('results/X/race.json', body, { ifAbsent: true })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ObjectExistsError);
  });

  it('says which object it could not reach when S3 is down', async () => {
    const down = new S3Client({
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      maxAttempts: 1,
    });
    const store = new S3Store('gone', down);
    await expect(store.get('data/AMZN.csv')).rejects.toThrow(CloudError);
    await expect(store.get('data/AMZN.csv')).rejects.toThrow(/s3:\/\/gone\/data\/AMZN\.csv/);
  });
});

describe('S3Store on an S3 that never answers', () => {
  it('gives up instead of hanging the run (bounded connection and idle waits)', async () => {
    // Accepts connections and says nothing, like a dead proxy or a stuck emulator.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const defaults = s3ClientConfig().requestHandler as { connectionTimeout: number; socketTimeout: number };
      expect(defaults.connectionTimeout).toBeGreaterThan(0);
      expect(defaults.socketTimeout).toBeGreaterThan(0);
      const client = new S3Client({
        ...s3ClientConfig({ connectionTimeout: 1000, socketTimeout: 300 }),
        endpoint: `http://127.0.0.1:${port}`,
        forcePathStyle: true,
        region: 'us-east-1',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        maxAttempts: 1,
      });
      await expect(new S3Store('silent', client).put('results/X/1.json', '{}', { ifAbsent: true })).rejects.toThrow(CloudError);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('S3Store conditional put, as real S3 answers it', () => {
  it('sends If-None-Match: * and maps 412 PreconditionFailed to ObjectExistsError', async () => {
    const sent: unknown[] = [];
    const client = {
      send: async (command: { input: unknown }) => {
        sent.push(command.input);
        throw Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
          name: 'PreconditionFailed',
          $metadata: { httpStatusCode: 412 },
        });
      },
    } as unknown as S3Client;
    const store = new S3Store('real', client);
    await expect(store.put('results/AMZN/r1.json', '{}', { ifAbsent: true })).rejects.toBeInstanceOf(ObjectExistsError);
    expect(sent).toEqual([expect.objectContaining({ Bucket: 'real', Key: 'results/AMZN/r1.json', IfNoneMatch: '*' })]);
  });

  it('takes a 412 after an SDK retry as its own write when the object holds its bytes', async () => {
    const stored = new Map<string, string>();
    const client = {
      send: async (command: { input: { Key: string; Body?: Uint8Array } }) => {
        if (command instanceof GetObjectCommand) {
          const text = stored.get(command.input.Key) ?? '';
          return { Body: { transformToByteArray: async () => new TextEncoder().encode(text) } };
        }
        // The first attempt landed, its answer was lost, and the SDK's retry met it.
        throw Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
          name: 'PreconditionFailed',
          $metadata: { httpStatusCode: 412, attempts: 2 },
        });
      },
    } as unknown as S3Client;
    const store = new S3Store('real', client);
    stored.set('results/AMZN/r1.json', '{"mine":1}');
    await store.put('results/AMZN/r1.json', '{"mine":1}', { ifAbsent: true });
    stored.set('results/AMZN/r2.json', '{"theirs":1}');
    await expect(store.put('results/AMZN/r2.json', '{"mine":1}', { ifAbsent: true })).rejects.toBeInstanceOf(ObjectExistsError);
  });

  it('sends no condition on ordinary writes', async () => {
    const sent: Record<string, unknown>[] = [];
    const client = { send: async (command: { input: Record<string, unknown> }) => void sent.push(command.input) } as unknown as S3Client;
    await new S3Store('real', client).put('data/AMZN.csv', 'x');
    expect(sent[0]).not.toHaveProperty('IfNoneMatch');
  });
});
