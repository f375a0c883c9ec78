// Historical, parametric and Cornish-Fisher VaR/ES against an independent numpy/scipy
// computation of the contract (test/fixtures/var_reference.py, output committed as
// var_reference.json) on the real AMZN and AAPL files, at several signal dates, both
// positions, for levels 95, 97.5 and 99.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signalActions } from '../../../src/app/var-run.js';
import { parseYahooCsv } from '../../../src/core/csv.js';
import type { PriceSeries } from '../../../src/core/prices.js';
import { parseConfidenceLevels } from '../../../src/core/quantile.js';
import { returnsAt } from '../../../src/core/returns.js';
import type { Position } from '../../../src/core/shard/protocol.js';
import { cornishFisherVar } from '../../../src/core/var/cornish-fisher.js';
import { historicalVar } from '../../../src/core/var/historical.js';
import { mean, sampleStd } from '../../../src/core/var/moments.js';
import { parametricVar } from '../../../src/core/var/parametric.js';
import { repoRoot, sharedDataDir } from '../../helpers/paths.js';

interface Case {
  ticker: string;
  date: string;
  action: 'buy' | 'sell';
  position: Position;
  history: number;
  price: number;
  mean: number;
  std: number;
  historical: { var: Record<string, number>; es: Record<string, number> };
  parametric: { var: Record<string, number>; es: Record<string, number> };
  cornishFisher: Record<string, number>;
}

const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/var_reference.json'), 'utf8')) as { window: number; levels: string[]; cases: Case[] };
const levels = parseConfidenceLevels(fixture.levels.join(','));
const seriesCache = new Map<string, PriceSeries>();
function series(ticker: string): PriceSeries {
  let loaded = seriesCache.get(ticker);
  if (loaded === undefined) {
    const file = join(sharedDataDir, `${ticker}.csv`);
    loaded = parseYahooCsv(readFileSync(file, 'utf8'), { file, ticker });
    seriesCache.set(ticker, loaded);
  }
  return loaded;
}

const close = (actual: number | null | undefined, expected: number): void => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-12);
};

describe('VaR methods equal an independent numpy/scipy computation (within 1e-12)', () => {
  it('covers several signal dates of AMZN and AAPL in both positions', () => {
    const tickers = new Set(fixture.cases.map((c) => c.ticker));
    expect([...tickers].sort()).toEqual(['AAPL', 'AMZN']);
    expect(new Set(fixture.cases.map((c) => c.position)).size).toBe(2);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixture.cases.map((c) => [`${c.ticker} ${c.date} ${c.action} ${c.position} H=${c.history}`, c] as const))('%s', (_name, c) => {
    const s = series(c.ticker);
    expect(signalActions(s, fixture.window).get(c.date)).toBe(c.action);
    const window = returnsAt(s, c.date, c.history);
    expect(window.price).toBe(c.price);
    const mu = mean(window.returns);
    const sigma = sampleStd(window.returns, mu);
    close(mu, c.mean);
    close(sigma, c.std);
    const historical = historicalVar(window.returns, c.position, levels);
    const parametric = parametricVar(mu, sigma, c.position, levels);
    const cf = cornishFisherVar(window.returns, c.position, levels);
    for (const level of fixture.levels) {
      close(historical.var[level], c.historical.var[level] as number);
      close(historical.es[level], c.historical.es[level] as number);
      close(parametric.var[level], c.parametric.var[level] as number);
      close(parametric.es[level], c.parametric.es[level] as number);
      close(cf.var[level], c.cornishFisher[level] as number);
    }
  });
});

describe('flat prices', () => {
  it('a zero return is a loss of +0, not -0 (which the terminal prints as -0.00)', () => {
    const levels = parseConfidenceLevels('95');
    for (const position of ['long', 'short'] as const) {
      const estimate = historicalVar([0, 0, 0, 0], position, levels);
      expect(Object.is(estimate.var['95'], 0)).toBe(true);
      expect(Object.is(estimate.es['95'], 0)).toBe(true);
    }
  });
});
