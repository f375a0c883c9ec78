// Binomial(n, p) probabilities and sampling. The probabilities are built outward from the
// mode by the ratio recurrence and normalised by their sum over mode +- (10 sd + 10),
// outside of which the mass is below 1e-20: exact to about 1e-13 (double rounding) for any
// n and p, with no underflow of (1-p)^n, in O(sqrt(n p (1-p))).

/** P(X = k) for k in lo..hi, as weights[k - lo] / total. */
export interface BinomialMass {
  readonly lo: number;
  readonly hi: number;
  readonly weights: Float64Array;
  readonly total: number;
}

// Scratch for the probabilities, reused across calls and grown when needed (a thread runs
// one shard at a time, so reuse is safe; binomialMass returns a copy).
let scratch = new Float64Array(1024);

function fillMass(n: number, p: number): { lo: number; hi: number; total: number } {
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const spread = 10 * Math.sqrt(n * p * q) + 10;
  const lo = Math.max(0, Math.floor(mode - spread));
  const hi = Math.min(n, Math.ceil(mode + spread));
  if (scratch.length < hi - lo + 1) scratch = new Float64Array(2 * (hi - lo + 1));
  const w = scratch;
  const odds = p / q;
  w[mode - lo] = 1;
  for (let k = mode; k > lo; k--) w[k - 1 - lo] = ((w[k - lo] as number) * k) / ((n - k + 1) * odds);
  for (let k = mode; k < hi; k++) w[k + 1 - lo] = ((w[k - lo] as number) * (n - k) * odds) / (k + 1);
  let total = 0;
  for (let k = lo; k <= hi; k++) total += w[k - lo] as number;
  return { lo, hi, total };
}

/** The probabilities of Binomial(n, p), 0 < p < 1, where they are not negligible. */
export function binomialMass(n: number, p: number): BinomialMass {
  const { lo, hi, total } = fillMass(n, p);
  return { lo, hi, weights: scratch.slice(0, hi - lo + 1), total };
}

/** A Binomial(n, p) draw by inversion of the uniform u: the smallest k with P(X <= k) > u. */
export function binomial(n: number, p: number, u: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const { lo, hi, total } = fillMass(n, p);
  const target = u * total;
  let cumulative = 0;
  for (let k = lo; k < hi; k++) {
    cumulative += scratch[k - lo] as number;
    if (cumulative > target) return k;
  }
  return hi;
}
