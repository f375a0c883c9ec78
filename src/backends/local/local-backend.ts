// The local backend: shard tasks on a pool of worker threads, one task per thread at a
// time, results in task order. Threads are started on first use and kept until close().
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CancelledError, WorkerError } from '../../core/errors.js';
import type { ShardResult, ShardTask } from '../../core/shard/protocol.js';
import type { BackendRunOptions, BackendUsage, ComputeBackend, ShardOutcome } from '../../ports.js';
import type { WorkerReply } from './shard-worker.js';

export interface LocalBackendOptions {
  /** Most threads (default: the number of cores). */
  readonly threads?: number;
}

const workerUrl = new URL('./shard-worker.js', import.meta.url);

interface Slot {
  readonly worker: Worker;
  busy: boolean;
}

export class LocalBackend implements ComputeBackend {
  readonly name = 'local';
  readonly maxThreads: number;
  private readonly slots: Slot[] = [];
  private shardsRun = 0;
  private closed = false;

  constructor(options: LocalBackendOptions = {}) {
    this.maxThreads = Math.max(1, options.threads ?? availableParallelism());
  }

  async run(tasks: readonly ShardTask[], options: BackendRunOptions = {}): Promise<ShardOutcome[]> {
    if (this.closed) throw new WorkerError('the local backend is closed');
    const { signal } = options;
    if (signal?.aborted === true) throw new CancelledError('the run was cancelled');
    const width = Math.max(1, Math.min(tasks.length, this.maxThreads, options.concurrency ?? tasks.length));
    while (this.slots.length < width) this.slots.push({ worker: new Worker(workerUrl), busy: false });

    const outcomes = new Array<ShardOutcome>(tasks.length);
    let next = 0;
    return new Promise<ShardOutcome[]>((resolve, reject) => {
      let finished = 0;
      let failed = false;
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        signal?.removeEventListener('abort', onAbort);
        // Busy threads cannot be interrupted mid-shard; replace them.
        void this.terminateAll();
        reject(error);
      };
      const onAbort = (): void => fail(new CancelledError('the run was cancelled'));
      signal?.addEventListener('abort', onAbort, { once: true });

      const start = (slot: Slot): void => {
        if (failed || next >= tasks.length) return;
        const index = next++;
        const task = tasks[index] as ShardTask;
        slot.busy = true;
        const began = performance.now();
        const onMessage = (reply: WorkerReply): void => {
          cleanup();
          slot.busy = false;
          if (failed) return;
          if ('error' in reply) {
            fail(new WorkerError(`shard ${task.shard} failed in a worker thread: ${reply.error}`));
            return;
          }
          const outcome: ShardOutcome = {
            result: reply.result as ShardResult,
            ms: performance.now() - began,
            attempts: 1,
            worker: `thread-${this.slots.indexOf(slot)}`,
          };
          outcomes[index] = outcome;
          this.shardsRun++;
          finished++;
          options.onShardDone?.(index, outcome);
          if (finished === tasks.length) {
            signal?.removeEventListener('abort', onAbort);
            resolve(outcomes);
          } else {
            start(slot);
          }
        };
        const onError = (error: Error): void => {
          cleanup();
          fail(new WorkerError(`a worker thread died running shard ${task.shard}: ${error.message}`));
        };
        const onExit = (code: number): void => {
          cleanup();
          fail(new WorkerError(`a worker thread exited (code ${code}) running shard ${task.shard}`));
        };
        const cleanup = (): void => {
          slot.worker.off('message', onMessage);
          slot.worker.off('error', onError);
          slot.worker.off('exit', onExit);
        };
        slot.worker.on('message', onMessage);
        slot.worker.on('error', onError);
        slot.worker.on('exit', onExit);
        slot.worker.postMessage({ id: index, task });
      };
      if (tasks.length === 0) {
        resolve([]);
        return;
      }
      for (const slot of this.slots.slice(0, width)) start(slot);
    });
  }

  usage(): BackendUsage {
    return { backend: this.name, invocations: this.shardsRun };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.terminateAll();
  }

  private async terminateAll(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
