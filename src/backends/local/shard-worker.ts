// A worker thread of the local backend: runs shard tasks with the core's runShard.
import { parentPort } from 'node:worker_threads';
import type { ShardTask } from '../../core/shard/protocol.js';
import { runShard } from '../../core/shard/protocol.js';

export interface WorkerRequest {
  readonly id: number;
  readonly task: ShardTask;
}

export type WorkerReply = { readonly id: number; readonly result: ReturnType<typeof runShard> } | { readonly id: number; readonly error: string };

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, result: runShard(request.task) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
