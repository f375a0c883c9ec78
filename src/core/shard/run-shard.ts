// The Monte Carlo kernel: one shard regenerates its slice of the run's normal draws (only
// the loss-tail strata that can reach a window, see rng/tail-strata.ts), turns them into
// losses and reports, per loss window, how many fell above it (with their exact sum),
// inside it (values or histogram) and, implicitly, below it. No array of N is ever held:
// memory is one chunk of draws plus at most maxValues window values.

import { normalCdf } from '../normal.js';
import { DRAWS_PER_BLOCK } from '../rng/stream.js';
import { BlockStrata, strataCovering, TAIL_STRATA } from '../rng/tail-strata.js';
import { ExactSum } from '../var/exact-sum.js';
import { lossCoefficients } from '../var/loss.js';
import { type LossWindow, PROTOCOL_VERSION, type ShardResult, type ShardTask, type WindowReport } from './protocol.js';

/** Draws made at a time: small enough to stay in L1 cache. */
const CHUNK = 2048;

export function runShard(task: ShardTask): ShardResult {
  const { c0, c1 } = lossCoefficients(task.mu, task.sigma, task.position);
  const tally = new WindowTally(task.windows, task.maxValues);
  const scale = Math.abs(c1);
  if (scale === 0) {
    // sigma = 0: every loss is c0.
    if (c0 >= tally.lowest) tally.addRepeated(c0, task.count);
  } else {
    scanStrata(task, c0, scale, tally);
  }
  return { protocol: PROTOCOL_VERSION, round: task.round, shard: task.shard, start: task.start, count: task.count, windows: tally.reports() };
}

/**
 * The loss of a draw w (standard normal, large = deep in the loss tail) is c0 + scale*w, so
 * only the strata with tail probability up to P(W >= (lowest - c0) / scale) can reach a
 * window; the others are counted, not drawn. The bound is widened (relative 1e-9) so
 * rounding can only add strata, and each loss is then tested exactly.
 */
export function strataNeeded(c0: number, scale: number, lowest: number): number {
  const tail = normalCdf(-(lowest - c0) / scale);
  return Number.isNaN(tail) ? TAIL_STRATA.length : strataCovering(tail * (1 + 1e-9) + 1e-300);
}

function scanStrata(task: ShardTask, c0: number, scale: number, tally: WindowTally): void {
  const needed = strataNeeded(c0, scale, tally.lowest);
  const draws = new Float64Array(CHUNK);
  const end = task.start + task.count;
  for (let block = Math.floor(task.start / DRAWS_PER_BLOCK); block * DRAWS_PER_BLOCK < end; block++) {
    const blockStart = block * DRAWS_PER_BLOCK;
    const strata = new BlockStrata(task.seed, block, Math.min(DRAWS_PER_BLOCK, task.sims - blockStart));
    // This shard's part of the block, as positions in the block.
    const from = Math.max(task.start, blockStart) - blockStart;
    const to = Math.min(end, blockStart + DRAWS_PER_BLOCK) - blockStart;
    for (let s = 0; s < needed; s++) {
      const first = strata.start(s);
      if (first >= to) break;
      const lo = Math.max(from, first);
      const hi = Math.min(to, first + strata.count(s));
      if (lo >= hi) continue;
      const stream = strata.draws(s);
      stream.skip(lo - first);
      for (let done = lo; done < hi; done += CHUNK) {
        const take = Math.min(CHUNK, hi - done);
        stream.fill(draws, take);
        for (let j = 0; j < take; j++) {
          const loss = c0 + scale * (draws[j] as number);
          if (loss >= tally.lowest) tally.add(loss);
        }
      }
    }
  }
}

/** Counts, exact sums, histograms and kept values of the losses at or above the lowest window. */
class WindowTally {
  readonly lowest: number;
  private readonly count: number;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly bins: Int32Array;
  private readonly scale: Float64Array;
  private readonly histOffset: Int32Array;
  private readonly hist: Float64Array;
  private readonly inside: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  // Losses at or above the lowest window top, by interval between consecutive distinct
  // window tops: one exact sum per interval, so each loss is added once, not per window.
  private readonly tops: Float64Array;
  private readonly topCounts: Float64Array;
  private readonly topSums: ExactSum[];
  /** Index in `tops` of each window's hi. */
  private readonly topOf: Int32Array;
  // Window values are kept (tagged by window) until there are more than maxValues.
  private readonly kept: Float64Array;
  private readonly keptWindow: Uint8Array;
  private keptCount = 0;
  private overflow = false;

  constructor(windows: readonly LossWindow[], maxValues: number) {
    this.count = windows.length;
    this.lo = Float64Array.from(windows, (w) => w.lo);
    this.hi = Float64Array.from(windows, (w) => w.hi);
    this.bins = Int32Array.from(windows, (w) => w.bins);
    this.scale = Float64Array.from(windows, (w) => w.bins / (w.hi - w.lo));
    this.histOffset = new Int32Array(this.count + 1);
    for (let w = 0; w < this.count; w++) this.histOffset[w + 1] = (this.histOffset[w] as number) + (this.bins[w] as number);
    this.hist = new Float64Array(this.histOffset[this.count] as number);
    this.inside = new Float64Array(this.count);
    this.min = new Float64Array(this.count).fill(Number.POSITIVE_INFINITY);
    this.max = new Float64Array(this.count).fill(Number.NEGATIVE_INFINITY);
    this.tops = Float64Array.from(new Set(windows.map((w) => w.hi))).sort();
    this.topCounts = new Float64Array(this.tops.length);
    this.topSums = Array.from(this.tops, () => new ExactSum());
    this.topOf = Int32Array.from(windows, (w) => this.tops.indexOf(w.hi));
    this.kept = new Float64Array(maxValues);
    this.keptWindow = new Uint8Array(maxValues);
    this.lowest = windows.reduce((lowest, w) => Math.min(lowest, w.lo), Number.POSITIVE_INFINITY);
  }

  add(loss: number): void {
    let top = this.tops.length - 1;
    while (top >= 0 && loss < (this.tops[top] as number)) top--;
    if (top >= 0) {
      this.topCounts[top] = (this.topCounts[top] as number) + 1;
      (this.topSums[top] as ExactSum).add(loss);
    }
    for (let w = 0; w < this.count; w++) {
      if (loss >= (this.lo[w] as number) && loss < (this.hi[w] as number)) this.addInside(w, loss);
    }
  }

  /** `times` equal losses at once (sigma = 0). */
  addRepeated(loss: number, times: number): void {
    let top = this.tops.length - 1;
    while (top >= 0 && loss < (this.tops[top] as number)) top--;
    if (top >= 0) {
      this.topCounts[top] = (this.topCounts[top] as number) + times;
      (this.topSums[top] as ExactSum).addMultiple(loss, times);
    }
    for (let w = 0; w < this.count; w++) {
      if (loss >= (this.lo[w] as number) && loss < (this.hi[w] as number)) {
        this.inside[w] = (this.inside[w] as number) + times;
        this.min[w] = Math.min(this.min[w] as number, loss);
        this.max[w] = Math.max(this.max[w] as number, loss);
        const bin = Math.min((this.bins[w] as number) - 1, Math.floor((loss - (this.lo[w] as number)) * (this.scale[w] as number)));
        const slot = (this.histOffset[w] as number) + bin;
        this.hist[slot] = (this.hist[slot] as number) + times;
        if (this.keptCount + times <= this.kept.length && !this.overflow) {
          this.kept.fill(loss, this.keptCount, this.keptCount + times);
          this.keptWindow.fill(w, this.keptCount, this.keptCount + times);
          this.keptCount += times;
        } else {
          this.overflow = true;
        }
      }
    }
  }

  private addInside(w: number, loss: number): void {
    this.inside[w] = (this.inside[w] as number) + 1;
    if (loss < (this.min[w] as number)) this.min[w] = loss;
    if (loss > (this.max[w] as number)) this.max[w] = loss;
    const bin = Math.min((this.bins[w] as number) - 1, Math.floor((loss - (this.lo[w] as number)) * (this.scale[w] as number)));
    const slot = (this.histOffset[w] as number) + bin;
    this.hist[slot] = (this.hist[slot] as number) + 1;
    if (this.overflow) return;
    if (this.keptCount < this.kept.length) {
      this.kept[this.keptCount] = loss;
      this.keptWindow[this.keptCount] = w;
      this.keptCount++;
    } else {
      this.overflow = true;
    }
  }

  reports(): WindowReport[] {
    const reports: WindowReport[] = [];
    for (let w = 0; w < this.count; w++) {
      const inside = this.inside[w] as number;
      let values: number[] | null = null;
      let hist: number[] | null = null;
      if (this.overflow) {
        hist = Array.from(this.hist.subarray(this.histOffset[w] as number, this.histOffset[w + 1] as number));
      } else {
        const mine = new Float64Array(inside);
        let n = 0;
        for (let i = 0; i < this.keptCount; i++) if (this.keptWindow[i] === w) mine[n++] = this.kept[i] as number;
        values = Array.from(mine.sort());
      }
      // Above hi: every interval from this window's top up.
      let above = 0;
      const aboveSum = new ExactSum();
      for (let top = this.topOf[w] as number; top < this.tops.length; top++) {
        above += this.topCounts[top] as number;
        aboveSum.addPartials((this.topSums[top] as ExactSum).toPartials());
      }
      reports.push({
        above,
        aboveSum: aboveSum.toPartials(),
        inside,
        min: inside === 0 ? null : (this.min[w] as number),
        max: inside === 0 ? null : (this.max[w] as number),
        values,
        hist,
      });
    }
    return reports;
  }
}
