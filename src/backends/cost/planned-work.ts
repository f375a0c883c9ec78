// The work a round of shard tasks stands for, for estimates: each task regenerates
// `count` draws. A run usually needs one round; a rare second, narrower round regenerates
// the draws again, so estimates count two passes to err on the high side.
import type { ShardTask } from '../../core/shard/protocol.js';
import type { PlannedWork } from './estimate.js';

export const estimatedPasses = 2;

export function plannedWork(tasks: readonly ShardTask[]): PlannedWork {
  return { shardDraws: tasks.map((task) => task.count), passes: estimatedPasses };
}
