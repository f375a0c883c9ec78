import type { Command } from 'commander';
import { parseIntegerOption } from '../../app/option-values.js';
import { DEFAULT_CONFIDENCE, DEFAULT_HISTORY, parseCount, parseMethods, randomSeed } from '../../app/var-request.js';
import type { BacktestPosition, BacktestReport } from '../../core/backtest/rolling-var.js';
import { UsageError } from '../../core/errors.js';
import { parseConfidenceLevels } from '../../core/quantile.js';
import { MAX_SEED } from '../../core/rng/stream.js';
import { DEFAULT_WINDOW } from '../../core/signals.js';
import type { VarMethod } from '../../core/var/types.js';
import type { CliContext } from '../context.js';
import { loadSeriesForCommand } from '../load-series.js';
import { makeTable, style, writeJson, writeLine, writeNote } from '../output.js';
import { globalSettings } from './global-options.js';

interface BacktestFlags {
  window: string;
  history: string;
  confidence: string;
  method: string;
  position: string;
  sims: string;
  seed?: string;
  price?: string;
  json?: boolean;
}

/** Monte Carlo draws per backtest day: every day is a full run, so fewer than `var`. */
const DEFAULT_BACKTEST_SIMS = 10_000;

export function registerBacktest(program: Command, ctx: CliContext): void {
  program
    .command('backtest')
    .description('rolling one-day VaR on every day with enough history: exceptions, Kupiec, Christoffersen, Basel zone')
    .argument('<ticker>', 'e.g. AMZN')
    .option('-w, --window <days>', 'moving-average window (for --position signal)', String(DEFAULT_WINDOW))
    .option('--history <n>', 'returns behind each forecast', String(DEFAULT_HISTORY))
    .option('--confidence <levels>', 'confidence levels in percent, comma-separated', DEFAULT_CONFIDENCE)
    .option('--method <methods>', 'comma list of historical, parametric, cornish-fisher, mc, or all', 'historical,parametric')
    .option('--position <side>', 'long, short, or signal (the crossover side each day)', 'long')
    .option('--sims <n>', 'Monte Carlo draws per day (method mc)', String(DEFAULT_BACKTEST_SIMS))
    .option('--seed <n>', 'random seed for method mc (day d uses seed + d)')
    .option('--price <field>', 'price column: adjclose (default when present) or close')
    .option('--json', 'print the backtest JSON only')
    .addHelpText(
      'after',
      `
An exception is a day whose loss exceeded the VaR forecast from the returns before it.
Kupiec tests the exception rate, Christoffersen their independence; small p-values reject
the model. The Basel zone counts 99% exceptions over the last 250 days.

Examples:
  $ stockrisk backtest AMZN
  $ stockrisk backtest AAPL --method all --sims 2000 --history 250 --json`,
    )
    .action(async (ticker: string, flags: BacktestFlags, command: Command) => {
      const levels = parseConfidenceLevels(flags.confidence);
      const methods = parseMethods(flags.method);
      const history = parseIntegerOption('--history', flags.history, 2);
      const window = parseIntegerOption('--window', flags.window, 2);
      const sims = parseCount('--sims', flags.sims, 1, 10_000_000);
      const seed = flags.seed === undefined ? randomSeed() : parseIntegerOption('--seed', flags.seed, 0, MAX_SEED);
      const position = parsePosition(flags.position);
      if (flags.price !== undefined && flags.price !== 'adjclose' && flags.price !== 'close')
        throw new UsageError(`--price must be adjclose or close, got ${JSON.stringify(flags.price)}`);
      const series = await loadSeriesForCommand(ctx, ticker, globalSettings(ctx, command), flags.price);
      if (flags.seed === undefined && methods.includes('mc')) writeNote(ctx, `seed ${seed} (repeat this backtest with --seed ${seed})`);
      const { backtestVar } = await import('../../core/backtest/rolling-var.js');
      const report = backtestVar(series, { history, levels, methods, position, window, sims, seed });
      if (flags.json === true) return writeJson(ctx, report);
      printBacktest(ctx, report);
    });
}

function parsePosition(text: string): BacktestPosition {
  if (text === 'long' || text === 'short' || text === 'signal') return text;
  throw new UsageError(`--position must be long, short or signal, got ${JSON.stringify(text)}`);
}

const METHOD_LABEL: Record<VarMethod, string> = { mc: 'MC', historical: 'hist.', parametric: 'param.', 'cornish-fisher': 'C-F' };

function printBacktest(ctx: CliContext, report: BacktestReport): void {
  const s = style(ctx.color);
  writeLine(
    ctx,
    s.bold(`${report.ticker} VaR backtest`) + `: ${report.days} days ${report.first} to ${report.last}, ${report.position}, history ${report.history}`,
  );
  const table = makeTable(
    ctx,
    ['Method', 'Level', 'Exc', 'Exp.', 'Kupiec p', 'Indep. p', 'CC p', 'Basel 250d'],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  for (const [method, levels] of Object.entries(report.methods) as [VarMethod, NonNullable<BacktestReport['methods'][VarMethod]>][]) {
    for (const label of report.confidence) {
      const level = levels[label];
      if (level === undefined) continue;
      const light = level.trafficLight;
      const zone = light === null ? '' : light.zone === 'green' ? s.green(light.zone) : light.zone === 'yellow' ? s.yellow(light.zone) : s.red(light.zone);
      table.push([
        METHOD_LABEL[method],
        `${label}%`,
        String(level.exceptions),
        level.expected.toFixed(1),
        pValue(level.kupiec.pValue),
        pValue(level.independence.pValue),
        pValue(level.conditionalCoverage.pValue),
        light === null ? '' : `${zone} ${light.exceptions}`,
      ]);
    }
  }
  writeLine(ctx, table.toString());
  writeLine(ctx, s.dim('p < 0.05 rejects the model at 5%: Kupiec tests the exception rate, Indep.'));
  writeLine(ctx, s.dim('their clustering, CC (conditional coverage) both. Basel: 99% exceptions'));
  writeLine(ctx, s.dim('in the last 250 days (green 0-4, yellow 5-9, red 10+).'));
}

function pValue(p: number): string {
  if (p < 1e-300) return '< 1e-300';
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}
