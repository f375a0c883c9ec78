// Puts a Hono app on a real socket (Node's http server via @hono/node-server).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { UsageError } from '../core/errors.js';

export interface RunningServer {
  /** The base URL the server answers on, with the port actually bound (port 0 picks one). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function listen(app: Hono, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      resolve({
        url: `http://${urlHost(host)}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // SSE streams keep connections open; close them so shutdown does not hang.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new UsageError(`port ${port} on ${host} is already in use`, { hint: 'choose another with --port, or --port 0 for any free port' }));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new UsageError(`cannot listen on ${host}: not an address of this machine`, { hint: 'use --host 127.0.0.1, or 0.0.0.0 for every interface' }));
      } else reject(error);
    });
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
