import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseYahooCsv } from '../core/csv.js';
import { DataError, NotFoundError, UsageError } from '../core/errors.js';
import type { PriceField, PriceSeries } from '../core/prices.js';
import type { Settings } from '../settings.js';
import { canonicalTicker, isValidTicker, KNOWN_COMPANIES, knownCompany } from './catalog.js';
import { type DataFile, findDataFile, listDataFiles } from './sources.js';
import { closestMatches } from './suggest.js';

export interface LoadedSeries extends PriceSeries {
  /** Where the data came from, for messages: a path. */
  readonly source: string;
}

export interface LoadOptions {
  readonly price?: PriceField | undefined;
}

/** Resolve a user's ticker to its data file, or fail with a message that says what to do. */
export async function locateTicker(settings: Settings, input: string): Promise<DataFile> {
  if (!isValidTicker(input.trim())) throw new UsageError(`invalid ticker ${JSON.stringify(input)}`, { hint: 'tickers are letters, digits and . ^ = _ -' });
  const ticker = canonicalTicker(input);
  const file = await findDataFile(settings, ticker);
  if (file !== undefined) return file;
  if (settings.bucket !== undefined) {
    // Last resort: the bucket's data/<ticker>.csv, validated and cached (src/data/bucket.ts).
    const { pullFromBucket } = await import('./bucket.js');
    const pulled = await pullFromBucket(ticker, settings);
    if (pulled !== undefined) return { ticker, path: pulled.path, source: { kind: 'cache', dir: dirname(pulled.path) } };
  }
  // A mistyped data folder would otherwise read as "no data yet": say so instead.
  if (settings.dataDir !== undefined && !(await isFolder(settings.dataDir))) {
    throw new NotFoundError(`no data for ${ticker}: the data folder ${settings.dataDir} does not exist`, {
      hint: 'check --data-dir / STOCKRISK_DATA_DIR',
    });
  }
  const known = knownCompany(ticker);
  if (known !== undefined) {
    throw new NotFoundError(`no data for ${known.name} (${ticker}) yet`, { hint: `fetch it with: stockrisk data fetch ${ticker}` });
  }
  const candidates = [...new Set([...KNOWN_COMPANIES.map((c) => c.ticker), ...(await listDataFiles(settings)).map((f) => f.ticker)])];
  const suggestions = closestMatches(ticker, candidates);
  throw new NotFoundError(`unknown ticker ${ticker}`, {
    hint:
      suggestions.length > 0
        ? `did you mean ${suggestions.join(', ')}? (stockrisk companies lists them)`
        : 'stockrisk companies lists the known tickers; stockrisk data import FILE adds one',
  });
}

export async function loadSeries(input: string, settings: Settings, options: LoadOptions = {}): Promise<LoadedSeries> {
  const file = await locateTicker(settings, input);
  let text: string;
  try {
    text = await readFile(file.path, 'utf8');
  } catch (error) {
    throw new DataError(`cannot read: ${(error as Error).message}`, { file: file.path });
  }
  return { ...parseYahooCsv(text, { file: file.path, ticker: file.ticker, price: options.price }), source: file.path };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
