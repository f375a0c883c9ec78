// Historical VaR/ES: the empirical quantile of the H observed losses.
import { type ConfidenceLevel, quantileRank } from '../quantile.js';
import type { Position } from '../shard/protocol.js';
import { exactSum } from './exact-sum.js';
import { lossesOf } from './loss.js';
import type { MethodEstimate } from './types.js';

export function historicalVar(returns: readonly number[], position: Position, levels: readonly ConfidenceLevel[]): MethodEstimate {
  const sorted = Float64Array.from(lossesOf(returns, position)).sort();
  const result: MethodEstimate = { var: {}, es: {} };
  for (const level of levels) {
    const k = quantileRank(level, sorted.length);
    result.var[level.label] = sorted[k - 1] as number;
    result.es[level.label] = exactSum(sorted.subarray(k - 1)) / (sorted.length - k + 1);
  }
  return result;
}
