// Parsed price series kept in memory between requests. Parsing a 10,000-row CSV costs more
// than everything else a signals request does, and the dashboard asks for the same few
// tickers again and again. An entry is used only while its file has the same path, size
// and modification time, so `data import` / `data fetch` are seen on the next request.
import { stat } from 'node:fs/promises';
import { type LoadedSeries, type LoadOptions, loadSeries, locateTicker } from '../data/load.js';
import type { Settings } from '../settings.js';

interface Entry {
  readonly series: LoadedSeries;
  readonly mtimeMs: number;
  readonly size: number;
}

export function cachedSeriesLoader(settings: Settings, maxEntries = 32): (ticker: string, options: LoadOptions) => Promise<LoadedSeries> {
  const entries = new Map<string, Entry>();
  return async (ticker, options) => {
    const file = await locateTicker(settings, ticker);
    const { mtimeMs, size } = await stat(file.path);
    const key = `${file.path}\u0000${options.price ?? ''}`;
    const hit = entries.get(key);
    if (hit !== undefined && hit.mtimeMs === mtimeMs && hit.size === size) {
      // Refresh its place: the map's order is least recently used first.
      entries.delete(key);
      entries.set(key, hit);
      return hit.series;
    }
    const series = await loadSeries(ticker, settings, options);
    entries.delete(key);
    entries.set(key, { series, mtimeMs, size });
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
    return series;
  };
}
