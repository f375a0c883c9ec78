// Signals and P/L against an independent numpy implementation of the contract
// (test/fixtures/signals_reference.py) on the real shared Yahoo files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYahooCsv } from '../../src/core/csv.js';
import { computeSignals, type Strategy } from '../../src/core/signals.js';
import { hasNumpy, repoRoot, sharedDataDir } from '../helpers/paths.js';

interface Reference {
  rows: number;
  ma: (number | null)[];
  signals: { date: string; action: string; price: number }[];
  trades: { entryDate: string; exitDate: string; pnl: number; open: boolean }[];
  realised: number;
  totalPnl: number;
}

const CASES: [string, number, Strategy][] = [
  ['AMZN', 20, 'long'],
  ['AMZN', 50, 'longshort'],
  ['AAPL', 5, 'long'],
  ['AAPL', 200, 'long'],
  ['BTC-USD', 30, 'longshort'],
  ['BABA', 10, 'long'],
];

// Skipped only where python3 with numpy is missing; this machine and CI have both.
describe.skipIf(!hasNumpy)('signals equal an independent numpy reimplementation (skipped without python3+numpy)', () => {
  it.each(CASES)('%s window %i %s', (ticker, window, strategy) => {
    const file = join(sharedDataDir, `${ticker}.csv`);
    const reference = JSON.parse(
      execFileSync('python3', [join(repoRoot, 'test/fixtures/signals_reference.py'), file, String(window), '100', strategy], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      }),
    ) as Reference;
    const report = computeSignals(parseYahooCsv(readFileSync(file, 'utf8'), { file, ticker }), { window, strategy });

    expect(report.rows.length).toBe(reference.rows);
    report.rows.forEach((row, t) => {
      const expected = reference.ma[t];
      if (expected === null || expected === undefined) expect(row.ma).toBeNull();
      else expect(Math.abs((row.ma as number) - expected)).toBeLessThanOrEqual(1e-12 * expected);
    });
    expect(report.signals).toEqual(reference.signals);
    expect(report.trades.map((t) => ({ entryDate: t.entryDate, exitDate: t.exitDate, open: t.open }))).toEqual(
      reference.trades.map((t) => ({ entryDate: t.entryDate, exitDate: t.exitDate, open: t.open })),
    );
    for (const [i, t] of report.trades.entries()) expect(t.pnl).toBeCloseTo(reference.trades[i]?.pnl as number, 9);
    expect(report.rows.at(-1)?.cumPnl).toBeCloseTo(reference.realised, 6);
    expect(report.stats.totalPnl).toBeCloseTo(reference.totalPnl, 6);
    expect(report.signals.length).toBeGreaterThan(10);
  });
});
