import { describe, expect, it } from 'vitest';
import { quantileIntervalRanks } from '../../../src/core/var/mc-interval.js';

/** P(B < j) for B ~ Binomial(n, a/b), exactly, as a fraction scaled to 1e15. */
function exactBelow(n: number, a: bigint, b: bigint): number[] {
  const below: number[] = [0];
  let c = 1n;
  let running = 0n;
  const denominator = b ** BigInt(n);
  for (let k = 0; k <= n; k++) {
    running += c * a ** BigInt(k) * (b - a) ** BigInt(n - k);
    below.push(Number((running * 10n ** 15n) / denominator) / 1e15);
    c = (c * BigInt(n - k)) / BigInt(k + 1);
  }
  return below; // below[j] = P(B < j), j = 0..n+1
}

describe('order-statistic confidence interval of a quantile', () => {
  it.each([
    [20, 19n, 20n],
    [50, 19n, 20n],
    [200, 19n, 20n],
    [300, 99n, 100n],
    [1000, 39n, 40n],
  ])('N=%i, q=%i/%i: the binomial-optimal ranks, checked in exact arithmetic', (n, a, b) => {
    const below = exactBelow(n, a, b);
    let lower = 1;
    for (let j = 1; j <= n; j++) if ((below[j] as number) <= 0.025) lower = j;
    let upper = n + 1;
    for (let j = n + 1; j >= 1; j--) if ((below[j] as number) >= 0.975) upper = j;
    const found = quantileIntervalRanks(n, Number(a) / Number(b));
    expect(found).toEqual({ lower, upper: Math.min(upper, n) });
  });

  it('agrees with the normal approximation for large N and stays inside 1..N for tiny N', () => {
    const n = 1_000_000;
    const q = 0.95;
    const spread = 1.959963984540054 * Math.sqrt(n * q * (1 - q));
    const { lower, upper } = quantileIntervalRanks(n, q);
    expect(Math.abs(lower - (n * q - spread))).toBeLessThan(2);
    expect(Math.abs(upper - (n * q + spread))).toBeLessThan(2);
    expect(quantileIntervalRanks(1, 0.95)).toEqual({ lower: 1, upper: 1 });
  });
});
