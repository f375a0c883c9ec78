// A fixed pool of worker threads, one per core, so concurrent POST /shards requests
// use every core of the instance. A thread that dies is replaced and its shard failed
// (the client retries it).
import { Worker } from 'node:worker_threads';
import type { ShardResult } from '../src/core/shard/protocol.js';
import type { ShardJob } from './shard-thread.js';

interface PendingJob {
  readonly job: ShardJob;
  readonly resolve: (result: ShardResult) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current: PendingJob | undefined;
}

const threadFile = new URL('./shard-thread.js', import.meta.url);

export class ShardPool {
  readonly #slots: Slot[] = [];
  readonly #queue: PendingJob[] = [];
  #nextId = 1;
  #closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn());
  }

  /** Computes one shard on the next free thread. */
  run(task: unknown): Promise<ShardResult> {
    if (this.#closed) return Promise.reject(new Error('worker is shutting down'));
    return new Promise<ShardResult>((resolve, reject) => {
      this.#queue.push({ job: { id: this.#nextId++, task }, resolve, reject });
      this.#dispatch();
    });
  }

  /** Shards running or waiting, for /healthz. */
  get busy(): number {
    return this.#queue.length + this.#slots.filter((slot) => slot.current !== undefined).length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('worker is shutting down'));
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new Worker(threadFile), current: undefined };
    slot.worker.on('message', (message: { id: number; result?: ShardResult; error?: string }) => {
      const pending = slot.current;
      if (pending === undefined || pending.job.id !== message.id) return;
      slot.current = undefined;
      if (message.error !== undefined || message.result === undefined) pending.reject(new Error(message.error ?? 'no result'));
      else pending.resolve(message.result);
      this.#dispatch();
    });
    slot.worker.on('error', (error) => this.#replace(slot, error));
    slot.worker.on('exit', (code) => this.#replace(slot, new Error(`shard thread exited with code ${code}`)));
    return slot;
  }

  #replace(slot: Slot, error: Error): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    slot.current?.reject(error);
    slot.current = undefined;
    if (this.#closed) return;
    this.#slots[index] = this.#spawn();
    this.#dispatch();
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.current !== undefined) continue;
      const pending = this.#queue.shift();
      if (pending === undefined) return;
      slot.current = pending;
      slot.worker.postMessage(pending.job);
    }
  }
}
