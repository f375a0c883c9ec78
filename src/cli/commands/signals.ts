import type { Command } from 'commander';
import { parseDateOption, parseIntegerOption } from '../../app/option-values.js';
import { UsageError } from '../../core/errors.js';
import type { PriceField } from '../../core/prices.js';
import { sliceByDate } from '../../core/prices.js';
import { computeSignals, DEFAULT_SHARES, DEFAULT_WINDOW, type SignalsReport, type Strategy } from '../../core/signals.js';
import type { CliContext } from '../context.js';
import { loadSeriesForCommand } from '../load-series.js';
import { exclusiveFormats, style, writeJson, writeLine } from '../output.js';
import { renderPriceChart } from '../render/price-chart.js';
import { renderSignalTable, renderStrategyStats, signalTableCsv } from '../render/signal-table.js';
import { globalSettings } from './global-options.js';

interface SignalsFlags {
  window: string;
  price?: string;
  shares: string;
  strategy: string;
  from?: string;
  to?: string;
  json?: boolean;
  csv?: boolean;
  chart: boolean;
  last?: string;
}

export function registerSignals(program: Command, ctx: CliContext): void {
  program
    .command('signals')
    .description('moving-average crossover signals, trades with P/L, and strategy statistics')
    .argument('<ticker>', 'e.g. AMZN, AAPL, BABA, BTC-USD, SPX, or any ticker with a CSV')
    .option('-w, --window <days>', 'moving-average window in rows', String(DEFAULT_WINDOW))
    .option('--price <field>', 'price column: adjclose (default when present) or close')
    .option('--shares <n>', 'shares per trade', String(DEFAULT_SHARES))
    .option('--strategy <name>', 'long (long-only) or longshort', 'long')
    .option('--from <date>', 'first date to use (YYYY-MM-DD)')
    .option('--to <date>', 'last date to use (YYYY-MM-DD)')
    .option('--last <n>', 'show only the last n signals in the table')
    .option('--json', 'print the contract JSON only')
    .option('--csv', 'print the signal table as CSV only')
    .option('--no-chart', 'skip the terminal chart')
    .addHelpText(
      'after',
      `
Examples:
  $ stockrisk signals SPX --window 20
  $ stockrisk signals AMZN --window 50 --from 2019-01-01 --strategy longshort
  $ stockrisk signals BTC --json > btc-signals.json`,
    )
    .action(async (ticker: string, flags: SignalsFlags, command: Command) => {
      // Every flag is checked before anything is printed.
      const lastCount = flags.last === undefined ? undefined : parseIntegerOption('--last', flags.last, 1);
      const report = await buildSignalsReport(ctx, command, ticker, flags);
      if (flags.json === true) return writeJson(ctx, report);
      if (flags.csv === true) return void ctx.stdout.write(signalTableCsv(report));
      printSignals(ctx, report, flags.chart, lastCount);
    });
}

async function buildSignalsReport(ctx: CliContext, command: Command, ticker: string, flags: SignalsFlags): Promise<SignalsReport> {
  exclusiveFormats(flags);
  const window = parseIntegerOption('--window', flags.window, 2);
  const shares = parseIntegerOption('--shares', flags.shares, 1);
  const strategy = parseStrategy(flags.strategy);
  const price = parsePriceField(flags.price);
  const from = flags.from === undefined ? undefined : parseDateOption('--from', flags.from);
  const to = flags.to === undefined ? undefined : parseDateOption('--to', flags.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const series = await loadSeriesForCommand(ctx, ticker, globalSettings(ctx, command), price);
  const sliced = sliceByDate(series, from, to);
  if (sliced.prices.length === 0)
    throw new UsageError(`no ${series.ticker} data between ${from ?? 'the start'} and ${to ?? 'the end'}`, {
      hint: `the data covers ${series.dates[0]} to ${series.dates.at(-1)}`,
    });
  return computeSignals(sliced, { window, shares, strategy });
}

function printSignals(ctx: CliContext, report: SignalsReport, chart: boolean, lastCount: number | undefined): void {
  const s = style(ctx.color);
  const first = report.rows[0]?.date;
  const last = report.rows.at(-1)?.date;
  writeLine(
    ctx,
    s.bold(
      `${report.ticker}  ${first} to ${last}  ${report.rows.length} rows  MA(${report.window})  ${report.strategy === 'long' ? 'long-only' : 'long/short'}  ${report.shares} shares`,
    ),
  );
  if (chart) {
    writeLine(ctx);
    writeLine(ctx, renderPriceChart(report, { columns: ctx.columns, color: ctx.color, style: s }));
  }
  writeLine(ctx);
  writeLine(ctx, renderSignalTable(ctx, report, lastCount));
  writeLine(ctx);
  writeLine(ctx, renderStrategyStats(report, s));
}

function parseStrategy(text: string): Strategy {
  if (text === 'long' || text === 'longshort') return text;
  throw new UsageError(`--strategy must be long or longshort, got ${JSON.stringify(text)}`);
}

export function parsePriceField(text: string | undefined): PriceField | undefined {
  if (text === undefined) return undefined;
  if (text === 'adjclose' || text === 'close') return text;
  throw new UsageError(`--price must be adjclose or close, got ${JSON.stringify(text)}`);
}
