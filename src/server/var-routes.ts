// POST /api/var queues a VaR run; GET /api/jobs/:id and its SSE stream follow it;
// GET /api/results[/:id] and GET /api/costs read the stored runs.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { NotFoundError, UsageError } from '../core/errors.js';
import { summarizeCosts } from './cost-summary.js';
import type { ResultsHistory, VarResultJson } from './deps.js';
import { HttpError } from './http-error.js';
import { type JobQueue, type JobView, QueueFullError } from './job-queue.js';
import { idParam, parseRequest, varRequest } from './request-schemas.js';
import type { VarRunner } from './var-runner.js';

/** How often an idle progress stream sends a comment, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

export interface VarRouteDeps {
  readonly varRunner: VarRunner;
  readonly results: ResultsHistory;
  readonly queue: JobQueue<VarResultJson>;
}

export function varRoutes({ varRunner, results, queue }: VarRouteDeps): Hono {
  const routes = new Hono();

  routes.post('/var', async (c) => {
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new HttpError(415, 'unsupported_media_type', 'send the VaR request as JSON (Content-Type: application/json)');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new UsageError('invalid VaR request: the body is not valid JSON');
    }
    const request = parseRequest(varRequest, body, 'VaR request');
    // Every check `stockrisk var` makes happens now (400/404), not as a failed job later.
    const run = await varRunner.prepare(request);
    try {
      const job = queue.submit(({ signal, report }) => run({ signal, onProgress: report }));
      return c.json({ jobId: job.id, status: job.status }, 202);
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      c.header('Retry-After', '5');
      throw new HttpError(429, 'queue_full', error.message);
    }
  });

  routes.get('/jobs/:id', (c) => c.json(findJob(queue, c.req.param('id'))));

  routes.get('/jobs/:id/events', (c) => {
    const first = findJob(queue, c.req.param('id'));
    return streamSSE(c, async (stream) => {
      let last: JobView<VarResultJson> = first;
      // Writes are chained so they go out in order and all before the stream closes.
      let writing = Promise.resolve();
      const finished = new Promise<void>((resolve) => {
        const send = (job: JobView<VarResultJson>): void => {
          last = job;
          writing = writing.then(() => stream.writeSSE({ event: 'job', data: JSON.stringify(job) }));
          if (isFinal(job)) resolve();
        };
        const unsubscribe = queue.subscribe(first.id, send);
        stream.onAbort(() => {
          unsubscribe();
          resolve();
        });
        // The job may have moved on between the lookup and the subscription.
        send(queue.get(first.id) ?? first);
      });
      while (!isFinal(last) && !stream.aborted) {
        await Promise.race([finished, stream.sleep(HEARTBEAT_MS)]);
        if (!isFinal(last) && !stream.aborted) writing = writing.then(() => stream.write(': keep-alive\n\n').then(() => {}));
      }
      await finished;
      await writing;
    });
  });

  routes.get('/results', async (c) => c.json(await results.list()));

  routes.get('/results/:id', async (c) => {
    const id = parseRequest(idParam, c.req.param('id'), 'result id');
    const result = await results.get(id);
    if (result === undefined) throw new NotFoundError(`no stored result ${id}`);
    return c.json(result);
  });

  routes.get('/costs', async (c) => c.json(summarizeCosts(await results.list())));

  return routes;
}

function findJob(queue: JobQueue<VarResultJson>, rawId: string): JobView<VarResultJson> {
  const id = parseRequest(idParam, rawId, 'job id');
  const job = queue.get(id);
  if (job === undefined) throw new NotFoundError(`no job ${id} (jobs are kept in memory until the server restarts)`);
  return job;
}

function isFinal(job: JobView<unknown>): boolean {
  return job.status === 'done' || job.status === 'failed';
}
