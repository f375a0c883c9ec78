// The dashboard as a Hono app built from its dependencies: JSON API under /api, the static
// pages everywhere else. No global state: every call builds a fresh app with its own queue.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_BODY_BYTES, type ServerDeps, type VarResultJson } from './deps.js';
import { describeError, HttpError, toHttpFailure } from './http-error.js';
import { JobQueue } from './job-queue.js';
import { requireLoopbackHost, requireToken, securityHeaders } from './security.js';
import { signalsRoutes } from './signals-routes.js';
import type { StaticAssets } from './static-assets.js';
import { varRoutes } from './var-routes.js';

export interface DashboardApp {
  readonly app: Hono;
  /** Abort running jobs and wait for their clean-up (server shutdown). */
  close(): Promise<void>;
}

export function createApp(deps: ServerDeps): DashboardApp {
  const queue = new JobQueue<VarResultJson>({ ...deps.queue, now: deps.now, describeError });
  const app = new Hono();
  app.use(securityHeaders());
  if (deps.loopbackOnly) app.use(requireLoopbackHost());

  const api = new Hono();
  if (deps.token !== undefined) api.use(requireToken(deps.token));
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, 'too_large', `request body is larger than ${MAX_BODY_BYTES / 1024} KB`);
      },
    }),
  );
  api.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.route('/', signalsRoutes(deps.data));
  api.route('/', varRoutes({ varRunner: deps.varRunner, results: deps.results, queue }));
  api.all('*', (c) => {
    throw new HttpError(404, 'not_found', `no API route ${c.req.method} ${new URL(c.req.url).pathname}`);
  });
  app.route('/api', api);

  app.get('*', (c) => serveAsset(deps.assets, new URL(c.req.url).pathname, c.req.header('accept-encoding') ?? ''));
  app.notFound((c) => c.text('not found', 404));
  app.onError((error, c) => {
    const failure = toHttpFailure(error);
    return c.json(failure.body, failure.status);
  });

  return { app, close: () => queue.close() };
}

function serveAsset(assets: StaticAssets, path: string, acceptEncoding: string): Response {
  const asset = assets.get(path);
  if (asset === undefined) return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const headers: Record<string, string> = { 'Content-Type': asset.contentType, 'Cache-Control': asset.cacheControl, Vary: 'Accept-Encoding' };
  if (asset.body.byteLength > 1024 && /\bgzip\b/.test(acceptEncoding)) {
    headers['Content-Encoding'] = 'gzip';
    return new Response(asset.gzipped(), { headers });
  }
  return new Response(asset.body, { headers });
}
