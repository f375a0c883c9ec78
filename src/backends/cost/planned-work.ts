// The work a round of shard tasks stands for, for estimates: each task regenerates
// `count` draws. A run usually needs one round; a rare second, narrower round regenerates
// the draws again, so estimates count two passes to err on the high side.
import type { ShardTask } from '../../core/shard/protocol.js';
import type { PlannedWork } from './estimate.js';

export const estimatedPasses = 2;

export function plannedWork(tasks: readonly ShardTask[]): PlannedWork {
  return { shardDraws: tasks.map((task) => task.count), passes: estimatedPasses };
}

/** A VaR's first round of shards: the one its estimate (with `estimatedPasses`) stands for. */
export function isFirstRound(tasks: readonly ShardTask[]): boolean {
  return (tasks[0]?.round ?? 0) === 0;
}
