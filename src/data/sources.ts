// Where price files are looked up, in order: --data-dir / STOCKRISK_DATA_DIR, the cache
// in $STOCKRISK_HOME/data, then the bundled data/ folder.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../core/errors.js';
import type { Settings } from '../settings.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { canonicalTicker } from './catalog.js';

export type SourceKind = 'data-dir' | 'cache' | 'bundled';

export interface DataSource {
  readonly kind: SourceKind;
  readonly dir: string;
}

export interface DataFile {
  readonly ticker: string;
  readonly path: string;
  readonly source: DataSource;
}

export function cacheDir(settings: Settings): string {
  return join(settings.home, 'data');
}

/** Write a ticker's CSV into the cache atomically; a cache that cannot be written is a DataError. */
export async function writeCacheFile(settings: Settings, ticker: string, text: string): Promise<string> {
  const path = join(cacheDir(settings), `${ticker}.csv`);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DataError(`cannot write to the cache folder (${code})`, { file: path, hint: 'check STOCKRISK_HOME points at a writable folder' });
  }
  return path;
}

export function dataSources(settings: Settings): DataSource[] {
  const sources: DataSource[] = [];
  if (settings.dataDir !== undefined) sources.push({ kind: 'data-dir', dir: settings.dataDir });
  sources.push({ kind: 'cache', dir: cacheDir(settings) });
  sources.push({ kind: 'bundled', dir: settings.bundledDataDir });
  return sources;
}

/** Every `<TICKER>.csv` in every source; the first source to have a ticker wins. */
export async function listDataFiles(settings: Settings): Promise<DataFile[]> {
  const seen = new Map<string, DataFile>();
  for (const source of dataSources(settings)) {
    for (const name of await csvNames(source.dir)) {
      const ticker = tickerOfFile(name);
      if (!seen.has(ticker)) seen.set(ticker, { ticker, path: join(source.dir, name), source });
    }
  }
  return [...seen.values()].sort((a, b) => a.ticker.localeCompare(b.ticker));
}

export async function findDataFile(settings: Settings, ticker: string): Promise<DataFile | undefined> {
  for (const source of dataSources(settings)) {
    const match = (await csvNames(source.dir)).find((name) => tickerOfFile(name) === ticker);
    if (match !== undefined) return { ticker, path: join(source.dir, match), source };
  }
  return undefined;
}

/**
 * The canonical ticker a file serves: Yahoo names its downloads after the symbol, so
 * `^GSPC.csv` is the S&P 500 (SPX) and `BTC.csv` is BTC-USD, as the same names are on
 * the command line.
 */
function tickerOfFile(name: string): string {
  return canonicalTicker(name.slice(0, -4));
}

async function csvNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.csv')).sort();
  } catch {
    return [];
  }
}
