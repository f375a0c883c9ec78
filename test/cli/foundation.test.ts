// The foundation commands through the real built binary: output shapes, and every bad
// input of the foundation issue (one `error:` line, exit 2, nothing written).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';

const HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';
const shared = { STOCKRISK_DATA_DIR: sharedDataDir };

function freshHome(): string {
  return join(tempDir(), 'home');
}

function expectUsageFailure(run: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
  expect(lines.length).toBeLessThanOrEqual(2);
}

describe('companies', () => {
  it('lists the five companies with source, rows and range', async () => {
    const home = freshHome();
    const run = await runCli(['companies', '--json'], { ...shared, STOCKRISK_HOME: home });
    expect(run.code).toBe(0);
    const companies = JSON.parse(run.stdout) as { ticker: string; source: string; rows: number; first: string; last: string }[];
    expect(companies.map((c) => c.ticker)).toEqual(['AMZN', 'AAPL', 'BABA', 'BTC-USD', 'SPX']);
    expect(companies.find((c) => c.ticker === 'AMZN')).toMatchObject({ source: 'data-dir', rows: 5935, first: '1997-05-15', last: '2020-12-11' });
    expect(companies.find((c) => c.ticker === 'AAPL')?.rows).toBe(10086); // one all-null row dropped
    expect(companies.find((c) => c.ticker === 'SPX')).toMatchObject({ source: 'bundled', rows: 5105, first: '2000-01-03', last: '2020-04-17' });
    expect(existsSync(home)).toBe(false);
  });

  it('says which command fetches a known company without data', async () => {
    const run = await runCli(['companies'], { STOCKRISK_HOME: freshHome() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AMZN: no data yet; fetch it with: stockrisk data fetch AMZN');
    const signals = await runCli(['signals', 'AMZN'], { STOCKRISK_HOME: freshHome() });
    expect(signals.code).toBe(2);
    expect(signals.stderr).toContain('hint: fetch it with: stockrisk data fetch AMZN');
  });
});

describe('signals', () => {
  it('prints chart, table and statistics within 80 columns', async () => {
    const run = await runCli(['signals', 'AMZN', '--window', '20'], { ...shared, STOCKRISK_HOME: freshHome() });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(run.stdout).toMatch(/┤/); // the chart's axis
    expect(run.stdout).toMatch(/▲ buy/);
    expect(run.stdout).toContain('Strategy statistics');
    expect(run.stdout).not.toContain('\u001b['); // NO_COLOR and not a TTY: no escapes
  });

  it('runs on the bundled S&P 500 with no data dir', async () => {
    const run = await runCli(['signals', 'SPX', '--window', '20', '--no-chart', '--last', '5'], { STOCKRISK_HOME: freshHome() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SPX  2000-01-03 to 2020-04-17');
    expect(run.stdout).toContain('(last 5 of');
  });

  it('--json prints exactly the contract shape and nothing else', async () => {
    const run = await runCli(['signals', 'btc', '--window', '30', '--json'], { ...shared, STOCKRISK_HOME: freshHome() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown> & {
      rows: Record<string, unknown>[];
      trades: Record<string, unknown>[];
      stats: Record<string, unknown>;
    };
    expect(Object.keys(report)).toEqual(['ticker', 'window', 'price', 'strategy', 'shares', 'rows', 'signals', 'trades', 'stats']);
    expect(report.ticker).toBe('BTC-USD');
    expect(report.rows).toHaveLength(2982);
    expect(Object.keys(report.rows[0] as object)).toEqual(['date', 'close', 'ma', 'signal', 'action', 'pnl', 'cumPnl']);
    expect(report.rows[28]?.ma).toBeNull();
    expect(report.rows[29]?.ma).not.toBeNull();
    expect(Object.keys(report.trades[0] as object)).toEqual(['entryDate', 'entryPrice', 'exitDate', 'exitPrice', 'shares', 'pnl', 'returnPct', 'open']);
    expect(Object.keys(report.stats)).toEqual([
      'trades',
      'winRate',
      'totalPnl',
      'totalReturnPct',
      'buyHoldReturnPct',
      'maxDrawdownPct',
      'sharpe',
      'exposurePct',
    ]);
  });

  it('--csv prints the signal table and --price close uses Close', async () => {
    const adj = await runCli(['signals', 'AAPL', '--csv'], { ...shared, STOCKRISK_HOME: freshHome() });
    const close = await runCli(['signals', 'AAPL', '--csv', '--price', 'close'], { ...shared, STOCKRISK_HOME: freshHome() });
    expect(adj.stdout.split('\n')[0]).toBe('date,action,price,ma,pnl,cumPnl');
    expect(adj.stdout).not.toBe(close.stdout);
    expect(close.stdout).toContain('2020-');
  });

  it('notes dropped null rows on stderr', async () => {
    const run = await runCli(['signals', 'AAPL', '--json'], { ...shared, STOCKRISK_HOME: freshHome() });
    expect(run.stderr).toContain('dropped 1 row(s)');
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});

describe('files named by an alias', () => {
  it('^GSPC.csv (Yahoo names downloads after the symbol) serves SPX, not the bundled file', async () => {
    const dir = tempDir('stockrisk-alias-');
    const rows = Array.from({ length: 30 }, (_, i) => `${new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10)},1,1,1,${100 + i},${100 + i},1`);
    writeFileSync(join(dir, '^GSPC.csv'), `${HEADER}\n${rows.join('\n')}\n`);
    const env = { STOCKRISK_DATA_DIR: dir, STOCKRISK_HOME: freshHome() };
    for (const ticker of ['SPX', '^GSPC']) {
      const run = await runCli(['signals', ticker, '--window', '5', '--json'], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as { ticker: string; rows: { date: string }[] };
      expect(report.ticker).toBe('SPX');
      expect(report.rows).toHaveLength(30);
      expect(report.rows[0]?.date).toBe('2021-01-01');
    }
    const companies = JSON.parse((await runCli(['companies', '--json'], env)).stdout) as { ticker: string; source: string; rows: number }[];
    expect(companies.map((c) => c.ticker)).toEqual(['AMZN', 'AAPL', 'BABA', 'BTC-USD', 'SPX']);
    expect(companies.find((c) => c.ticker === 'SPX')).toMatchObject({ source: 'data-dir', rows: 30 });
  });
});

describe('bad input: one error line, exit 2, nothing written', () => {
  const badDir = tempDir('stockrisk-bad-');
  const files: Record<string, string> = {
    EMPTY: '',
    HEADERONLY: HEADER,
    NOPRICE: 'Date,Open,Volume\n2020-01-02,1,1',
    BADNUM: `${HEADER}\n2020-01-02,1,1,1,1,1,1\n2020-01-03,1,1,1,1,1.2.3,1`,
    BADDATE: `${HEADER}\n2020-01-02,1,1,1,1,1,1\n2020-13-03,1,1,1,1,1,1`,
    DUPDATE: `${HEADER}\n2020-01-02,1,1,1,1,1,1\n2020-01-03,1,1,1,1,2,1\n2020-01-03,1,1,1,1,3,1`,
    ALLNULL: `${HEADER}\n2020-01-02,null,null,null,null,null,null\n2020-01-03,null,null,null,null,null,null`,
  };
  beforeAll(() => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(badDir, `${name}.csv`), text);
  });

  const cases: [string, string[], RegExp][] = [
    ['unknown ticker, with suggestions', ['signals', 'AMZM'], /unknown ticker AMZM/],
    ['window not an integer', ['signals', 'AMZN', '--window', 'abc'], /--window must be an integer/],
    ['window < 2', ['signals', 'AMZN', '--window', '1'], /--window must be between 2/],
    ['window > rows', ['signals', 'BABA', '--window', '1571'], /longer than the data \(1570 rows\)/],
    ['--from after --to', ['signals', 'AMZN', '--from', '2020-02-01', '--to', '2020-01-01'], /--from 2020-02-01 is after --to 2020-01-01/],
    ['both --json and --csv', ['signals', 'AMZN', '--json', '--csv'], /--json and --csv cannot be used together/],
    ['invalid date', ['signals', 'AMZN', '--from', '2020-02-30'], /--from must be a date/],
    ['unknown option', ['signals', 'AMZN', '--windw', '3'], /unknown option/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const home = freshHome();
    const run = await runCli(args, { ...shared, STOCKRISK_HOME: home });
    expectUsageFailure(run, message);
    expect(existsSync(home)).toBe(false);
  });

  it('a bad --last fails before anything is printed, with --json too', async () => {
    for (const args of [
      ['--last', '0'],
      ['--last', 'x', '--json'],
      ['--last', '-2', '--csv'],
    ]) {
      const run = await runCli(['signals', 'BABA', ...args], { ...shared, STOCKRISK_HOME: freshHome() });
      expectUsageFailure(run, /--last must be/);
      if (args.includes('--json')) expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'usage' } });
      else expect(run.stdout).toBe('');
    }
  });

  it('suggests close matches for an unknown ticker', async () => {
    const run = await runCli(['signals', 'AMZM'], { ...shared, STOCKRISK_HOME: freshHome() });
    expect(run.stderr).toContain('hint: did you mean AMZN');
  });

  const fileCases: [string, RegExp][] = [
    ['EMPTY', /EMPTY\.csv: the file is empty/],
    ['HEADERONLY', /HEADERONLY\.csv: no data rows/],
    ['NOPRICE', /NOPRICE\.csv:1: no price column/],
    ['BADNUM', /BADNUM\.csv:3: unparseable price "1\.2\.3"/],
    ['BADDATE', /BADDATE\.csv:3: unparseable date "2020-13-03"/],
    ['DUPDATE', /DUPDATE\.csv:4: duplicate date 2020-01-03/],
    ['ALLNULL', /ALLNULL\.csv: all 2 rows have no usable price/],
  ];
  it.each(fileCases)('malformed file %s', async (ticker, message) => {
    const home = freshHome();
    const run = await runCli(['signals', ticker, '--window', '2'], { STOCKRISK_DATA_DIR: badDir, STOCKRISK_HOME: home });
    expectUsageFailure(run, message);
    expect(existsSync(home)).toBe(false);
  });

  it('a data folder that does not exist is named, not reported as missing data', async () => {
    const missing = join(tempDir(), 'no-such-folder');
    const run = await runCli(['signals', 'AMZN'], { STOCKRISK_DATA_DIR: missing, STOCKRISK_HOME: freshHome() });
    expectUsageFailure(run, new RegExp(`no data for AMZN: the data folder ${missing} does not exist`));
    expect(run.stderr).toContain('hint: check --data-dir / STOCKRISK_DATA_DIR');
  });

  it('--json errors also go to stdout as an error object', async () => {
    const run = await runCli(['signals', 'NOPE', '--json'], { ...shared, STOCKRISK_HOME: freshHome() });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'not_found', message: 'unknown ticker NOPE' } });
  });

  it('import into an unwritable cache folder fails and writes nothing', async () => {
    const home = join(tempDir(), 'home-is-a-file');
    writeFileSync(home, 'not a folder');
    const run = await runCli(['data', 'import', join(sharedDataDir, 'BABA.csv')], { STOCKRISK_HOME: home });
    expectUsageFailure(run, /cannot write to the cache folder/);
  });

  it('import of a malformed file writes nothing', async () => {
    const home = freshHome();
    const run = await runCli(['data', 'import', join(badDir, 'DUPDATE.csv')], { STOCKRISK_HOME: home });
    expectUsageFailure(run, /duplicate date/);
    expect(existsSync(home)).toBe(false);
  });
});

describe('data import and list', () => {
  it('imports atomically into the cache, refuses to replace without --force', async () => {
    const home = freshHome();
    const env = { STOCKRISK_HOME: home };
    const first = await runCli(['data', 'import', join(sharedDataDir, 'BABA.csv'), '--ticker', 'alibaba2'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('imported ALIBABA2: 1570 rows, 2014-09-19 to 2020-12-11');
    expect(readdirSync(join(home, 'data'))).toEqual(['ALIBABA2.csv']);
    const again = await runCli(['data', 'import', join(sharedDataDir, 'BABA.csv'), '--ticker', 'alibaba2'], env);
    expectUsageFailure(again, /already in the cache/);
    const forced = await runCli(['data', 'import', join(sharedDataDir, 'BABA.csv'), '--ticker', 'alibaba2', '--force'], env);
    expect(forced.code).toBe(0);
    const list = await runCli(['data', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toContainEqual({ ticker: 'ALIBABA2', source: 'cache', path: join(home, 'data', 'ALIBABA2.csv') });
    const signals = await runCli(['signals', 'ALIBABA2', '--json'], env);
    expect(signals.code).toBe(0);
  });
});

describe('data import behind a data folder', () => {
  it('says when the data folder hides the ticker just imported into the cache', async () => {
    const home = freshHome();
    const shadowed = await runCli(['data', 'import', join(sharedDataDir, 'BABA.csv'), '--ticker', 'AMZN'], { ...shared, STOCKRISK_HOME: home });
    expect(shadowed.code).toBe(0);
    expect(shadowed.stderr).toContain(`note: ${join(sharedDataDir, 'AMZN.csv')} (--data-dir / STOCKRISK_DATA_DIR) is searched first`);
    const alone = await runCli(['data', 'import', join(sharedDataDir, 'BABA.csv'), '--ticker', 'BABA2'], { ...shared, STOCKRISK_HOME: home });
    expect(alone.code).toBe(0);
    expect(alone.stderr).toBe('');
  });
});

describe('no arguments', () => {
  it('without a terminal prints help and exits 0', async () => {
    const run = await runCli([], { STOCKRISK_HOME: freshHome() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: stockrisk');
    expect(run.stdout).toContain('signals');
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version'], {});
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
