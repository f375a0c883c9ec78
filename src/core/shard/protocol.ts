// The shard protocol: what a worker (thread, Lambda, EC2) receives and returns. Both are
// plain JSON, validated strictly because they cross process and network boundaries, and
// small: a task is a few hundred bytes, a result under 1 MB for any N (see docs/protocol.md).
import { UsageError } from '../errors.js';
import { isValidSeed } from '../rng/stream.js';
import { MAX_SIMS } from './limits.js';

export { MAX_RESOURCES, MAX_SIMS } from './limits.js';

export const PROTOCOL_VERSION = 1;
/** Most loss windows one task may ask about (3 per confidence level, up to 10 levels). */
export const MAX_WINDOWS = 32;
/** Most histogram bins per window. */
export const MAX_BINS = 1024;
/** Most window values one shard may return, over all windows (at most 25 bytes each in JSON). */
export const MAX_VALUES = 30000;

export type Position = 'long' | 'short';

/** A half-open interval [lo, hi) of losses a shard reports on in detail. */
export interface LossWindow {
  readonly lo: number;
  readonly hi: number;
  /** Histogram bins over [lo, hi), used when the values are too many to return. */
  readonly bins: number;
}

/** One shard of one round: draws [start, start+count) of the run's stream. */
export interface ShardTask {
  readonly protocol: typeof PROTOCOL_VERSION;
  readonly round: number;
  readonly shard: number;
  readonly seed: number;
  /** N, the draws of the whole run (the last block may be short). */
  readonly sims: number;
  readonly start: number;
  readonly count: number;
  /** Returns are Normal(mu, sigma); the loss is -r for long, +r for short. */
  readonly mu: number;
  readonly sigma: number;
  readonly position: Position;
  readonly windows: readonly LossWindow[];
  /** Return the window values themselves when there are at most this many in all. */
  readonly maxValues: number;
}

/** What one shard saw in one window. Losses below the window are count - above - inside. */
export interface WindowReport {
  /** Losses >= hi, and their exact sum as non-overlapping partials (for ES). */
  readonly above: number;
  readonly aboveSum: number[];
  /** Losses in [lo, hi), their smallest and largest (null when none). */
  readonly inside: number;
  readonly min: number | null;
  readonly max: number | null;
  /** The inside losses, ascending, or null when the shard saw too many... */
  readonly values: number[] | null;
  /** ...in which case their histogram over `bins` equal bins of [lo, hi). */
  readonly hist: number[] | null;
}

export interface ShardResult {
  readonly protocol: typeof PROTOCOL_VERSION;
  readonly round: number;
  readonly shard: number;
  readonly start: number;
  readonly count: number;
  readonly windows: WindowReport[];
}

export { runShard } from './run-shard.js';

/** Validate an untrusted task (Lambda event, HTTP body); throws UsageError naming the field. */
export function parseShardTask(input: unknown): ShardTask {
  const task = record(input, 'task', ['protocol', 'round', 'shard', 'seed', 'sims', 'start', 'count', 'mu', 'sigma', 'position', 'windows', 'maxValues']);
  if (task.protocol !== PROTOCOL_VERSION) fail('protocol', `must be ${PROTOCOL_VERSION}`);
  const round = integer(task.round, 'round', 0, 64);
  const shard = integer(task.shard, 'shard', 0, 1e6);
  if (!isValidSeed(task.seed)) fail('seed', 'must be a non-negative safe integer');
  const sims = integer(task.sims, 'sims', 1, MAX_SIMS);
  const start = integer(task.start, 'start', 0, sims - 1);
  const count = integer(task.count, 'count', 1, sims);
  if (start + count > sims) fail('count', 'start + count exceeds sims');
  const mu = finite(task.mu, 'mu');
  const sigma = finite(task.sigma, 'sigma');
  if (sigma < 0) fail('sigma', 'must be >= 0');
  if (task.position !== 'long' && task.position !== 'short') fail('position', 'must be "long" or "short"');
  if (!Array.isArray(task.windows) || task.windows.length < 1 || task.windows.length > MAX_WINDOWS) {
    fail('windows', `must be an array of 1..${MAX_WINDOWS} windows`);
  }
  const windows = (task.windows as unknown[]).map((value, i) => {
    const window = record(value, `windows[${i}]`, ['lo', 'hi', 'bins']);
    const lo = finite(window.lo, `windows[${i}].lo`);
    const hi = finite(window.hi, `windows[${i}].hi`);
    if (!(lo < hi)) fail(`windows[${i}]`, 'needs lo < hi');
    const bins = integer(window.bins, `windows[${i}].bins`, 1, MAX_BINS);
    return { lo, hi, bins };
  });
  const maxValues = integer(task.maxValues, 'maxValues', 0, MAX_VALUES);
  return {
    protocol: PROTOCOL_VERSION,
    round,
    shard,
    seed: task.seed as number,
    sims,
    start,
    count,
    mu,
    sigma,
    position: task.position as Position,
    windows,
    maxValues,
  };
}

/** Validate a result that came back over the wire, against the task it answers. */
export function parseShardResult(input: unknown, task: ShardTask): ShardResult {
  const result = record(input, 'result', ['protocol', 'round', 'shard', 'start', 'count', 'windows']);
  if (result.protocol !== PROTOCOL_VERSION) fail('result.protocol', `must be ${PROTOCOL_VERSION}`);
  for (const key of ['round', 'shard', 'start', 'count'] as const) {
    if (result[key] !== task[key]) fail(`result.${key}`, `does not match the task (${String(result[key])} vs ${task[key]})`);
  }
  if (!Array.isArray(result.windows) || result.windows.length !== task.windows.length) {
    fail('result.windows', `must have ${task.windows.length} entries`);
  }
  let valuesSeen = 0;
  const windows = (result.windows as unknown[]).map((value, i) => {
    const name = `result.windows[${i}]`;
    const spec = task.windows[i] as LossWindow;
    const w = record(value, name, ['above', 'aboveSum', 'inside', 'min', 'max', 'values', 'hist']);
    const above = integer(w.above, `${name}.above`, 0, task.count);
    const inside = integer(w.inside, `${name}.inside`, 0, task.count - above);
    const aboveSum = numberArray(w.aboveSum, `${name}.aboveSum`, 4096);
    const min = w.min === null ? null : finite(w.min, `${name}.min`);
    const max = w.max === null ? null : finite(w.max, `${name}.max`);
    if ((inside === 0) !== (min === null) || (inside === 0) !== (max === null)) fail(name, 'min/max must be null exactly when inside is 0');
    let values: number[] | null = null;
    let hist: number[] | null = null;
    if (w.values !== null) {
      values = numberArray(w.values, `${name}.values`, MAX_VALUES);
      valuesSeen += values.length;
      if (values.length !== inside) fail(`${name}.values`, 'length must equal inside');
    } else {
      hist = numberArray(w.hist, `${name}.hist`, spec.bins);
      if (hist.length !== spec.bins) fail(`${name}.hist`, `must have ${spec.bins} bins`);
      if (hist.reduce((s, n) => s + integer(n, `${name}.hist[]`, 0, inside), 0) !== inside) fail(`${name}.hist`, 'must add up to inside');
    }
    return { above, aboveSum, inside, min, max, values, hist };
  });
  if (valuesSeen > task.maxValues) fail('result.windows', `returned more than ${task.maxValues} values`);
  return { protocol: PROTOCOL_VERSION, round: task.round, shard: task.shard, start: task.start, count: task.count, windows };
}

function fail(field: string, why: string): never {
  throw new UsageError(`invalid shard ${field}: ${why}`);
}

function record(value: unknown, name: string, keys: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(name, 'must be an object');
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) if (!keys.includes(key)) fail(name, `has unknown field "${key}"`);
  for (const key of keys) if (!(key in object)) fail(name, `is missing "${key}"`);
  return object;
}

function integer(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(name, `must be an integer in ${min}..${max}`);
  }
  return value;
}

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(name, 'must be a finite number');
  return value;
}

function numberArray(value: unknown, name: string, maxLength: number): number[] {
  if (!Array.isArray(value) || value.length > maxLength) fail(name, `must be an array of at most ${maxLength} numbers`);
  for (const item of value) if (typeof item !== 'number' || !Number.isFinite(item)) fail(name, 'must hold finite numbers');
  return value as number[];
}
