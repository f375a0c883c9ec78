// S3 on loopback: s3rver behind a thin proxy that adds what s3rver lacks and real S3
// has — conditional writes. A PUT with `If-None-Match: *` onto an existing key gets
// 412 PreconditionFailed, so "a result is never overwritten" is tested for real.
// Credentials: s3rver knows the access key S3RVER (secret S3RVER).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { closeServer, listenLoopback } from './http-util.js';

export interface S3Emulator {
  readonly endpoint: string;
  readonly bucket: string;
  close(): Promise<void>;
}

export async function startS3Emulator(bucket: string): Promise<S3Emulator> {
  const directory = mkdtempSync(join(tmpdir(), 'stockrisk-s3-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port: upstreamPort } = await s3rver.run();
  // One conditional write at a time per key, so check-then-put cannot interleave.
  const locks = new Map<string, Promise<void>>();

  const forward = (request: IncomingMessage, response: ServerResponse): void => {
    const headers = { ...request.headers };
    delete headers.expect;
    const upstream = httpRequest({ host: '127.0.0.1', port: upstreamPort, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  };

  const exists = (request: IncomingMessage): Promise<boolean> =>
    new Promise((resolve) => {
      const headers = { ...request.headers };
      for (const name of ['content-length', 'content-type', 'expect', 'if-none-match', 'transfer-encoding', 'content-encoding']) delete headers[name];
      const probe = httpRequest({ host: '127.0.0.1', port: upstreamPort, method: 'HEAD', path: request.url, headers }, (answer) => {
        answer.resume();
        resolve(answer.statusCode === 200);
      });
      probe.on('error', () => resolve(false));
      probe.end();
    });

  const server = createServer((request, response) => {
    const conditional = request.method === 'PUT' && request.headers['if-none-match'] === '*';
    if (!conditional) return forward(request, response);
    const key = (request.url ?? '').split('?')[0] ?? '';
    const previous = locks.get(key) ?? Promise.resolve();
    const turn = previous.then(async () => {
      if (await exists(request)) {
        request.resume();
        const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>`;
        response.writeHead(412, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
        response.end(body);
        return;
      }
      await new Promise<void>((resolve) => {
        response.on('close', resolve);
        forward(request, response);
      });
    });
    locks.set(key, turn);
    void turn.finally(() => {
      if (locks.get(key) === turn) locks.delete(key);
    });
  });
  const port = await listenLoopback(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async close() {
      await closeServer(server);
      await s3rver.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
