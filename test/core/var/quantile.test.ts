import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthSmallest, parseConfidenceLevel, parseConfidenceLevels, quantileRank } from '../../../src/core/quantile.js';
import { ExactSum, exactSum } from '../../../src/core/var/exact-sum.js';

describe('confidence levels and ranks', () => {
  it('computes k = ceil(q*N) exactly where floating point would not', () => {
    // 0.07 * 100 = 7.000000000000001 in floating point; the contract's k is 7.
    expect(quantileRank(parseConfidenceLevel('7'), 100)).toBe(7);
    expect(quantileRank(parseConfidenceLevel('97.5'), 1000)).toBe(975);
    expect(quantileRank(parseConfidenceLevel('97.5'), 1001)).toBe(976);
    expect(quantileRank(parseConfidenceLevel('99'), 100)).toBe(99);
    expect(quantileRank(parseConfidenceLevel('95'), 1)).toBe(1);
  });

  it('labels levels canonically and rejects bad ones', () => {
    expect(parseConfidenceLevel('95.0').label).toBe('95');
    expect(parseConfidenceLevel('097.50').label).toBe('97.5');
    expect(parseConfidenceLevels('95,99').map((l) => l.label)).toEqual(['95', '99']);
    for (const bad of ['0', '100', '101', '-5', 'abc', '', '95,95', '1e2', '1,2,3,4,5,6,7,8,9,10,11']) expect(() => parseConfidenceLevels(bad)).toThrow();
  });

  it('rank agrees with rational arithmetic for any level and N (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 10 ** 12 }), (thousandths, n) => {
        const text = `${Math.floor(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, '0')}`;
        const level = parseConfidenceLevel(text);
        const k = BigInt(quantileRank(level, n));
        // k is the least integer with k >= q*N, i.e. k*100000 >= thousandths*N.
        const qn = BigInt(thousandths) * BigInt(n);
        expect(k * 100000n >= qn).toBe(true);
        expect((k - 1n) * 100000n < qn || k === 1n).toBe(true);
      }),
    );
  });

  it('kthSmallest equals sorting (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, pick) => {
        const k = (pick % values.length) + 1;
        const sorted = [...values].sort((a, b) => a - b);
        expect(kthSmallest(values, k)).toBe(sorted[k - 1]);
      }),
    );
  });
});

describe('exact summation', () => {
  it('is exact where naive summation is not', () => {
    expect(exactSum([1e16, 1, -1e16])).toBe(1);
    expect(exactSum([0.1, 0.2, 0.3, -0.6])).toBe(2.7755575615628914e-17);
  });

  it('does not depend on order or split (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 100 }), fc.nat(), (values, cut) => {
        const at = cut % values.length;
        const parts = [values.slice(0, at), values.slice(at)].map((part) => {
          const sum = new ExactSum();
          for (const v of part.reverse()) sum.add(v);
          return sum.toPartials();
        });
        const merged = new ExactSum();
        for (const partials of parts) merged.addPartials(partials);
        expect(merged.value()).toBe(exactSum(values));
      }),
    );
  });

  it('adds multiples exactly', () => {
    const sum = new ExactSum();
    sum.addMultiple(0.1, 3);
    expect(sum.value()).toBe(exactSum([0.1, 0.1, 0.1]));
  });
});
