// The sharded Monte Carlo: exact pooled quantiles whatever the split, agreement with
// theory, and a strict protocol.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalPdf, normalQuantile } from '../../../src/core/normal.js';
import { parseConfidenceLevels, quantileRank } from '../../../src/core/quantile.js';
import { DRAWS_PER_BLOCK } from '../../../src/core/rng/stream.js';
import { BlockStrata, TAIL_STRATA } from '../../../src/core/rng/tail-strata.js';
import { type McLevelEstimate, mergeShards } from '../../../src/core/shard/merge.js';
import { firstRound, type McSpec, planShards, type RoundPlan, shardTask } from '../../../src/core/shard/plan.js';
import { MAX_VALUES, parseShardResult, parseShardTask, runShard, type ShardTask } from '../../../src/core/shard/protocol.js';
import { strataNeeded } from '../../../src/core/shard/run-shard.js';
import { ExactSum } from '../../../src/core/var/exact-sum.js';
import { lossCoefficients } from '../../../src/core/var/loss.js';
import { quantileIntervalRanks } from '../../../src/core/var/mc-interval.js';

/** Run every round in-process with the given cut points of [0, N). */
function monteCarlo(spec: McSpec, plan: (round: RoundPlan) => ShardTask[]): { estimates: Readonly<Record<string, McLevelEstimate>>; rounds: number } {
  let round = firstRound(spec);
  for (;;) {
    const results = plan(round).map((task) => runShard(parseShardTask(JSON.parse(JSON.stringify(task)))));
    const merged = mergeShards(spec, round, results);
    if (merged.done) return merged;
    round = merged.next;
  }
}

function cutsPlan(spec: McSpec, cuts: readonly number[]): (round: RoundPlan) => ShardTask[] {
  const points = [0, ...[...new Set(cuts.filter((c) => c > 0 && c < spec.sims))].sort((a, b) => a - b), spec.sims];
  return (round) => points.slice(1).map((end, i) => shardTask(spec, round, i, points[i] as number, end - (points[i] as number)));
}

/** The definition, by brute force: all N draws of every stratum, as losses, sorted. */
function singleProcess(spec: McSpec): Record<string, McLevelEstimate> {
  const { c0, c1 } = lossCoefficients(spec.mu, spec.sigma, spec.position);
  const losses = new Float64Array(spec.sims);
  let filled = 0;
  for (let block = 0; block * DRAWS_PER_BLOCK < spec.sims; block++) {
    const strata = new BlockStrata(spec.seed, block, Math.min(DRAWS_PER_BLOCK, spec.sims - block * DRAWS_PER_BLOCK));
    for (let s = 0; s < TAIL_STRATA.length; s++) {
      const w = new Float64Array(strata.count(s));
      strata.draws(s).fill(w, w.length);
      // w is the standard normal in the direction of loss: z = -w for long, w for short.
      for (const x of w) losses[filled++] = c0 + c1 * (spec.position === 'long' ? -x : x);
    }
  }
  expect(filled).toBe(spec.sims);
  losses.sort();
  const out: Record<string, McLevelEstimate> = {};
  for (const level of spec.levels) {
    const k = quantileRank(level, spec.sims);
    const { lower, upper } = quantileIntervalRanks(spec.sims, level.q);
    const tail = new ExactSum();
    for (let i = k - 1; i < spec.sims; i++) tail.add(losses[i] as number);
    out[level.label] = {
      var: losses[k - 1] as number,
      es: tail.value() / (spec.sims - k + 1),
      ci: [losses[lower - 1] as number, losses[upper - 1] as number],
      rank: k,
    };
  }
  return out;
}

const levels = parseConfidenceLevels('95,99');

describe('sharded Monte Carlo VaR', () => {
  it('is bit-identical for R in {1, 2, 3, 7} with one seed (N = 1e6)', () => {
    const spec: McSpec = { seed: 7, sims: 1_000_000, mu: 0.0009, sigma: 0.0225, position: 'long', levels };
    const runs = [1, 2, 3, 7].map((r) => JSON.stringify(monteCarlo(spec, (round) => planShards(spec, r, round)).estimates));
    expect(new Set(runs).size).toBe(1);
    expect(JSON.parse(runs[0] as string)).toEqual(singleProcess(spec));
  });

  it('lies within 4 standard errors of the parametric VaR (N = 1e6, both positions)', () => {
    for (const position of ['long', 'short'] as const) {
      const mu = 0.0012;
      const sigma = 0.031;
      const spec: McSpec = { seed: 11, sims: 1_000_000, mu, sigma, position, levels };
      const { estimates } = monteCarlo(spec, (round) => planShards(spec, 2, round));
      for (const level of levels) {
        const z = normalQuantile(level.q);
        const parametric = z * sigma + (position === 'long' ? -mu : mu);
        // Asymptotic standard error of a sample quantile: sqrt(q(1-q)/N) / density at it.
        const standardError = Math.sqrt((level.q * (1 - level.q)) / spec.sims) / (normalPdf(z) / sigma);
        const found = estimates[level.label] as McLevelEstimate;
        expect(Math.abs(found.var - parametric)).toBeLessThan(4 * standardError);
        expect(found.ci[0]).toBeLessThanOrEqual(found.var);
        expect(found.ci[1]).toBeGreaterThanOrEqual(found.var);
        const parametricEs = (sigma * normalPdf(z)) / (1 - level.q) + (position === 'long' ? -mu : mu);
        expect(Math.abs(found.es - parametricEs) / parametricEs).toBeLessThan(0.01);
      }
    }
  });

  it('merged equals single-process for random small runs and any split (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          sims: fc.integer({ min: 1, max: 150_000 }),
          mu: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
          sigma: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 0.2, noNaN: true })),
          position: fc.constantFrom('long' as const, 'short' as const),
          levels: fc.constantFrom('95', '99', '50,90', '97.5,99.9', '1,99.99'),
        }),
        fc.array(fc.integer({ min: 1, max: 150_000 }), { maxLength: 6 }),
        (input, cuts) => {
          const spec: McSpec = { ...input, levels: parseConfidenceLevels(input.levels) };
          expect(monteCarlo(spec, cutsPlan(spec, cuts)).estimates).toEqual(singleProcess(spec));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('narrows in further rounds when the windows hold too many draws, and stays exact', () => {
    // At most 50 values per shard: the first windows cannot be collected and must be narrowed.
    const spec: McSpec = { seed: 3, sims: 300_000, mu: 0, sigma: 0.01, position: 'short', levels };
    const plan = (round: RoundPlan) => planShards(spec, 1, round).map((task) => ({ ...task, maxValues: 50 }));
    const { estimates, rounds } = monteCarlo(spec, plan);
    expect(rounds).toBeGreaterThan(1);
    expect(estimates).toEqual(singleProcess(spec));
  });
});

describe('shard protocol', () => {
  const spec: McSpec = { seed: 1, sims: 1000, mu: 0, sigma: 0.02, position: 'long', levels };
  const [task] = planShards(spec, 1);

  it('tasks and results are plain JSON that round-trip', () => {
    const result = runShard(task as ShardTask);
    expect(parseShardTask(JSON.parse(JSON.stringify(task)))).toEqual(task);
    expect(parseShardResult(JSON.parse(JSON.stringify(result)), task as ShardTask)).toEqual(result);
  });

  it.each([
    ['not an object', 'x'],
    ['unknown field', { ...task, extra: 1 }],
    ['missing field', { ...task, seed: undefined }],
    ['bad protocol', { ...task, protocol: 2 }],
    ['negative seed', { ...task, seed: -1 }],
    ['fractional count', { ...task, count: 1.5 }],
    ['zero count', { ...task, count: 0 }],
    ['count beyond the cap', { ...task, count: 2e11 }],
    ['negative sigma', { ...task, sigma: -0.1 }],
    ['infinite mu', { ...task, mu: Number.POSITIVE_INFINITY }],
    ['bad position', { ...task, position: 'flat' }],
    ['no windows', { ...task, windows: [] }],
    ['empty window', { ...task, windows: [{ lo: 1, hi: 1, bins: 4 }] }],
    ['too many bins', { ...task, windows: [{ lo: 0, hi: 1, bins: 1e6 }] }],
    ['too many values', { ...task, maxValues: 1e9 }],
  ])('parseShardTask rejects %s', (_name, input) => {
    expect(() => parseShardTask(input === undefined ? input : JSON.parse(JSON.stringify(input)))).toThrow(/invalid shard/);
  });

  it('parseShardResult rejects a result for another task', () => {
    const result = runShard(task as ShardTask);
    expect(() => parseShardResult({ ...result, start: 5 }, task as ShardTask)).toThrow(/does not match/);
  });

  it('keeps payloads small at N = 1e9 (planned, not run): tasks under 2 KB', () => {
    const big: McSpec = { ...spec, sims: 1e9, levels: parseConfidenceLevels('90,95,97.5,99,99.5,99.9') };
    for (const t of planShards(big, 16)) expect(JSON.stringify(t).length).toBeLessThan(2048);
  });
});

describe('strata a shard generates', () => {
  it('never leaves out a stratum holding a draw whose loss reaches the lowest window', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.array(fc.double({ min: 1e-21, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 50 }),
        (c0, scale, lowest, tails) => {
          const needed = strataNeeded(c0, scale, lowest);
          for (const t of tails) {
            const loss = c0 + scale * -normalQuantile(t);
            if (loss >= lowest) expect(t <= (TAIL_STRATA[needed - 1] as number)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('payload sizes', () => {
  const spec: McSpec = { seed: 9, sims: 1_000_000, mu: 0.001, sigma: 0.03, position: 'long', levels: parseConfidenceLevels('95') };

  it('a result stays under 1 MB with the most windows (histograms) or the most values', () => {
    const windows = Array.from({ length: 32 }, (_, i) => ({ lo: 0.02 + i * 0.001, hi: 0.3 - i * 0.001, bins: 1024 }));
    const base = planShards(spec, 1)[0] as ShardTask;
    const histograms = runShard({ ...base, windows });
    expect(histograms.windows.every((w) => w.hist !== null)).toBe(true);
    expect(JSON.stringify(histograms).length).toBeLessThan(1_000_000);
    // A window holding most of the values a shard may return: values, not histograms.
    const values = runShard({ ...base, windows: [{ lo: 0.049, hi: 0.0605, bins: 1024 }] });
    const kept = values.windows[0]?.values?.length ?? 0;
    expect(kept).toBeGreaterThan(0.8 * MAX_VALUES);
    expect(kept).toBeLessThanOrEqual(MAX_VALUES);
    expect(JSON.stringify(values).length).toBeLessThan(1_000_000);
  });
});
