// `stockrisk backtest` through the real built binary.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';

const env = () => ({ STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir });

describe('stockrisk backtest', () => {
  it('prints per method and level the exceptions, the three tests and the Basel zone', async () => {
    const run = await runCli(['backtest', 'BABA', '--method', 'historical,parametric,mc', '--sims', '2000', '--seed', '4', '--json'], env());
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      days: number;
      methods: Record<
        string,
        Record<
          string,
          {
            days: number;
            exceptions: number;
            kupiec: { pValue: number };
            independence: { pValue: number };
            conditionalCoverage: { pValue: number };
            trafficLight: { zone: string } | null;
          }
        >
      >;
    };
    expect(Object.keys(report.methods)).toEqual(['historical', 'parametric', 'mc']);
    for (const levels of Object.values(report.methods)) {
      expect(Object.keys(levels)).toEqual(['95', '99']);
      for (const level of Object.values(levels)) {
        expect(level.days).toBe(report.days);
        for (const p of [level.kupiec.pValue, level.independence.pValue, level.conditionalCoverage.pValue]) expect(p).toBeGreaterThanOrEqual(0);
      }
      expect(['green', 'yellow', 'red']).toContain(levels['99']?.trafficLight?.zone);
      expect(levels['95']?.trafficLight).toBeNull();
    }
    const table = await runCli(['backtest', 'BABA'], env());
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Kupiec p');
    expect(Math.max(...table.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it.each([
    ['unknown method', ['--method', 'guess'], /unknown method "guess"/],
    ['history longer than the data', ['--history', '100000'], /needs at least 100002 prices/],
    ['bad position', ['--position', 'flat'], /--position must be long, short or signal/],
    ['bad confidence', ['--confidence', '100'], /strictly between 0 and 100/],
    ['signal window longer than the data', ['--position', 'signal', '--window', '100000'], /--window 100000 is longer than the data/],
  ])('%s: exit 2 with an error line', async (_name, args, message) => {
    const home = tempDir();
    const run = await runCli(['backtest', 'BABA', ...args], { STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: sharedDataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(home, 'results'))).toBe(false);
  });
});
