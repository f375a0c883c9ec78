// A distribution-free confidence interval for a quantile from order statistics: the number
// B of draws at or below the true q-quantile is Binomial(N, q), and [X_(l), X_(u)] covers
// the quantile exactly when l <= B < u. l and u are chosen from the binomial distribution
// itself (not a normal approximation): l the largest rank with P(B < l) <= (1-c)/2, u the
// smallest with P(B < u) >= (1+c)/2, so each side misses with probability at most (1-c)/2.
// For tiny N or extreme q they are clamped to 1..N, and the interval then covers less.
import { binomialMass } from '../rng/binomial.js';

export const MC_INTERVAL_COVERAGE = 0.95;

/** 1-based ranks (lower, upper) of the order statistics bounding the q-quantile. */
export function quantileIntervalRanks(count: number, q: number, coverage = MC_INTERVAL_COVERAGE): { lower: number; upper: number } {
  const tail = (1 - coverage) / 2;
  const mass = binomialMass(count, q);
  // below[j] = P(B < j) = P(B <= j - 1); ranks below mass.lo have P(B < j) ~ 0.
  let lower = Math.max(1, mass.lo);
  let upper = count;
  let cumulative = 0;
  let upperFound = false;
  for (let k = mass.lo; k <= mass.hi; k++) {
    // Here cumulative = P(B < k) = P(B <= k - 1).
    const below = cumulative / mass.total;
    if (below <= tail) lower = Math.max(1, k);
    if (!upperFound && below >= 1 - tail) {
      upper = k;
      upperFound = true;
    }
    cumulative += mass.weights[k - mass.lo] as number;
  }
  if (!upperFound && cumulative / mass.total >= 1 - tail) upper = mass.hi + 1;
  return { lower: Math.min(lower, count), upper: Math.max(1, Math.min(upper, count)) };
}
