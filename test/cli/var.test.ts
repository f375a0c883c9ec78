// `stockrisk var` through the real built binary (npm run build first), on the shared data.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';
import { VAR_RESULT_KEYS } from '../helpers/var-contract.js';

interface VarJson {
  resultId: string;
  ticker: string;
  date: string;
  action: string | null;
  position: string;
  price: number;
  shares: number;
  history: number;
  sims: number;
  resources: number;
  backend: string;
  seed: number;
  mean: number;
  std: number;
  methods: Record<string, { var: Record<string, number>; es: Record<string, number | null>; ci?: Record<string, [number, number]> }>;
  varAmount: Record<string, number>;
  elapsedMs: number;
  shards: { id: number; sims: number; ms: number; attempts: number }[];
  cost: { usd: number; detail: string };
  createdAt: string;
}

function env(home: string): Record<string, string> {
  return { STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: sharedDataDir };
}

let buyDate = '';
let sellDate = '';
let signalCount = 0;

beforeAll(async () => {
  const run = await runCli(['signals', 'AMZN', '--json'], env(tempDir()));
  const report = JSON.parse(run.stdout) as { signals: { date: string; action: string }[] };
  const late = report.signals.filter((s) => s.date >= '2015-01-01');
  buyDate = (late.find((s) => s.action === 'buy') as { date: string }).date;
  sellDate = (late.find((s) => s.action === 'sell') as { date: string }).date;
  signalCount = report.signals.length;
});

describe('stockrisk var', () => {
  it('prints the contract JSON and stores exactly that result', async () => {
    const home = tempDir();
    const run = await runCli(['var', 'AMZN', '--date', buyDate, '--seed', '7', '--sims', '50000', '-r', '2', '--json'], env(home));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as VarJson;
    for (const key of VAR_RESULT_KEYS) expect(result).toHaveProperty(key);
    expect(result).toMatchObject({
      ticker: 'AMZN',
      date: buyDate,
      action: 'buy',
      position: 'long',
      shares: 100,
      history: 100,
      sims: 50000,
      resources: 2,
      backend: 'local',
      seed: 7,
    });
    expect(Object.keys(result.methods).sort()).toEqual(['historical', 'mc', 'parametric']);
    expect(Object.keys(result.methods.mc?.var ?? {})).toEqual(['95', '99']);
    expect(result.varAmount['99']).toBeCloseTo((result.methods.mc?.var['99'] as number) * result.price * 100, 6);
    expect(result.shards.map((s) => s.sims)).toEqual([25000, 25000]);
    expect(result.cost.usd).toBe(0);
    const stored = join(home, 'results', 'AMZN', `${result.resultId}.json`);
    expect(JSON.parse(readFileSync(stored, 'utf8'))).toEqual(result);
  });

  it('gives bit-identical numbers for any R with the same seed; short at a sell date', async () => {
    const outputs = [];
    for (const r of ['1', '3', '7']) {
      const run = await runCli(['var', 'AMZN', '--date', sellDate, '--seed', '99', '--sims', '70000', '-r', r, '--method', 'all', '--json'], env(tempDir()));
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as VarJson;
      expect(result.position).toBe('short');
      outputs.push(JSON.stringify(result.methods));
    }
    expect(new Set(outputs).size).toBe(1);
  });

  it('fans out over a comma list and over all signal dates (an array in --json)', async () => {
    const home = tempDir();
    const list = await runCli(['var', 'AMZN', '--date', `${buyDate},${sellDate}`, '--method', 'historical,parametric', '--json'], env(home));
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as VarJson[]).map((r) => r.date)).toEqual([buyDate, sellDate]);
    // A list is always an array, even when it names one date.
    const one = await runCli(['var', 'AMZN', '--date', `${buyDate},${buyDate}`, '--method', 'historical', '--json'], env(tempDir()));
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as VarJson[]).map((r) => r.date)).toEqual([buyDate]);
    // With --history 20 every signal (they start after the 20-day window) has its returns.
    const all = await runCli(['var', 'AMZN', '--date', 'all', '--history', '20', '--method', 'historical', '--json'], env(home));
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout) as VarJson[]).toHaveLength(signalCount);
    expect(readdirSync(join(home, 'results', 'AMZN'))).toHaveLength(signalCount + 2);
    // With the default 100, the early signals are skipped, with a note.
    const skipping = await runCli(['var', 'AMZN', '--date', 'all', '--method', 'parametric', '--json'], env(tempDir()));
    expect(skipping.code).toBe(0);
    const kept = JSON.parse(skipping.stdout) as VarJson[];
    expect(kept.length).toBeLessThan(signalCount);
    expect(skipping.stderr).toContain(`skipped ${signalCount - kept.length} signal date(s)`);
  });

  it('chooses, prints and records a seed when none is given', async () => {
    const run = await runCli(['var', 'AMZN', '--date', buyDate, '--sims', '10000', '--json'], env(tempDir()));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as VarJson;
    expect(Number.isSafeInteger(result.seed)).toBe(true);
    expect(run.stderr).toContain(`--seed ${result.seed}`);
  });

  it('prints a table with every method and level, the MC interval and shard timings', async () => {
    const run = await runCli(
      ['var', 'AMZN', '--date', buyDate, '--seed', '1', '--sims', '20000', '-r', '2', '--method', 'all', '--confidence', '95,97.5,99'],
      env(tempDir()),
    );
    expect(run.code).toBe(0);
    for (const text of ['Monte Carlo', 'historical', 'parametric', 'Cornish-Fisher', '97.5%', 'shards: #0', 'elapsed', 'result '])
      expect(run.stdout).toContain(text);
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });
});

describe('stockrisk var: bad input (exit 2, one error line, nothing stored)', () => {
  const cases: [string, (dates: { buy: string }) => string[], RegExp][] = [
    ['date not in the data', () => ['--date', '2020-03-22'], /not a trading date.*\n.*nearest trading dates: 2020-03-19, 2020-03-20, 2020-03-23/],
    ['not a signal date and no --position', () => ['--date', '2020-03-24'], /not a signal date.*--position.*\n.*nearest signal dates/],
    ['history longer than available', () => ['--date', '1997-06-02', '--position', 'long'], /needs 101 prices.*has only \d+ \(\d+ returns\)/],
    ['history < 2', ({ buy }) => ['--date', buy, '--history', '1'], /--history must be between 2/],
    ['sims < 1', ({ buy }) => ['--date', buy, '--sims', '0'], /--sims must be between 1/],
    ['sims not an integer', ({ buy }) => ['--date', buy, '--sims', '1.5'], /--sims must be a whole number/],
    ['sims not a number', ({ buy }) => ['--date', buy, '--sims', 'many'], /--sims must be a whole number/],
    ['R < 1', ({ buy }) => ['--date', buy, '-r', '0'], /-r must be between 1/],
    ['R > sims', ({ buy }) => ['--date', buy, '--sims', '10', '-r', '11'], /-r 11 is more than --sims 10/],
    ['confidence 100', ({ buy }) => ['--date', buy, '--confidence', '95,100'], /strictly between 0 and 100/],
    ['confidence 0', ({ buy }) => ['--date', buy, '--confidence', '0'], /strictly between 0 and 100/],
    ['confidence not a number', ({ buy }) => ['--date', buy, '--confidence', '95,high'], /not a number in percent/],
    ['unknown method', ({ buy }) => ['--date', buy, '--method', 'mc,magic'], /unknown method "magic"/],
    ['unknown backend', ({ buy }) => ['--date', buy, '--backend', 'quantum'], /unknown backend "quantum"/],
    ['seed not an integer', ({ buy }) => ['--date', buy, '--seed', '1.5'], /--seed must be an integer/],
    ['negative seed', ({ buy }) => ['--date', buy, '--seed', '-3'], /--seed must be between 0/],
    ['bad position', ({ buy }) => ['--date', buy, '--position', 'sideways'], /--position must be long or short/],
    ['bad date', () => ['--date', '2020-13-01'], /--date must be a date YYYY-MM-DD/],
    ['missing date without a terminal', () => [], /missing --date/],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const home = tempDir();
    const given = args({ buy: buyDate });
    const run = await runCli(['var', 'AMZN', ...given, ...(given.includes('--sims') ? [] : ['--sims', '1000'])], env(home));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(existsSync(join(home, 'results'))).toBe(false);
  });

  it('missing ticker without a terminal', async () => {
    const home = tempDir();
    const run = await runCli(['var', '--date', '2020-03-23'], env(home));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: missing ticker/);
    expect(existsSync(join(home, 'results'))).toBe(false);
  });

  it('a home where results cannot be stored fails before the run, not after it', async () => {
    const home = join(tempDir(), 'home-is-a-file');
    writeFileSync(home, 'not a folder');
    // 1e9 draws would take many seconds: the check must come first.
    const run = await runCli(['var', 'AMZN', '--date', buyDate, '--sims', '1e9', '--seed', '1'], env(home));
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(/^error: .*home-is-a-file\/results: cannot store results here \(ENOTDIR\)$/);
    expect(run.stderr).toContain('hint: check STOCKRISK_HOME');
    expect(run.stdout).toBe('');
  });

  it('--json errors are also JSON on stdout', async () => {
    const run = await runCli(['var', 'AMZN', '--date', '2020-03-22', '--json'], env(tempDir()));
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'not_found', message: expect.stringContaining('2020-03-22') } });
  });
});
