// Sample moments of a series, as the contract uses them: mean, sample standard deviation
// (ddof = 1), and skewness and excess kurtosis from population moments.
import { exactSum } from './exact-sum.js';

export function mean(values: readonly number[]): number {
  return exactSum(values) / values.length;
}

/** Sample standard deviation (ddof = 1), two-pass. */
export function sampleStd(values: readonly number[], valuesMean = mean(values)): number {
  return Math.sqrt(exactSum(values.map((v) => (v - valuesMean) ** 2)) / (values.length - 1));
}

/** Skewness m3/m2^1.5 and excess kurtosis m4/m2^2 - 3, m_k the population central moments. */
export function skewKurtosis(values: readonly number[]): { skewness: number; excessKurtosis: number } {
  const m = mean(values);
  const deviations = values.map((v) => v - m);
  const m2 = exactSum(deviations.map((d) => d * d)) / values.length;
  const m3 = exactSum(deviations.map((d) => d * d * d)) / values.length;
  const m4 = exactSum(deviations.map((d) => d * d * d * d)) / values.length;
  if (m2 === 0) return { skewness: 0, excessKurtosis: 0 };
  return { skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}
