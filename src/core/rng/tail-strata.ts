// The normal draws of a Monte Carlo block, made tail first. VaR and ES need only the draws
// in the loss tail, so a block of n draws is split by fixed strata of tail probability
// t = P(W >= w) (W the standard normal in the direction of loss): the counts
// (K_0, K_1, ...) are multinomial, drawn stratum by stratum as conditional binomials, and
// the K_s draws of stratum s are inverse-CDF draws w = -Phi^-1(t), t uniform in it. The
// multiset of the block's draws is then exactly an iid N(0,1) sample of size n, but a run
// only generates the strata that can reach its loss windows (5.5% of draws at 95%, 1.1% at
// 99%) and just counts the rest.
//
// Draw j of a block is the j-th in this order: stratum 0 (the deepest tail) first, each
// stratum's draws in generation order. Counts come from stream 0 of (seed, block), the
// draws of stratum s from stream s + 1, so any shard reproduces any draw.
import { normalQuantile } from '../normal.js';
import { binomial } from './binomial.js';
import { blockState, nextUniform } from './stream.js';

/**
 * Upper ends of the strata, as tail probabilities, ascending to 1. Cuts sit just beyond the
 * common levels (99.9, 99.5, 99, 97.5, 95, 90%), so a run at those levels draws little more
 * than the tail it needs.
 */
export const TAIL_STRATA: readonly number[] = [
  1e-5, 1e-4, 5e-4, 1e-3, 1.1e-3, 2.5e-3, 5e-3, 5.5e-3, 0.0075, 0.01, 0.011, 0.015, 0.02, 0.025, 0.0275, 0.03, 0.04, 0.05, 0.055, 0.06, 0.07, 0.08, 0.1, 0.11,
  0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
];

const BELOW_ONE = 1 - 2 ** -53;

/**
 * No draw reaches this in absolute value: t is at least 1e-5 * 2^-53 (about 1.1e-21,
 * where |Phi^-1| is 9.5) and at most 1 - 2^-53 (8.3).
 */
export const NORMAL_DRAW_BOUND = 10;

/** How many strata (from the deepest) hold every draw whose tail probability is below `tail`. */
export function strataCovering(tail: number): number {
  if (!(tail < 1)) return TAIL_STRATA.length;
  let s = 0;
  while (s < TAIL_STRATA.length - 1 && (TAIL_STRATA[s] as number) < tail) s++;
  return s + 1;
}

/** The multinomial stratum counts of one block, drawn lazily from the deepest stratum up. */
export class BlockStrata {
  private readonly countStream: Int32Array;
  private readonly counts: number[] = [];
  private readonly starts: number[] = [];
  private remaining: number;

  constructor(
    readonly seed: number,
    readonly block: number,
    readonly size: number,
  ) {
    this.countStream = blockState(seed, block, 0);
    this.remaining = size;
  }

  /** Number of draws of the block in stratum s. */
  count(s: number): number {
    this.drawCountsTo(s);
    return this.counts[s] as number;
  }

  /** Position in the block of the first draw of stratum s. */
  start(s: number): number {
    this.drawCountsTo(s);
    return this.starts[s] as number;
  }

  /** The draws of stratum s, in order. */
  draws(s: number): StratumDraws {
    return new StratumDraws(this.seed, this.block, s);
  }

  private drawCountsTo(s: number): void {
    while (this.counts.length <= s) {
      const index = this.counts.length;
      const below = index === 0 ? 0 : (TAIL_STRATA[index - 1] as number);
      const width = (TAIL_STRATA[index] as number) - below;
      const u = nextUniform(this.countStream);
      const count = index === TAIL_STRATA.length - 1 ? this.remaining : binomial(this.remaining, width / (1 - below), u);
      this.starts.push(this.size - this.remaining);
      this.counts.push(count);
      this.remaining -= count;
    }
  }
}

/** The draws of one stratum of one block: w with tail probability uniform in the stratum. */
export class StratumDraws {
  private readonly state: Int32Array;
  private readonly below: number;
  private readonly width: number;

  constructor(seed: number, block: number, stratum: number) {
    this.state = blockState(seed, block, stratum + 1);
    this.below = stratum === 0 ? 0 : (TAIL_STRATA[stratum - 1] as number);
    this.width = (TAIL_STRATA[stratum] as number) - this.below;
  }

  /** Pass over the next n draws. */
  skip(n: number): void {
    for (let i = 0; i < n; i++) {
      nextUniform(this.state);
    }
  }

  /** Write the next `count` draws (standard normal, large = deep in the loss tail) into out. */
  fill(out: Float64Array, count: number): void {
    for (let i = 0; i < count; i++) {
      // Rounding could reach t = 1 in the last stratum, whose quantile is infinite.
      const t = Math.min(this.below + nextUniform(this.state) * this.width, BELOW_ONE);
      out[i] = -normalQuantile(t);
    }
  }
}
