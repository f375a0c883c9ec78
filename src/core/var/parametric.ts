// Parametric (normal) VaR/ES from the sample mean and standard deviation of the returns:
// VaR = z*sigma -+ mu, ES = sigma*phi(z)/(1-q) -+ mu (minus for long, plus for short).
import { normalPdf, normalQuantile } from '../normal.js';
import type { ConfidenceLevel } from '../quantile.js';
import type { Position } from '../shard/protocol.js';
import type { MethodEstimate } from './types.js';

export function parametricVar(mu: number, sigma: number, position: Position, levels: readonly ConfidenceLevel[]): MethodEstimate {
  const drift = position === 'long' ? -mu : mu;
  const result: MethodEstimate = { var: {}, es: {} };
  for (const level of levels) {
    const z = normalQuantile(level.q);
    result.var[level.label] = z * sigma + drift;
    result.es[level.label] = (sigma * normalPdf(z)) / (1 - level.q) + drift;
  }
  return result;
}
