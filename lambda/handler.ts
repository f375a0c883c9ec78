// The Lambda function: one invocation computes one shard. The event is a ShardTask
// (validated here, so a malformed event fails with a clear message), the return value
// its ShardResult. All the work is the core's runShard, the same code every backend runs.
import { parseShardTask, runShard, type ShardResult } from '../src/core/shard/protocol.js';

export async function handler(event: unknown): Promise<ShardResult> {
  return runShard(parseShardTask(event));
}
