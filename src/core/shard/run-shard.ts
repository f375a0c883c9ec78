// The Monte Carlo kernel: one shard regenerates its slice of the run's normal draws, turns
// them into losses and reports, per loss window, how many fell above it (with their exact
// sum), inside it (values or histogram) and, implicitly, below it. No array of N is ever
// held: memory is one chunk of draws plus at most maxValues window values.
import { DRAWS_PER_BLOCK } from '../rng/stream.js';
import { BlockNormals } from '../rng/ziggurat.js';
import { ExactSum } from '../var/exact-sum.js';
import { lossCoefficients } from '../var/loss.js';
import { type LossWindow, PROTOCOL_VERSION, type ShardResult, type ShardTask, type WindowReport } from './protocol.js';

/** Draws made at a time: small enough to stay in L1 cache. */
const CHUNK = 2048;

export function runShard(task: ShardTask): ShardResult {
  const { c0, c1 } = lossCoefficients(task.mu, task.sigma, task.position);
  const tally = new WindowTally(task.windows, task.maxValues);
  const { sign, bound } = candidateDraws(c0, c1, tally.lowest);
  const draws = new Float64Array(CHUNK);
  const end = task.start + task.count;
  for (let block = Math.floor(task.start / DRAWS_PER_BLOCK); block * DRAWS_PER_BLOCK < end; block++) {
    const blockStart = block * DRAWS_PER_BLOCK;
    const normals = new BlockNormals(task.seed, block);
    for (let skip = task.start - blockStart; skip > 0; skip -= CHUNK) normals.fill(draws, Math.min(CHUNK, skip) | 0);
    const blockEnd = Math.min(end, blockStart + DRAWS_PER_BLOCK);
    while (blockStart + normals.drawn < blockEnd) {
      // `| 0` keeps counts small integers for V8 (Math.min/floor results may be doubles).
      const take = Math.min(CHUNK, blockEnd - blockStart - normals.drawn) | 0;
      const kept = normals.drawKeeping(draws, take, sign, bound);
      scanLosses(draws, kept, c0, c1, tally);
    }
  }
  return { protocol: PROTOCOL_VERSION, round: task.round, shard: task.shard, start: task.start, count: task.count, windows: tally.reports() };
}

/**
 * Which standard normal draws z can give a loss c0 + c1*z >= lowest: those with
 * sign * z <= bound. The bound is widened by a relative 1e-9 so that rounding can only
 * let extra draws through; scanLosses then decides exactly on the loss itself.
 */
export function candidateDraws(c0: number, c1: number, lowest: number): { sign: 1 | -1; bound: number } {
  if (c1 === 0) return { sign: 1, bound: c0 >= lowest ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY };
  const edge = (lowest - c0) / c1;
  // Keeping every draw is always correct, only slower: the fallback for extreme scales.
  if (!(Math.abs(edge) < 1e300)) return { sign: 1, bound: Number.POSITIVE_INFINITY };
  const margin = 1e-9 * (Math.abs(edge) + 1);
  // c1 < 0 (long): the loss grows as z falls, keep z <= edge; c1 > 0: keep z >= edge.
  return c1 < 0 ? { sign: 1, bound: edge + margin } : { sign: -1, bound: -edge + margin };
}

/** The exact test on the candidates: a loss at or above the lowest window is tallied. */
function scanLosses(draws: Float64Array, kept: number, c0: number, c1: number, tally: WindowTally): void {
  const lowest = tally.lowest;
  for (let j = 0; j < kept; j++) {
    const loss = c0 + c1 * (draws[j] as number);
    if (loss >= lowest) tally.add(loss);
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
  private readonly above: Float64Array;
  private readonly inside: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly sums: ExactSum[];
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
    this.above = new Float64Array(this.count);
    this.inside = new Float64Array(this.count);
    this.min = new Float64Array(this.count).fill(Number.POSITIVE_INFINITY);
    this.max = new Float64Array(this.count).fill(Number.NEGATIVE_INFINITY);
    this.sums = windows.map(() => new ExactSum());
    this.kept = new Float64Array(maxValues);
    this.keptWindow = new Uint8Array(maxValues);
    this.lowest = windows.reduce((lowest, w) => Math.min(lowest, w.lo), Number.POSITIVE_INFINITY);
  }

  add(loss: number): void {
    for (let w = 0; w < this.count; w++) {
      if (loss >= (this.hi[w] as number)) {
        this.above[w] = (this.above[w] as number) + 1;
        (this.sums[w] as ExactSum).add(loss);
      } else if (loss >= (this.lo[w] as number)) {
        this.addInside(w, loss);
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
        values = [];
        for (let i = 0; i < this.keptCount; i++) if (this.keptWindow[i] === w) values.push(this.kept[i] as number);
        values.sort((a, b) => a - b);
      }
      reports.push({
        above: this.above[w] as number,
        aboveSum: (this.sums[w] as ExactSum).toPartials(),
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
