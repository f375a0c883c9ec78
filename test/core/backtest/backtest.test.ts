import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { christoffersenIndependence, conditionalCoverage, kupiecPof, transitions } from '../../../src/core/backtest/coverage-tests.js';
import { backtestVar } from '../../../src/core/backtest/rolling-var.js';
import { baselTrafficLight } from '../../../src/core/backtest/traffic-light.js';
import { parseYahooCsv } from '../../../src/core/csv.js';
import { parseConfidenceLevels } from '../../../src/core/quantile.js';
import { repoRoot, sharedDataDir } from '../../helpers/paths.js';

interface Expected {
  days: number;
  exceptions: number;
  kupiec: number;
  independence: number;
  conditionalCoverage: number;
  last250: number;
  zone: string;
}

const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/backtest_reference.json'), 'utf8')) as {
  history: number;
  levels: Record<string, Record<'historical' | 'parametric', Expected>>;
};

describe('coverage tests', () => {
  it('Kupiec POF is 0 when the exception rate is exactly as expected, and handles 0 exceptions', () => {
    expect(kupiecPof(1000, 50, 0.05).lr).toBeCloseTo(0, 12);
    expect(kupiecPof(1000, 50, 0.05).pValue).toBeCloseTo(1, 12);
    // 0 exceptions in 250 days at 1%: LR = -2 * 250 * ln(0.99).
    expect(kupiecPof(250, 0, 0.01).lr).toBeCloseTo(-500 * Math.log(0.99), 12);
  });

  it('counts transitions and finds clustering', () => {
    const hits = [false, true, true, false, false, true, false];
    expect(transitions(hits)).toEqual({ n00: 1, n01: 2, n10: 2, n11: 1 });
    const clustered = Array.from({ length: 500 }, (_, i) => i % 100 < 10);
    expect(christoffersenIndependence(clustered).pValue).toBeLessThan(1e-10);
    const pof = kupiecPof(500, 50, 0.1);
    const ind = christoffersenIndependence(clustered);
    expect(conditionalCoverage(pof, ind).lr).toBeCloseTo(pof.lr + ind.lr, 12);
  });

  it('Basel zones: green to 4, yellow to 9, red from 10, over the last 250 days', () => {
    const days = (exceptions: number) => Array.from({ length: 300 }, (_, i) => i >= 300 - exceptions);
    expect(baselTrafficLight(days(4))?.zone).toBe('green');
    expect(baselTrafficLight(days(5))?.zone).toBe('yellow');
    expect(baselTrafficLight(days(9))?.zone).toBe('yellow');
    expect(baselTrafficLight(days(10))?.zone).toBe('red');
    expect(baselTrafficLight(Array.from({ length: 249 }, () => true))).toBeUndefined();
  });
});

describe('rolling VaR backtest equals an independent numpy/scipy backtest (AMZN, long, H=100)', () => {
  const file = join(sharedDataDir, 'AMZN.csv');
  const series = parseYahooCsv(readFileSync(file, 'utf8'), { file, ticker: 'AMZN' });
  const report = backtestVar(series, {
    history: fixture.history,
    levels: parseConfidenceLevels('95,99'),
    methods: ['historical', 'parametric'],
    position: 'long',
    window: 20,
    sims: 1000,
    seed: 1,
  });

  it.each([
    ['95', 'historical'],
    ['95', 'parametric'],
    ['99', 'historical'],
    ['99', 'parametric'],
  ] as const)('%s%% %s', (level, method) => {
    const expected = fixture.levels[level]?.[method] as Expected;
    const found = report.methods[method]?.[level];
    expect(found?.days).toBe(expected.days);
    expect(found?.exceptions).toBe(expected.exceptions);
    for (const test of ['kupiec', 'independence', 'conditionalCoverage'] as const) {
      expect(Math.abs((found?.[test].pValue as number) - expected[test])).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, expected[test]) + 1e-15);
    }
    if (level === '99') expect(found?.trafficLight).toEqual({ zone: expected.zone, exceptions: expected.last250, days: 250 });
    else expect(found?.trafficLight).toBeNull();
  });

  it('runs Monte Carlo and signal-following positions too', () => {
    const recent = { ...series, dates: series.dates.slice(-400), prices: series.prices.slice(-400) };
    const mc = backtestVar(recent, {
      history: 100,
      levels: parseConfidenceLevels('99'),
      methods: ['mc', 'parametric'],
      position: 'signal',
      window: 20,
      sims: 5000,
      seed: 3,
    });
    const mcLevel = mc.methods.mc?.['99'];
    const parametricLevel = mc.methods.parametric?.['99'];
    expect(mcLevel?.days).toBe(299);
    // Monte Carlo VaR from the same normal model: exception counts within a few of parametric.
    expect(Math.abs((mcLevel?.exceptions as number) - (parametricLevel?.exceptions as number))).toBeLessThanOrEqual(3);
  });

  it('with signal positions, starts on the first day the moving average exists', () => {
    const recent = { ...series, dates: series.dates.slice(-300), prices: series.prices.slice(-300) };
    const options = { history: 50, levels: parseConfidenceLevels('95'), methods: ['historical' as const], sims: 1, seed: 1 };
    // window 120: the first side is known at the close of day 119, so forecasts start on day 120.
    const late = backtestVar(recent, { ...options, position: 'signal', window: 120 });
    expect(late.days).toBe(299 - 119);
    expect(late.first).toBe(recent.dates[120]);
    // A short window changes nothing: history decides the first day.
    const early = backtestVar(recent, { ...options, position: 'signal', window: 20 });
    expect(early.days).toBe(299 - 50);
    expect(early.first).toBe(recent.dates[51]);
    expect(() => backtestVar(recent, { ...options, position: 'signal', window: 300 })).toThrow(/--history 50 and --window 300 needs at least 301 prices/);
  });

  it('rejects a signal window longer than the data instead of holding short every day', () => {
    const short = { ...series, dates: series.dates.slice(-150), prices: series.prices.slice(-150) };
    const options = { history: 100, levels: parseConfidenceLevels('95'), methods: ['historical' as const], window: 151, sims: 1, seed: 1 };
    expect(() => backtestVar(short, { ...options, position: 'signal' })).toThrow(/--window 151 is longer than the data \(150 rows\)/);
    // A fixed position does not use the window.
    expect(backtestVar(short, { ...options, position: 'long' }).days).toBe(49);
  });
});
