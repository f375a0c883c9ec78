// The EC2 worker's HTTP API, built from its dependencies so tests need no network:
//   GET  /healthz  -> 200 {ok, threads, busy}            (no token: the client polls it while starting)
//   POST /shards   -> 200 ShardResult for one ShardTask  (Authorization: Bearer <token>)
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UsageError } from '../src/core/errors.js';
import type { ShardResult } from '../src/core/shard/protocol.js';

export interface WorkerAppOptions {
  readonly token: string;
  readonly threads: number;
  readonly runShard: (task: unknown) => Promise<ShardResult>;
  readonly busy: () => number;
}

/** A shard task is a few hundred bytes; anything near this is not one. */
const maxBodyBytes = 1 << 20;

export function workerApp(options: WorkerAppOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const expected = Buffer.from(`Bearer ${options.token}`);
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz' && request.method === 'GET') {
      send(response, 200, { ok: true, threads: options.threads, busy: options.busy() });
      return;
    }
    if (path !== '/shards') return send(response, 404, { error: `no route ${request.method} ${path}` });
    if (request.method !== 'POST') return send(response, 405, { error: 'use POST /shards' });
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return send(response, 401, { error: 'missing or wrong bearer token' });
    }
    readBody(request)
      .then(async (body) => {
        let task: unknown;
        try {
          task = JSON.parse(body);
        } catch {
          return send(response, 400, { error: 'body is not JSON' });
        }
        const started = performance.now();
        const result = await options.runShard(task);
        response.setHeader('x-stockrisk-shard-ms', Math.round(performance.now() - started).toString());
        send(response, 200, result);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        // An invalid task (UsageError from parseShardTask) is the caller's to fix: 400, not retried.
        send(response, error instanceof BodyTooLargeError ? 413 : error instanceof UsageError ? 400 : 500, { error: message });
      });
  };
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new BodyTooLargeError(`body over ${maxBodyBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
