// Merging the shard results of one round into the EXACT pooled order statistics: for each
// window the counts below/inside/above add up over shards, so the window that holds rank r
// of all N losses is known exactly. If every shard returned its inside values, the r-th
// smallest is read off the pooled sorted values; otherwise the histogram bin holding rank
// r becomes the next round's window. ES adds the exact sum above the window and the pooled
// inside values from rank k up, so every number is independent of how N was split.
import type { ConfidenceLevel } from '../quantile.js';
import { ExactSum } from '../var/exact-sum.js';
import type { McSpec, PendingTarget, ResolvedTarget, RoundPlan } from './plan.js';
import { type LossWindow, MAX_BINS, type ShardResult } from './protocol.js';

/** Rounds after which a search that has not converged is a bug, not bad luck. */
export const MAX_ROUNDS = 24;

export interface McLevelEstimate {
  readonly var: number;
  readonly es: number;
  /** The order-statistic confidence interval of the VaR (coverage MC_INTERVAL_COVERAGE). */
  readonly ci: readonly [number, number];
  readonly rank: number;
}

export type MergeOutcome =
  | { readonly done: true; readonly estimates: Readonly<Record<string, McLevelEstimate>>; readonly rounds: number }
  | { readonly done: false; readonly next: RoundPlan };

interface PooledWindow {
  readonly below: number;
  readonly inside: number;
  readonly aboveSum: ExactSum;
  readonly min: number;
  readonly max: number;
  /** All inside values ascending, or undefined when some shard sent a histogram. */
  readonly values: Float64Array | undefined;
  readonly hist: Float64Array;
}

export function mergeShards(spec: McSpec, round: RoundPlan, results: readonly ShardResult[]): MergeOutcome {
  checkCoverage(spec, round, results);
  const pooled = round.windows.map((window, w) => poolWindow(spec.sims, window, w, results));
  const resolved: ResolvedTarget[] = [...round.resolved];
  // Targets not yet pinned down: their proven bracket and the window to look at next.
  const stillPending: { target: Omit<PendingTarget, 'window'>; lo: number; hi: number }[] = [];
  const nextWindows: LossWindow[] = [];

  for (const target of round.pending) {
    const window = round.windows[target.window] as LossWindow;
    const pool = pooled[target.window] as PooledWindow;
    const r = target.rank;
    if (r <= pool.below) {
      stillPending.push({ target: { ...target, bracketHi: window.lo }, lo: target.bracketLo, hi: window.lo });
    } else if (r > pool.below + pool.inside) {
      stillPending.push({ target: { ...target, bracketLo: window.hi }, lo: window.hi, hi: target.bracketHi });
    } else if (pool.min === pool.max || pool.values !== undefined) {
      const index = r - pool.below - 1;
      const value = pool.values === undefined ? pool.min : (pool.values[index] as number);
      if (target.kind !== 'var') {
        resolved.push({ level: target.level, kind: target.kind, rank: r, value });
        continue;
      }
      const tail = new ExactSum();
      tail.addPartials(pool.aboveSum.toPartials());
      if (pool.values === undefined) tail.addMultiple(value, pool.below + pool.inside - r + 1);
      else for (let i = index; i < pool.values.length; i++) tail.add(pool.values[i] as number);
      resolved.push({ level: target.level, kind: 'var', rank: r, value, es: tail.value() / (spec.sims - r + 1) });
    } else {
      const [lo, hi] = binHolding(window, pool, r - pool.below);
      stillPending.push({ target: { ...target, bracketLo: window.lo, bracketHi: window.hi }, lo, hi });
    }
  }

  if (stillPending.length === 0) return { done: true, estimates: collect(spec.levels, resolved), rounds: round.round + 1 };
  if (round.round + 1 >= MAX_ROUNDS) throw new Error(`Monte Carlo quantile search did not converge in ${MAX_ROUNDS} rounds`);
  const pending = stillPending.map(({ target, lo, hi }) => {
    let window = nextWindows.findIndex((w) => w.lo === lo && w.hi === hi);
    if (window < 0) {
      window = nextWindows.length;
      nextWindows.push({ lo, hi, bins: MAX_BINS });
    }
    return { ...target, window };
  });
  return { done: false, next: { round: round.round + 1, windows: nextWindows, pending, resolved } };
}

/** The results must be this round's and cover draws 0..N-1 exactly once. */
function checkCoverage(spec: McSpec, round: RoundPlan, results: readonly ShardResult[]): void {
  const sorted = [...results].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const result of sorted) {
    if (result.round !== round.round) throw new Error(`shard ${result.shard} answered round ${result.round}, expected ${round.round}`);
    if (result.start !== next) throw new Error(`shard results do not cover draws ${next}..${result.start - 1} exactly once`);
    if (result.windows.length !== round.windows.length) throw new Error(`shard ${result.shard} reported ${result.windows.length} windows`);
    next = result.start + result.count;
  }
  if (next !== spec.sims) throw new Error(`shard results cover ${next} draws, expected ${spec.sims}`);
}

function poolWindow(sims: number, window: LossWindow, w: number, results: readonly ShardResult[]): PooledWindow {
  let above = 0;
  let inside = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const aboveSum = new ExactSum();
  const hist = new Float64Array(window.bins);
  let allValues = true;
  const parts: number[][] = [];
  for (const result of results) {
    const report = result.windows[w];
    if (report === undefined) throw new Error(`shard ${result.shard} has no report for window ${w}`);
    above += report.above;
    inside += report.inside;
    aboveSum.addPartials(report.aboveSum);
    if (report.min !== null) min = Math.min(min, report.min);
    if (report.max !== null) max = Math.max(max, report.max);
    if (report.values !== null) {
      parts.push(report.values);
      for (const value of report.values) {
        const bin = binOf(window, value);
        hist[bin] = (hist[bin] as number) + 1;
      }
    } else {
      allValues = false;
      const counts = report.hist ?? [];
      for (let b = 0; b < window.bins; b++) hist[b] = (hist[b] as number) + (counts[b] ?? 0);
    }
  }
  let values: Float64Array | undefined;
  if (allValues) {
    values = new Float64Array(inside);
    let offset = 0;
    for (const part of parts) {
      values.set(part, offset);
      offset += part.length;
    }
    values.sort();
  }
  return { below: sims - above - inside, inside, aboveSum, min, max, values, hist };
}

/** The bin a loss falls in: the same formula as the shard kernel. */
function binOf(window: LossWindow, loss: number): number {
  return Math.min(window.bins - 1, Math.floor((loss - window.lo) * (window.bins / (window.hi - window.lo))));
}

/**
 * The bounds of the histogram bin holding the rank-th inside value. The shards binned with
 * floating-point arithmetic, so a bound may be off by an ulp; the next round recounts
 * exactly and, if the rank lands just outside, the bracket simply moves.
 */
function binHolding(window: LossWindow, pool: PooledWindow, rankInside: number): [number, number] {
  let seen = 0;
  let bin = 0;
  for (; bin < window.bins; bin++) {
    seen += pool.hist[bin] as number;
    if (seen >= rankInside) break;
  }
  const width = (window.hi - window.lo) / window.bins;
  const lo = bin === 0 ? window.lo : Math.min(window.hi, window.lo + bin * width);
  const hi = bin === window.bins - 1 ? window.hi : Math.min(window.hi, window.lo + (bin + 1) * width);
  return lo < hi ? [lo, hi] : [window.lo, window.hi];
}

function collect(levels: readonly ConfidenceLevel[], resolved: readonly ResolvedTarget[]): Record<string, McLevelEstimate> {
  const estimates: Record<string, McLevelEstimate> = {};
  for (const level of levels) {
    const find = (kind: ResolvedTarget['kind']): ResolvedTarget => {
      const target = resolved.find((t) => t.level === level.label && t.kind === kind);
      if (target === undefined) throw new Error(`no ${kind} for level ${level.label}`);
      return target;
    };
    const varTarget = find('var');
    estimates[level.label] = {
      var: varTarget.value,
      es: varTarget.es as number,
      ci: [find('ciLow').value, find('ciHigh').value],
      rank: varTarget.rank,
    };
  }
  return estimates;
}
