// The contract every ComputeBackend (local, lambda, ec2) must pass: for the same tasks it
// returns exactly what the core's runShard returns, in task order, reports each shard as
// it finishes, and stops when aborted. Errors are matched by name and code, not class, so
// backends loaded from dist/ (worker threads need built files) pass too. Use: describeBackendContract('local', makeBackend).
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfidenceLevels } from '../../src/core/quantile.js';
import { mergeShards } from '../../src/core/shard/merge.js';
import { firstRound, type McSpec, planShards, shardTask } from '../../src/core/shard/plan.js';
import { runShard, type ShardTask } from '../../src/core/shard/protocol.js';
import type { ComputeBackend } from '../../src/ports.js';

export function describeBackendContract(name: string, makeBackend: () => Promise<ComputeBackend>): void {
  describe(`ComputeBackend contract: ${name}`, () => {
    const opened: ComputeBackend[] = [];
    const open = async (): Promise<ComputeBackend> => {
      const backend = await makeBackend();
      opened.push(backend);
      return backend;
    };
    afterAll(async () => {
      await Promise.all(opened.map((backend) => backend.close()));
    });

    const spec: McSpec = { seed: 20261125, sims: 400_000, mu: 0.0004, sigma: 0.018, position: 'short', levels: parseConfidenceLevels('95,99') };

    it('returns what runShard returns, in task order, whatever order shards finish in', async () => {
      const backend = await open();
      const round = firstRound(spec);
      // Uneven shards: a big first one finishes last.
      const cuts = [0, 300_000, 310_000, 330_000, 400_000];
      const tasks: ShardTask[] = cuts.slice(1).map((end, i) => shardTask(spec, round, i, cuts[i] as number, end - (cuts[i] as number)));
      const finished: number[] = [];
      const outcomes = await backend.run(tasks, { onShardDone: (index) => finished.push(index) });
      expect(outcomes.map((outcome) => outcome.result)).toEqual(tasks.map((task) => runShard(task)));
      expect([...finished].sort()).toEqual([0, 1, 2, 3]);
      for (const outcome of outcomes) {
        expect(outcome.attempts).toBeGreaterThanOrEqual(1);
        expect(outcome.ms).toBeGreaterThanOrEqual(0);
      }
    });

    it('gives a Monte Carlo result bit-identical to in-process for R = 1, 3 and 7', async () => {
      const backend = await open();
      const inProcess = mergeShards(spec, firstRound(spec), planShards(spec, 2).map(runShard));
      for (const resources of [1, 3, 7]) {
        const outcomes = await backend.run(planShards(spec, resources), { concurrency: 2 });
        const merged = mergeShards(
          spec,
          firstRound(spec),
          outcomes.map((outcome) => outcome.result),
        );
        expect(merged).toEqual(inProcess);
      }
    });

    it('rejects with CancelledError when aborted, before or during a run', async () => {
      const backend = await open();
      const aborted = new AbortController();
      aborted.abort();
      await expect(backend.run(planShards(spec, 2), { signal: aborted.signal })).rejects.toMatchObject({ name: 'CancelledError', code: 'cancelled' });
      const long: McSpec = { ...spec, sims: 200_000_000 };
      const controller = new AbortController();
      const running = backend.run(planShards(long, 2), { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(running).rejects.toMatchObject({ name: 'CancelledError', code: 'cancelled' });
    });

    it('reports its usage and closes', async () => {
      const backend = await makeBackend();
      await backend.run(planShards(spec, 1));
      expect(backend.usage().backend).toBe(backend.name);
      await backend.close();
    });
  });
}
