import { readFile } from 'node:fs/promises';
import { parseYahooCsv } from '../core/csv.js';
import { StockriskError } from '../core/errors.js';
import type { Settings } from '../settings.js';
import { KNOWN_COMPANIES, knownCompany } from './catalog.js';
import { type DataFile, listDataFiles, type SourceKind } from './sources.js';

export interface CompanyInfo {
  ticker: string;
  name: string;
  /** Which source has its data, or null when none does yet. */
  source: SourceKind | null;
  path: string | null;
  rows: number;
  first: string | null;
  last: string | null;
  /** Why the file cannot be used, when it cannot. */
  problem: string | null;
}

/** The known companies (with or without data) and every other ticker that has a CSV. */
export async function listCompanies(settings: Settings): Promise<CompanyInfo[]> {
  const files = await listDataFiles(settings);
  const byTicker = new Map(files.map((file) => [file.ticker, file]));
  const tickers = [...KNOWN_COMPANIES.map((c) => c.ticker), ...files.map((f) => f.ticker).filter((t) => knownCompany(t) === undefined)];
  return Promise.all(tickers.map((ticker) => describe(ticker, byTicker.get(ticker))));
}

async function describe(ticker: string, file: DataFile | undefined): Promise<CompanyInfo> {
  const name = knownCompany(ticker)?.name ?? ticker;
  if (file === undefined) return { ticker, name, source: null, path: null, rows: 0, first: null, last: null, problem: null };
  const base = { ticker, name, source: file.source.kind, path: file.path };
  try {
    const series = parseYahooCsv(await readFile(file.path, 'utf8'), { file: file.path, ticker });
    return { ...base, rows: series.dates.length, first: series.dates[0] ?? null, last: series.dates.at(-1) ?? null, problem: null };
  } catch (error) {
    const problem = error instanceof StockriskError || error instanceof Error ? error.message : String(error);
    return { ...base, rows: 0, first: null, last: null, problem };
  }
}
