// Statistical tests of a VaR model's exceptions (days whose loss exceeded the VaR):
// Kupiec's proportion of failures (is the exception rate 1-q?), Christoffersen's
// independence (do exceptions cluster?) and their sum, conditional coverage. Likelihood
// ratios are chi-square distributed with 1, 1 and 2 degrees of freedom.
import { chiSquareSurvival } from '../normal.js';

export interface LikelihoodRatioTest {
  readonly lr: number;
  readonly pValue: number;
}

/** x * ln(p), with 0 * ln(0) = 0 (the limit), as the likelihoods need. */
function xlogy(x: number, p: number): number {
  return x === 0 ? 0 : x * Math.log(p);
}

/** Kupiec POF: `exceptions` of `days` against the expected rate `p` (= 1 - q). */
export function kupiecPof(days: number, exceptions: number, p: number): LikelihoodRatioTest {
  const observed = exceptions / days;
  const nullLog = xlogy(days - exceptions, 1 - p) + xlogy(exceptions, p);
  const altLog = xlogy(days - exceptions, 1 - observed) + xlogy(exceptions, observed);
  const lr = Math.max(0, -2 * (nullLog - altLog));
  return { lr, pValue: chiSquareSurvival(lr, 1) };
}

/** Transition counts of the exception indicator sequence: n[i][j] = days i followed by j. */
export function transitions(hits: readonly boolean[]): { n00: number; n01: number; n10: number; n11: number } {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < hits.length; t++) {
    const before = hits[t - 1] === true;
    const now = hits[t] === true;
    if (!before && !now) n00++;
    else if (!before && now) n01++;
    else if (before && !now) n10++;
    else n11++;
  }
  return { n00, n01, n10, n11 };
}

/** Christoffersen's independence test (first-order Markov alternative). */
export function christoffersenIndependence(hits: readonly boolean[]): LikelihoodRatioTest {
  const { n00, n01, n10, n11 } = transitions(hits);
  const pi0 = n00 + n01 === 0 ? 0 : n01 / (n00 + n01);
  const pi1 = n10 + n11 === 0 ? 0 : n11 / (n10 + n11);
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  const nullLog = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const altLog = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  const lr = Math.max(0, -2 * (nullLog - altLog));
  return { lr, pValue: chiSquareSurvival(lr, 1) };
}

/** Conditional coverage: POF + independence, chi-square with 2 degrees of freedom. */
export function conditionalCoverage(pof: LikelihoodRatioTest, independence: LikelihoodRatioTest): LikelihoodRatioTest {
  const lr = pof.lr + independence.lr;
  return { lr, pValue: chiSquareSurvival(lr, 2) };
}
