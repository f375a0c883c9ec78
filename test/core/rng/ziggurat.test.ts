import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../src/core/normal.js';
import { blockState, DRAWS_PER_BLOCK } from '../../../src/core/rng/stream.js';
import { BlockNormals, NORMAL_DRAW_BOUND } from '../../../src/core/rng/ziggurat.js';

function draws(seed: number, block: number, chunks: readonly number[]): Float64Array {
  const normals = new BlockNormals(seed, block);
  const out = new Float64Array(chunks.reduce((a, b) => a + b, 0));
  let offset = 0;
  for (const chunk of chunks) {
    const part = new Float64Array(chunk);
    normals.fill(part, chunk);
    out.set(part, offset);
    offset += chunk;
  }
  return out;
}

describe('block streams', () => {
  it('draw j of a block is the same however the block is chunked', () => {
    const whole = draws(42, 3, [DRAWS_PER_BLOCK]);
    expect(draws(42, 3, [1, 999, 30000, DRAWS_PER_BLOCK - 31000])).toEqual(whole);
  });

  it('different seeds and blocks give different streams; a seed gives the same', () => {
    const a = draws(1, 0, [1000]);
    expect(draws(1, 0, [1000])).toEqual(a);
    expect(draws(2, 0, [1000])).not.toEqual(a);
    expect(draws(1, 1, [1000])).not.toEqual(a);
    expect(draws(2 ** 32 + 1, 0, [1000])).not.toEqual(a);
    expect(draws(Number.MAX_SAFE_INTEGER, 2 ** 33, [10]).every(Number.isFinite)).toBe(true);
  });

  it('seeds whose halves swap do not collide', () => {
    expect(blockState(1, 2)).not.toEqual(blockState(2, 1));
    expect(blockState(2 ** 32, 0)).not.toEqual(blockState(1, 0));
  });

  it('refuses to run past the end of a block', () => {
    const normals = new BlockNormals(1, 0);
    const out = new Float64Array(DRAWS_PER_BLOCK);
    normals.fill(out, DRAWS_PER_BLOCK);
    expect(() => normals.fill(out, 1)).toThrow(RangeError);
  });
});

describe('ziggurat normals', () => {
  // 2^20 draws over 16 blocks: moments and the Kolmogorov-Smirnov distance to Phi.
  const n = 16 * DRAWS_PER_BLOCK;
  const all = new Float64Array(n);
  for (let b = 0; b < 16; b++) all.set(draws(2026, b, [DRAWS_PER_BLOCK]), b * DRAWS_PER_BLOCK);

  it('has mean 0, variance 1, skew 0 and excess kurtosis 0 within sampling error', () => {
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
    // Standard errors: mean 1/sqrt(n) ~ 0.001, var sqrt(2/n) ~ 0.0014, skew sqrt(6/n) ~ 0.0024, kurt sqrt(24/n) ~ 0.0048; 5 SE bounds.
    expect(Math.abs(m1)).toBeLessThan(0.005);
    expect(Math.abs(m2 - 1)).toBeLessThan(0.007);
    expect(Math.abs(m3 / m2 ** 1.5)).toBeLessThan(0.012);
    expect(Math.abs(m4 / m2 ** 2 - 3)).toBeLessThan(0.024);
  });

  it('passes a Kolmogorov-Smirnov test against the normal CDF', () => {
    const sorted = Float64Array.from(all).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i] as number);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    // Critical value at alpha = 0.001 is 1.95 / sqrt(n).
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('puts the right mass in the far tails (the tail algorithm works)', () => {
    let beyond = 0;
    let max = 0;
    for (const x of all) {
      if (Math.abs(x) > 3.442619855899) beyond++;
      max = Math.max(max, Math.abs(x));
    }
    const expected = 2 * (1 - normalCdf(3.442619855899)) * n;
    expect(Math.abs(beyond - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(max).toBeLessThan(NORMAL_DRAW_BOUND);
  });
});
