// The VaR job queue on its own: order, bounds, forgetting, and shutdown.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/server/http-error.js';
import { type JobContext, JobQueue, QueueFullError } from '../../src/server/job-queue.js';

function queue(limits: { concurrency?: number; maxWaiting?: number; maxFinished?: number } = {}): JobQueue<string> {
  return new JobQueue<string>({ concurrency: 1, maxWaiting: 2, maxFinished: 10, ...limits, now: () => new Date(0), describeError });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function settled(jobs: JobQueue<string>, id: string): Promise<string> {
  for (;;) {
    const status = jobs.get(id)?.status;
    if (status === 'done' || status === 'failed') return status;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('JobQueue', () => {
  it('runs jobs one at a time in the order they came', async () => {
    const jobs = queue();
    const order: string[] = [];
    const gate = deferred();
    const a = jobs.submit(async () => {
      await gate.promise;
      order.push('a');
      return 'a';
    });
    const b = jobs.submit(async () => {
      order.push('b');
      return 'b';
    });
    expect([jobs.get(a.id)?.status, jobs.get(b.id)?.status]).toEqual(['running', 'queued']);
    gate.resolve();
    expect(await settled(jobs, b.id)).toBe('done');
    expect(order).toEqual(['a', 'b']);
    expect(jobs.get(b.id)?.result).toBe('b');
  });

  it('refuses a job beyond the running and waiting ones', () => {
    const jobs = queue({ maxWaiting: 1 });
    const never = deferred();
    jobs.submit(() => never.promise.then(() => 'x'));
    jobs.submit(() => never.promise.then(() => 'y'));
    expect(() => jobs.submit(async () => 'z')).toThrow(QueueFullError);
  });

  it('forgets the oldest finished jobs beyond maxFinished', async () => {
    const jobs = queue({ maxFinished: 2 });
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const job = jobs.submit(async () => name);
      ids.push(job.id);
      await settled(jobs, job.id);
    }
    expect(ids.map((id) => jobs.get(id)?.result)).toEqual([undefined, 'b', 'c']);
  });

  it('on close, aborts the running job, waits for its clean-up, and cancels the waiting ones', async () => {
    const jobs = queue();
    let cleanedUp = false;
    const running = jobs.submit(
      ({ signal }: JobContext) =>
        new Promise<string>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            setTimeout(() => {
              cleanedUp = true;
              reject(new Error('aborted'));
            }, 20);
          });
        }),
    );
    const waiting = jobs.submit(async () => 'never');
    await jobs.close();
    expect(cleanedUp).toBe(true);
    expect(jobs.get(running.id)?.status).toBe('failed');
    expect(jobs.get(waiting.id)).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    expect(() => jobs.submit(async () => 'late')).toThrow('closed');
  });
});
