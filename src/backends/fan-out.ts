import pLimit from 'p-limit';
import { cancelled } from './cloud-retry.js';

/**
 * Runs every task with at most `concurrency` in flight and returns the results in task
 * order. The first failure ends the run: the signal handed to the other tasks aborts and
 * queued tasks are dropped, not awaited. An abort of `signal` becomes a CancelledError.
 */
export async function fanOutFailFast<T, R>(
  tasks: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  run: (task: T, index: number, runSignal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const failFast = new AbortController();
  const runSignal = AbortSignal.any([signal, failFast.signal]);
  const limit = pLimit(Math.max(1, concurrency));
  try {
    return await Promise.all(tasks.map((task, index) => limit(() => run(task, index, runSignal))));
  } catch (error) {
    failFast.abort(error);
    if (signal.aborted) throw cancelled(signal);
    throw error;
  } finally {
    limit.clearQueue();
  }
}
