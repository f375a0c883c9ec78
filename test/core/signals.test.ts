import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movingAverage } from '../../src/core/moving-average.js';
import type { PriceSeries } from '../../src/core/prices.js';
import { computeSignals } from '../../src/core/signals.js';

function series(prices: number[]): PriceSeries {
  const dates = prices.map((_, i) => new Date(Date.UTC(2021, 0, 4 + i)).toISOString().slice(0, 10));
  return { ticker: 'T', dates, prices, priceField: 'adjclose', droppedRows: 0 };
}

// Worked by hand: window 3 over 10 11 12 11 10 9 10 12.
// ma[2..7] = 11, 11.333, 11, 10, 9.667, 10.333; state = 0 0 1 0 0 0 1 1.
// Crossovers from t = 3: sell at t3 (11), buy at t6 (10).
const HAND = [10, 11, 12, 11, 10, 9, 10, 12];

describe('computeSignals, worked by hand', () => {
  it('finds the crossovers and the moving average', () => {
    const report = computeSignals(series(HAND), { window: 3 });
    expect(report.rows.map((r) => r.signal)).toEqual([0, 0, 1, 0, 0, 0, 1, 1]);
    expect(report.rows[1]?.ma).toBeNull();
    expect(report.rows[3]?.ma).toBeCloseTo(34 / 3, 12);
    expect(report.signals).toEqual([
      { date: '2021-01-07', action: 'sell', price: 11 },
      { date: '2021-01-10', action: 'buy', price: 10 },
    ]);
  });

  it('long-only: a first sell opens nothing; the open trade is marked at the last price', () => {
    const report = computeSignals(series(HAND), { window: 3 });
    expect(report.trades).toEqual([
      { entryDate: '2021-01-10', entryPrice: 10, exitDate: '2021-01-11', exitPrice: 12, shares: 100, pnl: 200, returnPct: 20, open: true },
    ]);
    expect(report.rows.every((r) => r.cumPnl === 0 && r.pnl === null)).toBe(true);
    expect(report.stats).toMatchObject({ trades: 1, winRate: null, totalPnl: 200 });
  });

  it('long/short: the sell opens a short that the buy closes', () => {
    const report = computeSignals(series(HAND), { window: 3, strategy: 'longshort' });
    expect(report.trades[0]).toMatchObject({ entryPrice: 11, exitPrice: 10, shares: -100, pnl: 100, open: false });
    expect(report.trades[0]?.returnPct).toBeCloseTo(100 / 11, 12);
    expect(report.rows[6]).toMatchObject({ action: 'buy', pnl: 100, cumPnl: 100 });
    expect(report.rows[7]?.cumPnl).toBe(100);
    // Daily strategy returns from t = 4: +1/11, +1/10, -1/9, +2/10 -> equity 1.28.
    expect(report.stats.totalReturnPct).toBeCloseTo(28, 10);
    expect(report.stats.maxDrawdownPct).toBeCloseTo((1 - 1.0666666666666667 / 1.2) * 100, 10);
    expect(report.stats.exposurePct).toBe(100);
    expect(report.stats.buyHoldReturnPct).toBeCloseTo((12 / 11 - 1) * 100, 10);
    expect(report.stats.winRate).toBe(1);
  });

  it('rejects a window that is not an integer >= 2 or longer than the data', () => {
    expect(() => computeSignals(series(HAND), { window: 1 })).toThrow(/>= 2/);
    expect(() => computeSignals(series(HAND), { window: 2.5 })).toThrow(/integer/);
    expect(() => computeSignals(series(HAND), { window: 9 })).toThrow(/longer than the data/);
  });
});

const priceArrays = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 3, maxLength: 200 });

describe('computeSignals, properties', () => {
  it('moving average equals the naive mean', () => {
    fc.assert(
      fc.property(priceArrays, fc.integer({ min: 2, max: 50 }), (prices, w) => {
        fc.pre(w <= prices.length);
        const ma = movingAverage(prices, w);
        for (let t = w - 1; t < prices.length; t++) {
          const naive = prices.slice(t - w + 1, t + 1).reduce((a, b) => a + b, 0) / w;
          expect(Math.abs((ma[t] as number) - naive)).toBeLessThanOrEqual(1e-12 * naive);
        }
      }),
    );
  });

  it('signals alternate, trades close at the next opposite signal, cumulative P/L adds up', () => {
    fc.assert(
      fc.property(priceArrays, fc.integer({ min: 2, max: 20 }), fc.constantFrom('long' as const, 'longshort' as const), (prices, w, strategy) => {
        fc.pre(w <= prices.length);
        const report = computeSignals(series(prices), { window: w, strategy });
        for (let i = 1; i < report.signals.length; i++) expect(report.signals[i]?.action).not.toBe(report.signals[i - 1]?.action);
        const realised = report.trades.filter((t) => !t.open).reduce((a, t) => a + t.pnl, 0);
        expect(report.rows.at(-1)?.cumPnl).toBeCloseTo(realised, 6);
        expect(report.stats.totalPnl).toBeCloseTo(
          report.trades.reduce((a, t) => a + t.pnl, 0),
          6,
        );
        expect(report.trades.filter((t) => t.open).length).toBeLessThanOrEqual(1);
        if (strategy === 'long') expect(report.trades.every((t) => t.shares > 0)).toBe(true);
      }),
    );
  });
});

describe('signal ties are decided on the decimals as written', () => {
  it('a price equal to its average is not above it, whatever binary rounding says', () => {
    // 0.1 + 0.2 + 0.3 sums to 0.6000000000000001 in doubles, so (0.1+0.2+0.3)/3 rounds
    // below 0.2: a float comparison would call 0.2 > ma. Exactly, 0.2 == ma.
    const report = computeSignals(series([0.1, 0.3, 0.2, 0.3]), { window: 3 });
    expect(report.rows[2]?.signal).toBe(0);
    expect(report.rows[3]?.signal).toBe(1);
  });
});
