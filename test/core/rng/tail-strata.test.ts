import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../src/core/normal.js';
import { binomial } from '../../../src/core/rng/binomial.js';
import { blockState, nextUniform } from '../../../src/core/rng/stream.js';
import { BlockStrata, NORMAL_DRAW_BOUND, strataCovering, TAIL_STRATA } from '../../../src/core/rng/tail-strata.js';

/** All draws of a block, in block order (every stratum). */
function blockDraws(seed: number, block: number, size: number): Float64Array {
  const strata = new BlockStrata(seed, block, size);
  const out = new Float64Array(size);
  for (let s = 0; s < TAIL_STRATA.length; s++) {
    const count = strata.count(s);
    const part = new Float64Array(count);
    strata.draws(s).fill(part, count);
    out.set(part, strata.start(s));
  }
  return out;
}

describe('binomial by inversion', () => {
  it('is the exact inverse CDF (checked in rational arithmetic) for n = 40, p = 1/4', () => {
    const n = 40;
    // P(X = k) = C(n,k) 3^(n-k) / 4^n, exactly.
    const pmf: bigint[] = [];
    let c = 1n;
    for (let k = 0; k <= n; k++) {
      pmf.push(c * 3n ** BigInt(n - k));
      c = (c * BigInt(n - k)) / BigInt(k + 1);
    }
    const denominator = 4n ** BigInt(n);
    const cdf: number[] = [];
    let running = 0n;
    for (const p of pmf) {
      running += p;
      cdf.push(Number((running * 10n ** 15n) / denominator) / 1e15);
    }
    for (let i = 1; i < 1000; i++) {
      const u = i / 1000;
      // Skip u within 1e-12 of a jump of the CDF, where double rounding may decide.
      if (cdf.some((f) => Math.abs(f - u) < 1e-12)) continue;
      const k = binomial(n, 0.25, u);
      expect(cdf[k] as number).toBeGreaterThan(u);
      if (k > 0) expect(cdf[k - 1] as number).toBeLessThanOrEqual(u);
    }
  });

  it('has the right mean and variance where (1-p)^n underflows', () => {
    const state = blockState(5, 0, 99);
    const n = 65536;
    const p = 0.3;
    let sum = 0;
    let squares = 0;
    const reps = 4000;
    for (let i = 0; i < reps; i++) {
      const k = binomial(n, p, nextUniform(state));
      sum += k;
      squares += k * k;
    }
    const mean = sum / reps;
    const variance = squares / reps - mean * mean;
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(reps));
    expect(Math.abs(variance / (sd * sd) - 1)).toBeLessThan(0.12);
    expect(binomial(n, 0, 0.5)).toBe(0);
    expect(binomial(n, 1, 0.5)).toBe(n);
    expect(binomial(0, 0.5, 0.5)).toBe(0);
  });
});

describe('tail-first stratified normal draws', () => {
  it('a block is reproducible, its counts add up, and each stratum stays in its range', () => {
    const a = blockDraws(42, 3, 65536);
    expect(blockDraws(42, 3, 65536)).toEqual(a);
    expect(blockDraws(43, 3, 65536)).not.toEqual(a);
    expect(blockDraws(42, 4, 65536)).not.toEqual(a);
    const strata = new BlockStrata(42, 3, 65536);
    let total = 0;
    for (let s = 0; s < TAIL_STRATA.length; s++) {
      expect(strata.start(s)).toBe(total);
      total += strata.count(s);
      const lower = s === 0 ? 0 : (TAIL_STRATA[s - 1] as number);
      const part = new Float64Array(strata.count(s));
      strata.draws(s).fill(part, part.length);
      for (const w of part) {
        const tail = normalCdf(-w);
        expect(tail).toBeGreaterThanOrEqual(lower * (1 - 1e-9));
        expect(tail).toBeLessThanOrEqual((TAIL_STRATA[s] as number) * (1 + 1e-9));
        expect(Math.abs(w)).toBeLessThan(NORMAL_DRAW_BOUND);
      }
    }
    expect(total).toBe(65536);
  });

  it('skipping then drawing gives the same draws as drawing through', () => {
    const strata = new BlockStrata(1, 0, 65536);
    const s = TAIL_STRATA.length - 1;
    const all = new Float64Array(strata.count(s));
    strata.draws(s).fill(all, all.length);
    const stream = strata.draws(s);
    stream.skip(1000);
    const rest = new Float64Array(all.length - 1000);
    stream.fill(rest, rest.length);
    expect(rest).toEqual(all.subarray(1000));
  });

  it('the pooled draws of 16 blocks are N(0,1): moments, Kolmogorov-Smirnov, deep tail', () => {
    const n = 16 * 65536;
    const all = new Float64Array(n);
    for (let b = 0; b < 16; b++) all.set(blockDraws(2026, b, 65536), b * 65536);
    let m1 = 0;
    for (const x of all) m1 += x;
    m1 /= n;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const x of all) {
      const d = x - m1;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    // 5 standard errors: mean 1/sqrt(n), variance sqrt(2/n), skew sqrt(6/n), kurtosis sqrt(24/n).
    expect(Math.abs(m1)).toBeLessThan(0.005);
    expect(Math.abs(m2 - 1)).toBeLessThan(0.007);
    expect(Math.abs(m3 / m2 ** 1.5)).toBeLessThan(0.012);
    expect(Math.abs(m4 / m2 ** 2 - 3)).toBeLessThan(0.024);
    const sorted = Float64Array.from(all).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i] as number);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n)); // alpha = 0.001
    // P(W > 3.719016485455709) = 1e-4
    const beyond = all.filter((x) => x > 3.719016485455709).length;
    expect(Math.abs(beyond - n * 1e-4)).toBeLessThan(5 * Math.sqrt(n * 1e-4));
  });

  it('strataCovering picks every stratum that can hold a tail probability up to the bound', () => {
    expect(strataCovering(0)).toBe(1);
    expect(strataCovering(1e-5)).toBe(1);
    expect(strataCovering(0.05)).toBe(TAIL_STRATA.indexOf(0.05) + 1);
    expect(strataCovering(0.0501)).toBe(TAIL_STRATA.indexOf(0.055) + 1);
    expect(strataCovering(1)).toBe(TAIL_STRATA.length);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (tail) => {
        const needed = strataCovering(tail);
        expect((TAIL_STRATA[needed - 1] as number) >= tail).toBe(true);
      }),
    );
  });
});
