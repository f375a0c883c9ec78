// Planning a sharded Monte Carlo VaR. The run needs a few order statistics of N losses
// (per level: the VaR rank k and the two ranks of its confidence interval) and the sum of
// the losses from rank k up. Shards are stateless, so each round regenerates the draws
// and reports on loss windows; a round whose windows pin down every rank ends the run,
// otherwise the windows are narrowed (see merge.ts). The first windows are placed where
// theory puts the ranks (+-5 standard errors), so one round is the usual case.
import { normalQuantile } from '../normal.js';
import { type ConfidenceLevel, quantileRank } from '../quantile.js';
import { NORMAL_DRAW_BOUND } from '../rng/tail-strata.js';
import { lossCoefficients } from '../var/loss.js';
import { quantileIntervalRanks } from '../var/mc-interval.js';
import { type LossWindow, MAX_BINS, MAX_VALUES, type Position, PROTOCOL_VERSION, type ShardTask } from './protocol.js';

export interface McSpec {
  readonly seed: number;
  readonly sims: number;
  readonly mu: number;
  readonly sigma: number;
  readonly position: Position;
  readonly levels: readonly ConfidenceLevel[];
}

export type TargetKind = 'var' | 'ciLow' | 'ciHigh';

/** An order statistic still being searched for, known to lie in [bracketLo, bracketHi). */
export interface PendingTarget {
  readonly level: string;
  readonly kind: TargetKind;
  readonly rank: number;
  readonly bracketLo: number;
  readonly bracketHi: number;
  /** Index of the window of this round that looks at it. */
  readonly window: number;
}

export interface ResolvedTarget {
  readonly level: string;
  readonly kind: TargetKind;
  readonly rank: number;
  readonly value: number;
  /** For the VaR target: mean of the losses from rank k up (Expected Shortfall). */
  readonly es?: number;
}

export interface RoundPlan {
  readonly round: number;
  readonly windows: readonly LossWindow[];
  readonly pending: readonly PendingTarget[];
  readonly resolved: readonly ResolvedTarget[];
}

/** Largest |loss| any draw can produce, with margin: the bracket of every search. */
export function lossBound(spec: Pick<McSpec, 'mu' | 'sigma' | 'position'>): number {
  const { c0, c1 } = lossCoefficients(spec.mu, spec.sigma, spec.position);
  return (Math.abs(c0) + Math.abs(c1) * NORMAL_DRAW_BOUND) * (1 + 2 ** -30) + Number.MIN_VALUE;
}

/** Runs this small return every draw in round 0: one round, whatever the theory says. */
export const SMALL_RUN = 10_000;

/** The order statistics a level needs: its VaR rank and the two ranks of its interval. */
function targetRanks(level: ConfidenceLevel, n: number): [TargetKind, number][] {
  const { lower, upper } = quantileIntervalRanks(n, level.q);
  return [
    ['var', quantileRank(level, n)],
    ['ciLow', lower],
    ['ciHigh', upper],
  ];
}

/**
 * The first round: one window per level around its theoretical quantile (the binomial
 * interval of its ranks, widened by 5 standard errors); small runs look at everything.
 */
export function firstRound(spec: McSpec): RoundPlan {
  const { c0, c1 } = lossCoefficients(spec.mu, spec.sigma, spec.position);
  const bound = lossBound(spec);
  const n = spec.sims;
  const windows: LossWindow[] = [];
  const pending: PendingTarget[] = [];
  for (const level of spec.levels) {
    const ranks = targetRanks(level, n);
    let lo = -bound;
    let hi = bound;
    if (n > SMALL_RUN) {
      const standardError = Math.sqrt((level.q * (1 - level.q)) / n);
      const pLo = Math.min(...ranks.map(([, rank]) => rank)) / n - 5 * standardError;
      const pHi = Math.max(...ranks.map(([, rank]) => rank)) / n + 5 * standardError;
      lo = pLo <= 0 ? -bound : Math.max(-bound, c0 + Math.abs(c1) * normalQuantile(pLo));
      hi = pHi >= 1 ? bound : Math.min(bound, c0 + Math.abs(c1) * normalQuantile(pHi));
      if (!(lo < hi)) {
        lo = -bound;
        hi = bound;
      }
    }
    let window = windows.findIndex((w) => w.lo === lo && w.hi === hi);
    if (window < 0) {
      window = windows.length;
      windows.push({ lo, hi, bins: MAX_BINS });
    }
    for (const [kind, rank] of ranks) pending.push({ level: level.label, kind, rank, bracketLo: -bound, bracketHi: bound, window });
  }
  return { round: 0, windows, pending, resolved: [] };
}

/**
 * Split the run into `resources` shard tasks for one round: contiguous slices of the draw
 * sequence, as equal as possible. `round` defaults to the first round.
 */
export function planShards(spec: McSpec, resources: number, round: RoundPlan = firstRound(spec)): ShardTask[] {
  if (!Number.isSafeInteger(resources) || resources < 1 || resources > spec.sims) {
    throw new RangeError(`resources must be an integer in 1..${spec.sims}, got ${resources}`);
  }
  const tasks: ShardTask[] = [];
  for (let shard = 0; shard < resources; shard++) {
    const start = Math.floor((shard * spec.sims) / resources);
    const end = Math.floor(((shard + 1) * spec.sims) / resources);
    tasks.push(shardTask(spec, round, shard, start, end - start));
  }
  return tasks;
}

/** The task for draws [start, start+count) in a round; planShards is made of these. */
export function shardTask(spec: McSpec, round: RoundPlan, shard: number, start: number, count: number): ShardTask {
  return {
    protocol: PROTOCOL_VERSION,
    round: round.round,
    shard,
    seed: spec.seed,
    sims: spec.sims,
    start,
    count,
    mu: spec.mu,
    sigma: spec.sigma,
    position: spec.position,
    windows: round.windows,
    maxValues: MAX_VALUES,
  };
}
