// Shard tasks of a small Monte Carlo run, and what the core computes for them locally:
// every backend must return exactly these results.

import { parseConfidenceLevels } from '../../src/core/quantile.js';
import { planShards } from '../../src/core/shard/plan.js';
import type { ShardResult, ShardTask } from '../../src/core/shard/protocol.js';
import { runShard } from '../../src/core/shard/run-shard.js';

export function smallRun(shards: number, seed = 7): { tasks: ShardTask[]; expected: ShardResult[] } {
  const tasks = planShards({ seed, sims: 40_000, mu: 0.0005, sigma: 0.021, position: 'long', levels: parseConfidenceLevels('95,99') }, shards);
  return { tasks, expected: tasks.map(runShard) };
}
