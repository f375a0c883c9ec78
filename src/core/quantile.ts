// Confidence levels and the exact rank of a quantile. The contract defines VaR_q as the
// ceil(q*N)-th smallest loss with q taken from the level exactly as written, so "97.5" is
// 975/1000 and k is computed in integer arithmetic (0.07*100 in floating point is
// 7.000000000000001, whose ceil would be 8).
import { UsageError } from './errors.js';

/** A confidence level as a fraction numerator/denominator, both integers. */
export interface ConfidenceLevel {
  /** Canonical label used as the JSON key: "95", "97.5", "99.9". */
  readonly label: string;
  readonly numerator: bigint;
  readonly denominator: bigint;
  /** q as a float, for formulas (z_q, ES denominators); never for ranks. */
  readonly q: number;
}

const LEVEL_PATTERN = /^(\d{1,3})(?:\.(\d{1,12}))?$/;

/** Parse a level in percent ("95", "97.5"); must lie strictly between 0 and 100. */
export function parseConfidenceLevel(text: string): ConfidenceLevel {
  const match = LEVEL_PATTERN.exec(text.trim());
  if (match === null) {
    throw new UsageError(`confidence level "${text}" is not a number in percent`, { hint: 'use e.g. --confidence 95,99 or 97.5' });
  }
  const whole = match[1] as string;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const numerator = BigInt(whole + fraction);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  if (numerator <= 0n || numerator >= denominator) {
    throw new UsageError(`confidence level ${text} must lie strictly between 0 and 100`);
  }
  const label = `${BigInt(whole)}${fraction === '' ? '' : `.${fraction}`}`;
  return { label, numerator, denominator, q: Number(numerator) / Number(denominator) };
}

/** Most levels in one run (each needs up to three loss windows in a shard task). */
export const MAX_LEVELS = 10;

/** Parse a comma list of levels, rejecting duplicates; keeps the order given. */
export function parseConfidenceLevels(text: string): ConfidenceLevel[] {
  const levels = text.split(',').map((part) => parseConfidenceLevel(part));
  if (levels.length > MAX_LEVELS) throw new UsageError(`at most ${MAX_LEVELS} confidence levels, got ${levels.length}`);
  const seen = new Set<string>();
  for (const level of levels) {
    if (seen.has(level.label)) throw new UsageError(`confidence level ${level.label} is given twice`);
    seen.add(level.label);
  }
  return levels;
}

/** k = ceil(q*N), exactly: the 1-based rank of VaR_q among N sorted losses (1 <= k <= N). */
export function quantileRank(level: ConfidenceLevel, count: number): number {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const product = level.numerator * BigInt(count);
  const k = (product + level.denominator - 1n) / level.denominator;
  return Number(k < 1n ? 1n : k);
}

/** The k-th smallest (1-based) of values, without modifying them. */
export function kthSmallest(values: ArrayLike<number>, k: number): number {
  if (!(k >= 1 && k <= values.length)) throw new RangeError(`rank ${k} outside 1..${values.length}`);
  const sorted = Float64Array.from(values).sort();
  return sorted[k - 1] as number;
}
