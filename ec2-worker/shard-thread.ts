// One worker thread of the EC2 worker: runs the shards the pool hands it, one at a time.
import { parentPort } from 'node:worker_threads';
import { parseShardTask, runShard } from '../src/core/shard/protocol.js';

export interface ShardJob {
  readonly id: number;
  readonly task: unknown;
}

const port = parentPort;
if (port === null) throw new Error('shard-thread.js runs as a worker thread of the EC2 worker');
port.on('message', (job: ShardJob) => {
  try {
    port.postMessage({ id: job.id, result: runShard(parseShardTask(job.task)) });
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
