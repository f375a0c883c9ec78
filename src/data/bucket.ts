// Price data in the S3 bucket, under data/<TICKER>.csv: what `data push` uploads,
// `data pull` brings back, and the data lookup falls back to when a ticker is nowhere
// on this machine. Downloads are validated before they are written, atomically, into
// the cache ($STOCKRISK_HOME/data), so a bad object never becomes a bad cache file.
import { parseYahooCsv } from '../core/csv.js';
import { UsageError } from '../core/errors.js';
import type { PriceSeries } from '../core/prices.js';
import type { ObjectStore } from '../ports.js';
import type { Settings } from '../settings.js';
import { writeCacheFile } from './sources.js';

export function dataKey(ticker: string): string {
  return `data/${ticker}.csv`;
}

/** The bucket as an ObjectStore; a UsageError when no bucket is set. */
export async function openBucket(settings: Settings): Promise<ObjectStore> {
  if (settings.bucket === undefined) {
    throw new UsageError('no S3 bucket is set', { hint: 'pass --bucket NAME or set STOCKRISK_BUCKET' });
  }
  const { S3Store } = await import('../store/s3.js');
  return new S3Store(settings.bucket);
}

export interface PulledData {
  readonly ticker: string;
  /** The cache file written. */
  readonly path: string;
  readonly series: PriceSeries;
  /** The object it came from, e.g. s3://bucket/data/AMZN.csv. */
  readonly source: string;
}

/**
 * Brings data/<ticker>.csv from the bucket into the cache; undefined when the bucket has
 * no such object (or no bucket is set). Throws DataError when the object is malformed
 * (nothing is written then) and CloudError when S3 cannot be reached.
 */
export async function pullFromBucket(ticker: string, settings: Settings, store?: ObjectStore): Promise<PulledData | undefined> {
  if (store === undefined && settings.bucket === undefined) return undefined;
  const bucket = store ?? (await openBucket(settings));
  const key = dataKey(ticker);
  const bytes = await bucket.get(key);
  if (bytes === undefined) return undefined;
  const source = `${bucket.location}/${key}`;
  const text = new TextDecoder().decode(bytes);
  const series = parseYahooCsv(text, { file: source, ticker });
  const path = await writeCacheFile(settings, ticker, text);
  return { ticker, path, series, source };
}
