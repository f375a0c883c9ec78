// Binomial(n, p) by inversion of one uniform: the smallest k with P(X <= k) > u. The
// probabilities are built outward from the mode by the ratio recurrence and normalised by
// their sum over mode +- (10 sd + 10), outside of which the mass is below 1e-20, so the
// distribution is exact to about 1e-13 (double rounding) for any n and p, with no
// underflow of (1-p)^n. Cost O(sqrt(n p (1-p))).

// Scratch for the probabilities, reused across calls and grown when needed (a thread runs
// one shard at a time, so reuse is safe).
let weights = new Float64Array(1024);

export function binomial(n: number, p: number, u: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const spread = 10 * Math.sqrt(n * p * q) + 10;
  const lo = Math.max(0, Math.floor(mode - spread));
  const hi = Math.min(n, Math.ceil(mode + spread));
  if (weights.length < hi - lo + 1) weights = new Float64Array(2 * (hi - lo + 1));
  const w = weights;
  const odds = p / q;
  w[mode - lo] = 1;
  for (let k = mode; k > lo; k--) w[k - 1 - lo] = ((w[k - lo] as number) * k) / ((n - k + 1) * odds);
  for (let k = mode; k < hi; k++) w[k + 1 - lo] = ((w[k - lo] as number) * (n - k) * odds) / (k + 1);
  let total = 0;
  for (let k = lo; k <= hi; k++) total += w[k - lo] as number;
  const target = u * total;
  let cumulative = 0;
  for (let k = lo; k < hi; k++) {
    cumulative += w[k - lo] as number;
    if (cumulative > target) return k;
  }
  return hi;
}
