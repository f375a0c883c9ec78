// `stockrisk data push [T...]` and `stockrisk data pull [T...]`: price CSVs between this
// machine and the S3 bucket (data/<T>.csv). Registered under `data` by data.ts.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseYahooCsv } from '../../core/csv.js';
import { DataError, NotFoundError, UsageError } from '../../core/errors.js';
import { dataKey, openBucket, pullFromBucket } from '../../data/bucket.js';
import { canonicalTicker, isValidTicker } from '../../data/catalog.js';
import { findDataFile, listDataFiles } from '../../data/sources.js';
import type { CliContext } from '../context.js';
import { writeJson, writeLine, writeNote } from '../output.js';
import { globalSettings } from './global-options.js';

interface Transfer {
  readonly ticker: string;
  readonly object: string;
  readonly path: string;
  readonly rows: number;
  readonly first: string;
  readonly last: string;
}

export function registerDataRemote(data: Command, ctx: CliContext): void {
  data
    .command('push')
    .description('upload price CSVs to the S3 bucket as data/<TICKER>.csv (validated first)')
    .argument('[tickers...]', 'tickers to upload (default: every file `data list` shows)')
    .option('--json', 'print JSON only')
    .addHelpText('after', '\nExamples:\n  $ stockrisk data push AMZN AAPL --bucket my-stockrisk\n  $ STOCKRISK_BUCKET=my-stockrisk stockrisk data push')
    .action(async (tickers: string[], flags: { json?: boolean }, command: Command) => {
      const settings = globalSettings(ctx, command);
      const bucket = await openBucket(settings);
      const files =
        tickers.length === 0
          ? await listDataFiles(settings)
          : await Promise.all(
              tickers.map(async (input) => {
                const ticker = tickerFor(input);
                const file = await findDataFile(settings, ticker);
                if (file === undefined) throw new NotFoundError(`no data for ${ticker} on this machine`, { hint: 'stockrisk data list shows what there is' });
                return file;
              }),
            );
      // Validate everything before uploading anything.
      const uploads = await Promise.all(
        files.map(async (file) => {
          let text: string;
          try {
            text = await readFile(file.path, 'utf8');
          } catch (error) {
            throw new DataError(`cannot read: ${(error as Error).message}`, { file: file.path });
          }
          return { file, text, series: parseYahooCsv(text, { file: file.path, ticker: file.ticker }) };
        }),
      );
      const done: Transfer[] = [];
      for (const { file, text, series } of uploads) {
        const key = dataKey(file.ticker);
        await bucket.put(key, text, { contentType: 'text/csv' });
        const transfer = summary(file.ticker, `${bucket.location}/${key}`, file.path, series.dates);
        done.push(transfer);
        if (flags.json !== true)
          writeLine(ctx, `pushed ${transfer.ticker}: ${transfer.rows} rows, ${transfer.first} to ${transfer.last} -> ${transfer.object}`);
      }
      if (flags.json === true) writeJson(ctx, done);
      else if (done.length === 0) writeNote(ctx, 'nothing to push: no price files found');
    });

  data
    .command('pull')
    .description('download price CSVs from the S3 bucket into the cache (validated, written atomically)')
    .argument('[tickers...]', 'tickers to download (default: every data/*.csv in the bucket)')
    .option('--json', 'print JSON only')
    .addHelpText('after', '\nExamples:\n  $ stockrisk data pull AMZN --bucket my-stockrisk\n  $ STOCKRISK_BUCKET=my-stockrisk stockrisk data pull')
    .action(async (tickers: string[], flags: { json?: boolean }, command: Command) => {
      const settings = globalSettings(ctx, command);
      const bucket = await openBucket(settings);
      const wanted =
        tickers.length === 0
          ? (await bucket.list('data/')).filter((key) => /^data\/[^/]+\.csv$/i.test(key)).map((key) => key.slice(5, -4).toUpperCase())
          : tickers.map(tickerFor);
      const done: Transfer[] = [];
      for (const ticker of wanted) {
        const pulled = await pullFromBucket(ticker, settings, bucket);
        if (pulled === undefined) {
          throw new NotFoundError(`${bucket.location}/${dataKey(ticker)} does not exist`, {
            hint: 'stockrisk data push uploads it from a machine that has it',
          });
        }
        const transfer = summary(ticker, pulled.source, pulled.path, pulled.series.dates);
        done.push(transfer);
        if (flags.json !== true) writeLine(ctx, `pulled ${ticker}: ${transfer.rows} rows, ${transfer.first} to ${transfer.last} -> ${transfer.path}`);
      }
      if (flags.json === true) writeJson(ctx, done);
      else if (done.length === 0) writeNote(ctx, `nothing to pull: ${bucket.location} has no data/*.csv`);
    });
}

function tickerFor(input: string): string {
  if (!isValidTicker(input.trim())) throw new UsageError(`invalid ticker ${JSON.stringify(input)}`);
  return canonicalTicker(input);
}

function summary(ticker: string, object: string, path: string, dates: readonly string[]): Transfer {
  return { ticker, object, path, rows: dates.length, first: dates[0] ?? '', last: dates.at(-1) ?? '' };
}
