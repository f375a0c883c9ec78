// The EC2 worker's HTTP API, built with a fake shard runner: health without a token,
// shards only with the right bearer token, clear 4xx answers for bad requests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerApp } from '../../ec2-worker/app.js';
import { UsageError } from '../../src/core/errors.js';
import type { ShardResult } from '../../src/core/shard/protocol.js';

let server: Server;
let url: string;
const seen: unknown[] = [];

beforeAll(async () => {
  server = createServer(
    workerApp({
      token: 'secret-token-123456',
      threads: 2,
      busy: () => 0,
      runShard: async (task) => {
        seen.push(task);
        if ((task as { fail?: boolean }).fail === true) throw new Error('invalid shard count: must be an integer');
        if ((task as { invalid?: boolean }).invalid === true) throw new UsageError('invalid shard task: protocol must be 1');
        return { protocol: 1, echo: task } as unknown as ShardResult;
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: string, token = 'secret-token-123456') => fetch(`${url}/shards`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });

describe('ec2 worker app', () => {
  it('answers /healthz without a token', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, threads: 2, busy: 0 });
  });

  it('runs a shard for the right token', async () => {
    const response = await post('{"shard":3}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ protocol: 1, echo: { shard: 3 } });
  });

  it('refuses a missing or wrong token with 401, before reading the task', async () => {
    const before = seen.length;
    expect((await post('{}', 'wrong')).status).toBe(401);
    expect((await fetch(`${url}/shards`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(seen.length).toBe(before);
  });

  it('answers 400 to a body that is not JSON, 500 with the reason when the shard fails, 404/405 elsewhere', async () => {
    expect((await post('not json')).status).toBe(400);
    const failed = await post('{"fail":true}');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'invalid shard count: must be an integer' });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/shards`)).status).toBe(405);
  });

  it('answers 400 to a task the shard runner rejects as invalid, so callers do not retry it', async () => {
    const rejected = await post('{"invalid":true}');
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toEqual({ error: 'invalid shard task: protocol must be 1' });
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const response = await post(`{"pad":"${'x'.repeat(1_100_000)}"}`).catch(() => undefined);
    // The server may cut the upload short; either way the shard never runs.
    if (response !== undefined) expect(response.status).toBe(413);
    expect(seen.some((task) => (task as { pad?: string }).pad !== undefined)).toBe(false);
  });
});
