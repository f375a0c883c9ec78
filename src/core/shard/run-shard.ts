// The Monte Carlo kernel: one shard regenerates its slice of the run's normal draws, turns
// them into losses and reports, per loss window, how many fell above it (with their exact
// sum), inside it (values or histogram) and, implicitly, below it. No array of N is ever
// held: memory is one block of draws plus at most maxValues window values.
import { DRAWS_PER_BLOCK } from '../rng/stream.js';
import { BlockNormals } from '../rng/ziggurat.js';
import { ExactSum } from '../var/exact-sum.js';
import { lossCoefficients } from '../var/loss.js';
import { PROTOCOL_VERSION, type ShardResult, type ShardTask, type WindowReport } from './protocol.js';

const CHUNK = 2048;

export function runShard(task: ShardTask): ShardResult {
  const { c0, c1 } = lossCoefficients(task.mu, task.sigma, task.position);
  const windowCount = task.windows.length;
  const lo = Float64Array.from(task.windows, (w) => w.lo);
  const hi = Float64Array.from(task.windows, (w) => w.hi);
  const bins = Int32Array.from(task.windows, (w) => w.bins);
  const scale = Float64Array.from(task.windows, (w) => w.bins / (w.hi - w.lo));
  const histOffset = new Int32Array(windowCount + 1);
  for (let w = 0; w < windowCount; w++) histOffset[w + 1] = (histOffset[w] as number) + (bins[w] as number);
  const hist = new Float64Array(histOffset[windowCount] as number);
  const above = new Float64Array(windowCount);
  const inside = new Float64Array(windowCount);
  const min = new Float64Array(windowCount).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(windowCount).fill(Number.NEGATIVE_INFINITY);
  const sums = task.windows.map(() => new ExactSum());
  // Window values are kept (tagged by window) until there are more than maxValues.
  const kept = new Float64Array(task.maxValues);
  const keptWindow = new Uint8Array(task.maxValues);
  let keptCount = 0;
  let overflow = false;
  let lowest = Number.POSITIVE_INFINITY;
  for (let w = 0; w < windowCount; w++) lowest = Math.min(lowest, lo[w] as number);

  // Draws are made in small chunks that stay in L1 cache.
  const draws = new Float64Array(CHUNK);
  const end = task.start + task.count;
  for (let block = Math.floor(task.start / DRAWS_PER_BLOCK); block * DRAWS_PER_BLOCK < end; block++) {
    const blockStart = block * DRAWS_PER_BLOCK;
    const normals = new BlockNormals(task.seed, block);
    for (let skip = task.start - blockStart; skip > 0; skip -= CHUNK) normals.fill(draws, Math.min(CHUNK, skip));
    const blockEnd = Math.min(end, blockStart + DRAWS_PER_BLOCK);
    while (blockStart + normals.drawn < blockEnd) {
      const take = Math.min(CHUNK, blockEnd - blockStart - normals.drawn);
      normals.fill(draws, take);
      for (let j = 0; j < take; j++) {
        const loss = c0 + c1 * (draws[j] as number);
        // Nearly every draw is below every window: one compare and on to the next.
        if (loss < lowest) continue;
        for (let w = 0; w < windowCount; w++) {
          if (loss >= (hi[w] as number)) {
            above[w] = (above[w] as number) + 1;
            (sums[w] as ExactSum).add(loss);
          } else if (loss >= (lo[w] as number)) {
            inside[w] = (inside[w] as number) + 1;
            if (loss < (min[w] as number)) min[w] = loss;
            if (loss > (max[w] as number)) max[w] = loss;
            const bin = Math.min((bins[w] as number) - 1, Math.floor((loss - (lo[w] as number)) * (scale[w] as number)));
            const slot = (histOffset[w] as number) + bin;
            hist[slot] = (hist[slot] as number) + 1;
            if (!overflow) {
              if (keptCount < task.maxValues) {
                kept[keptCount] = loss;
                keptWindow[keptCount] = w;
                keptCount++;
              } else {
                overflow = true;
              }
            }
          }
        }
      }
    }
  }

  const windows: WindowReport[] = [];
  for (let w = 0; w < windowCount; w++) {
    const count = inside[w] as number;
    let values: number[] | null = null;
    let windowHist: number[] | null = null;
    if (overflow) {
      windowHist = Array.from(hist.subarray(histOffset[w] as number, histOffset[w + 1] as number));
    } else {
      values = [];
      for (let i = 0; i < keptCount; i++) if (keptWindow[i] === w) values.push(kept[i] as number);
      values.sort((a, b) => a - b);
    }
    windows.push({
      above: above[w] as number,
      aboveSum: (sums[w] as ExactSum).toPartials(),
      inside: count,
      min: count === 0 ? null : (min[w] as number),
      max: count === 0 ? null : (max[w] as number),
      values,
      hist: windowHist,
    });
  }
  return { protocol: PROTOCOL_VERSION, round: task.round, shard: task.shard, start: task.start, count: task.count, windows };
}
