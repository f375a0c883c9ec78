import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseDateOption } from '../../app/option-values.js';
import { parseYahooCsv } from '../../core/csv.js';
import { UsageError } from '../../core/errors.js';
import { canonicalTicker, isValidTicker, knownCompany } from '../../data/catalog.js';
import { findDataFile, listDataFiles, writeCacheFile } from '../../data/sources.js';
import { DEFAULT_YAHOO_URL, fetchYahooCsv } from '../../data/yahoo.js';
import type { Settings } from '../../settings.js';
import type { CliContext } from '../context.js';
import { makeTable, writeJson, writeLine, writeNote } from '../output.js';
import { registerDataRemote } from './data-remote.js';
import { globalSettings } from './global-options.js';

export function registerData(program: Command, ctx: CliContext): Command {
  const data = program
    .command('data')
    .description('list, import, fetch, push and pull price data (Yahoo Finance daily CSV)')
    .addHelpText('after', '\nExamples:\n  $ stockrisk data list\n  $ stockrisk data fetch AMZN AAPL\n  $ stockrisk data import ~/Downloads/MSFT.csv');

  data
    .command('list')
    .description('every price file stockrisk can see, in lookup order')
    .option('--json', 'print JSON only')
    .addHelpText('after', '\nExamples:\n  $ stockrisk data list\n  $ STOCKRISK_DATA_DIR=../shared/data stockrisk data list --json')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const files = await listDataFiles(globalSettings(ctx, command));
      const rows = files.map((f) => ({ ticker: f.ticker, source: f.source.kind, path: f.path }));
      if (flags.json === true) return writeJson(ctx, rows);
      const table = makeTable(ctx, ['Ticker', 'Source', 'Path']);
      for (const row of rows) table.push([row.ticker, row.source, row.path]);
      writeLine(ctx, table.toString());
    });

  data
    .command('import')
    .description('validate a Yahoo-format CSV and copy it into the cache ($STOCKRISK_HOME/data)')
    .argument('<file>', 'CSV with Date and Adj Close or Close columns')
    .option('--ticker <ticker>', 'ticker to file it under (default: the file name)')
    .option('--force', 'replace data already cached for that ticker')
    .addHelpText('after', '\nExamples:\n  $ stockrisk data import ~/Downloads/MSFT.csv\n  $ stockrisk data import prices.csv --ticker NVDA')
    .action(async (file: string, flags: { ticker?: string; force?: boolean }, command: Command) => {
      const settings = globalSettings(ctx, command);
      const ticker = tickerFor(flags.ticker ?? basename(file).replace(/\.csv$/i, ''));
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const series = parseYahooCsv(text, { file, ticker });
      await checkReplaceable(settings, ticker, flags.force === true);
      const target = await writeCacheFile(settings, ticker, text);
      if (series.droppedRows > 0) writeNote(ctx, `note: dropped ${series.droppedRows} row(s) without a usable price`);
      writeLine(ctx, `imported ${ticker}: ${series.dates.length} rows, ${series.dates[0]} to ${series.dates.at(-1)} -> ${target}`);
      await noteIfShadowed(ctx, settings, ticker);
    });

  data
    .command('fetch')
    .description('download daily history (with adjusted close) from Yahoo Finance into the cache')
    .argument('<tickers...>', 'e.g. AMZN AAPL BTC-USD')
    .option('--from <date>', 'first date (YYYY-MM-DD)')
    .option('--to <date>', 'last date (YYYY-MM-DD)')
    .option('--force', 'replace data already cached')
    .addHelpText(
      'after',
      '\nExamples:\n  $ stockrisk data fetch AMZN AAPL\n  $ stockrisk data fetch BTC --from 2020-01-01\n\nThe base URL can be changed with STOCKRISK_YAHOO_URL.',
    )
    .action(async (tickers: string[], flags: { from?: string; to?: string; force?: boolean }, command: Command) => {
      const settings = globalSettings(ctx, command);
      const from = flags.from === undefined ? undefined : parseDateOption('--from', flags.from);
      const to = flags.to === undefined ? undefined : parseDateOption('--to', flags.to);
      if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      const baseUrl = ctx.env.STOCKRISK_YAHOO_URL || DEFAULT_YAHOO_URL;
      // Download and validate everything first, so one bad symbol leaves the cache untouched.
      const downloads: { ticker: string; text: string; rows: number; first: string; last: string }[] = [];
      for (const input of tickers) {
        const ticker = tickerFor(input);
        await checkReplaceable(settings, ticker, flags.force === true);
        const symbol = knownCompany(ticker)?.yahooSymbol ?? ticker;
        writeNote(ctx, `fetching ${symbol} from ${new URL(baseUrl).host} ...`);
        const text = await fetchYahooCsv({ symbol, from, to, baseUrl, signal: ctx.signal });
        const series = parseYahooCsv(text, { file: `${symbol} from Yahoo Finance`, ticker });
        downloads.push({ ticker, text, rows: series.dates.length, first: series.dates[0] as string, last: series.dates.at(-1) as string });
      }
      for (const d of downloads) {
        const target = await writeCacheFile(settings, d.ticker, d.text);
        writeLine(ctx, `fetched ${d.ticker}: ${d.rows} rows, ${d.first} to ${d.last} -> ${target}`);
        await noteIfShadowed(ctx, settings, d.ticker);
      }
    });

  registerDataRemote(data, ctx);
  return data;
}

function tickerFor(input: string): string {
  if (!isValidTicker(input.trim()))
    throw new UsageError(`invalid ticker ${JSON.stringify(input)}`, { hint: 'tickers are letters, digits and . ^ = _ - (use --ticker to name it)' });
  return canonicalTicker(input);
}

/** The data folder is searched before the cache: say when it hides what was just cached. */
async function noteIfShadowed(ctx: CliContext, settings: Settings, ticker: string): Promise<void> {
  const used = await findDataFile(settings, ticker);
  if (used !== undefined && used.source.kind === 'data-dir') {
    writeNote(ctx, `note: ${used.path} (--data-dir / STOCKRISK_DATA_DIR) is searched first, so commands still use it for ${ticker}, not the cache`);
  }
}

/** Cached data is replaced only with --force. */
async function checkReplaceable(settings: Settings, ticker: string, force: boolean): Promise<void> {
  const existing = await findDataFile(settings, ticker);
  if (!force && existing !== undefined && existing.source.kind === 'cache') {
    throw new UsageError(`${ticker} is already in the cache (${existing.path})`, { hint: 'add --force to replace it' });
  }
}
