// The terminal chart's date axis: first and last plotted dates, never glued together.
import { describe, expect, it } from 'vitest';
import { style } from '../../src/cli/output.js';
import { renderPriceChart } from '../../src/cli/render/price-chart.js';
import { computeSignals } from '../../src/core/signals.js';

function chartOf(prices: number[], window: number, columns = 80): string[] {
  const dates = prices.map((_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
  const report = computeSignals({ ticker: 'T', dates, prices, priceField: 'close', droppedRows: 0 }, { window });
  return renderPriceChart(report, { columns, color: false, style: style(false) }).split('\n');
}

const dateLine = (lines: string[]): string => lines.find((line) => /\d{4}-\d{2}-\d{2}/.test(line)) as string;

describe('price chart date axis', () => {
  it('separates the first and last dates of a short series', () => {
    expect(dateLine(chartOf([10, 11, 12, 13, 9], 2)).trim()).toBe('2020-01-02 2020-01-05');
  });

  it('shows one date when one day is plotted', () => {
    expect(dateLine(chartOf([10, 11, 12, 13, 9], 5)).trim()).toBe('2020-01-05');
  });

  it('ends the last date under the last plotted column of a long series', () => {
    const prices = Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 7) * 10);
    const lines = chartOf(prices, 20);
    const markers = lines[lines.indexOf(dateLine(lines)) - 1] as string;
    expect(dateLine(lines).length).toBe(markers.length);
    expect(dateLine(lines)).toMatch(/^ +2020-01-20 +2020-10-26$/);
  });
});
