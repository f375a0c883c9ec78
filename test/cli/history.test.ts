// `stockrisk history` and `stockrisk show` through the real built binary.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';

describe('stockrisk history and show', () => {
  it('lists stored runs newest first, filters by ticker, and shows one', async () => {
    const home = tempDir();
    const env = { STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: sharedDataDir };
    const empty = await runCli(['history'], env);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('no stored results yet');

    const amzn = JSON.parse((await runCli(['var', 'AMZN', '--date', '2020-03-23', '--seed', '5', '--sims', '20000', '--json'], env)).stdout) as {
      resultId: string;
    };
    const aapl = JSON.parse((await runCli(['var', 'AAPL', '--date', '2020-03-23', '--position', 'short', '--method', 'parametric', '--json'], env)).stdout) as {
      resultId: string;
    };

    const all = await runCli(['history', '--json'], env);
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as { resultId: string }[]).map((r) => r.resultId)).toEqual([aapl.resultId, amzn.resultId]);
    const onlyAmzn = await runCli(['history', '--ticker', 'amzn', '--json'], env);
    expect((JSON.parse(onlyAmzn.stdout) as { resultId: string }[]).map((r) => r.resultId)).toEqual([amzn.resultId]);
    const table = await runCli(['history'], env);
    expect(table.stdout).toContain(amzn.resultId);
    expect(table.stdout).toContain('AAPL');

    const shown = await runCli(['show', amzn.resultId, '--json'], env);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(amzn);
    const rendered = await runCli(['show', aapl.resultId], env);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('AAPL 2020-03-23');
    expect(rendered.stdout).toContain('parametric');
  });

  it('--ticker takes the same aliases as the other commands (BTC is BTC-USD)', async () => {
    const env = { STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir };
    const run = await runCli(['var', 'BTC', '--date', '2020-03-23', '--position', 'long', '--method', 'historical', '--json'], env);
    expect(run.code).toBe(0);
    const { resultId, ticker } = JSON.parse(run.stdout) as { resultId: string; ticker: string };
    expect(ticker).toBe('BTC-USD');
    for (const alias of ['BTC', 'btc', 'bitcoin', 'BTC-USD']) {
      const listed = await runCli(['history', '--ticker', alias, '--json'], env);
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as { resultId: string }[]).map((r) => r.resultId)).toEqual([resultId]);
    }
  });

  it('show of an unknown result id is a usage error', async () => {
    const env = { STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir };
    for (const id of ['2026-01-01T00-00-00-000Z-0123456789abcdef', 'nope', '../../etc/passwd']) {
      const run = await runCli(['show', id], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: no result/);
    }
  });
});
