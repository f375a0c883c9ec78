// A distribution-free confidence interval for a quantile from order statistics: the number
// of draws below the true q-quantile is Binomial(N, q), so [X_(l), X_(u)] covers it with
// probability P(l <= B < u). l and u come from the normal approximation to the binomial
// (exact enough for the N where Monte Carlo is used; clamped to 1..N for tiny N).
import { normalQuantile } from '../normal.js';

export const MC_INTERVAL_COVERAGE = 0.95;

/** 1-based ranks (lower, upper) of the order statistics bounding the q-quantile. */
export function quantileIntervalRanks(count: number, q: number, coverage = MC_INTERVAL_COVERAGE): { lower: number; upper: number } {
  const z = normalQuantile(0.5 + coverage / 2);
  const centre = count * q;
  const spread = z * Math.sqrt(count * q * (1 - q));
  const lower = Math.min(count, Math.max(1, Math.floor(centre - spread)));
  const upper = Math.min(count, Math.max(1, Math.ceil(centre + spread)));
  return { lower, upper };
}
