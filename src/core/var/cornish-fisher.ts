// Cornish-Fisher (modified) VaR on the loss series: the normal quantile corrected for the
// skewness S and excess kurtosis K of the losses. With S = K = 0 it is the parametric VaR.
import { normalQuantile } from '../normal.js';
import type { ConfidenceLevel } from '../quantile.js';
import type { Position } from '../shard/protocol.js';
import { lossesOf } from './loss.js';
import { mean, sampleStd, skewKurtosis } from './moments.js';
import type { MethodEstimate } from './types.js';

export function cornishFisherZ(z: number, skewness: number, excessKurtosis: number): number {
  return z + ((z * z - 1) * skewness) / 6 + ((z * z * z - 3 * z) * excessKurtosis) / 24 - ((2 * z * z * z - 5 * z) * skewness * skewness) / 36;
}

export function cornishFisherVar(returns: readonly number[], position: Position, levels: readonly ConfidenceLevel[]): MethodEstimate {
  const losses = lossesOf(returns, position);
  const lossMean = mean(losses);
  const lossStd = sampleStd(losses, lossMean);
  const { skewness, excessKurtosis } = skewKurtosis(losses);
  const result: MethodEstimate = { var: {}, es: {} };
  for (const level of levels) {
    result.var[level.label] = lossMean + cornishFisherZ(normalQuantile(level.q), skewness, excessKurtosis) * lossStd;
    // Cornish-Fisher defines a quantile, not a tail mean.
    result.es[level.label] = null;
  }
  return result;
}
