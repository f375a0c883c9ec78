// The interfaces the adapters implement. The core never imports an adapter; the CLI and
// the server pick adapters and pass them in.
import type { ShardResult, ShardTask } from './core/shard/protocol.js';

/** A flat key/value object store: a local folder or an S3 bucket. Keys use `/`. */
export interface ObjectStore {
  /** Where this store lives, for messages (`/home/u/.stockrisk`, `s3://bucket`). */
  readonly location: string;
  /** The object's bytes, or undefined when it does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  /**
   * Write an object. With `ifAbsent` the write must never replace an existing object:
   * it throws ObjectExistsError instead (conditional put, or check-and-put where the
   * store lacks it). Writes are atomic: a reader never sees half an object.
   */
  put(key: string, body: Uint8Array | string, options?: { ifAbsent?: boolean; contentType?: string }): Promise<void>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** What one shard cost to compute, as measured by the backend that ran it. */
export interface ShardOutcome {
  readonly result: ShardResult;
  /** Wall time of the shard as the caller saw it, including retries. */
  readonly ms: number;
  /** 1 when it succeeded first time. */
  readonly attempts: number;
  /** Billed duration reported by the platform (Lambda REPORT line), when known. */
  readonly billedMs?: number;
  /** Which worker ran it (thread index, function name, instance id). */
  readonly worker?: string;
}

export interface BackendRunOptions {
  /** Most shards in flight at once; defaults to the number of tasks. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Called as each shard finishes, for progress bars. */
  readonly onShardDone?: (index: number, outcome: ShardOutcome) => void;
}

/** Resource use of a backend over its lifetime, for the cost model. */
export interface BackendUsage {
  readonly backend: string;
  /** Lambda: invocations, billed ms summed, memory and architecture. */
  readonly invocations?: number;
  readonly billedMs?: number;
  readonly memoryMb?: number;
  readonly architecture?: 'arm64' | 'x86_64';
  /** EC2: instance-seconds per instance type, and seconds spent starting instances. */
  readonly instanceSeconds?: Readonly<Record<string, number>>;
  readonly startupMs?: number;
}

/**
 * Runs shard tasks somewhere (worker threads, Lambda, EC2) and returns their results in
 * task order. Every backend computes with the core's `runShard`, so for the same tasks
 * every backend returns identical results.
 */
export interface ComputeBackend {
  readonly name: string;
  run(tasks: readonly ShardTask[], options?: BackendRunOptions): Promise<ShardOutcome[]>;
  usage(): BackendUsage;
  /** Release what the backend holds (threads, started EC2 instances). Always called. */
  close(): Promise<void>;
}
