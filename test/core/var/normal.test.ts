import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, erfc, normalCdf, normalPdf, normalQuantile } from '../../../src/core/normal.js';

// Published values (Abramowitz & Stegun; NIST DLMF), not outputs of this code.
describe('standard normal', () => {
  it.each([
    [0.5, 0],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.01, -2.3263478740408408],
    [1e-10, -6.361340902404056],
  ])('quantile(%f) = %f', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(z)));
  });

  it('quantile inverts the CDF across (0, 1)', () => {
    for (let p = 0.001; p < 1; p += 0.0137) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
  });

  it.each([
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [-1, 1.8427007929497148],
  ])('erfc(%f) = %f', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-13);
  });

  it('density and chi-square tails', () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
    // chi2(1) 95% point 3.841458820694124, chi2(2) 95% point 5.991464547107979
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(0, 1)).toBe(1);
  });
});
