// Daily history from Yahoo Finance's public chart API, turned into a Yahoo-format CSV.
import { CancelledError, CloudError, DataError, NotFoundError } from '../core/errors.js';

export const DEFAULT_YAHOO_URL = 'https://query1.finance.yahoo.com';

export interface YahooRequest {
  readonly symbol: string;
  /** Inclusive ISO dates; default: all history to today. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly baseUrl: string;
  readonly signal?: AbortSignal | undefined;
}

interface ChartResponse {
  chart?: {
    result?: ChartResult[] | null;
    error?: { code?: string; description?: string } | null;
  };
}

interface ChartResult {
  meta?: { gmtoffset?: number };
  timestamp?: number[];
  indicators?: {
    quote?: { open?: (number | null)[]; high?: (number | null)[]; low?: (number | null)[]; close?: (number | null)[]; volume?: (number | null)[] }[];
    adjclose?: { adjclose?: (number | null)[] }[];
  };
}

const DAY_SECONDS = 86_400;

export async function fetchYahooCsv(request: YahooRequest): Promise<string> {
  const period1 = request.from === undefined ? 0 : Date.parse(`${request.from}T00:00:00Z`) / 1000;
  const period2 = request.to === undefined ? Math.floor(Date.now() / 1000) : Date.parse(`${request.to}T00:00:00Z`) / 1000 + DAY_SECONDS;
  const url = new URL(`/v8/finance/chart/${encodeURIComponent(request.symbol)}`, request.baseUrl);
  url.search = new URLSearchParams({
    period1: String(period1),
    period2: String(period2),
    interval: '1d',
    events: 'div,split',
    includeAdjustedClose: 'true',
  }).toString();

  let response: Response;
  try {
    const timeout = AbortSignal.timeout(30_000);
    response = await fetch(url, {
      headers: { 'user-agent': 'stockrisk', accept: 'application/json' },
      signal: request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]),
    });
  } catch (error) {
    if (request.signal?.aborted === true) throw new CancelledError('download cancelled');
    throw new CloudError(`cannot reach Yahoo Finance at ${url.origin}: ${causeMessage(error)}`, {
      hint: 'check the network, or import a CSV with: stockrisk data import FILE',
    });
  }
  let body: ChartResponse;
  try {
    body = (await response.json()) as ChartResponse;
  } catch {
    throw new CloudError(`Yahoo Finance answered ${response.status} with a body that is not JSON`);
  }
  const error = body.chart?.error;
  if (response.status === 404 || (error !== null && error !== undefined && /not found/i.test(error.code ?? ''))) {
    throw new NotFoundError(`Yahoo Finance has no symbol ${request.symbol}${error?.description ? `: ${error.description}` : ''}`);
  }
  if (!response.ok || error) {
    throw new CloudError(`Yahoo Finance answered ${response.status}${error?.description ? `: ${error.description}` : ''}`);
  }
  const result = body.chart?.result?.[0];
  if (result === undefined) throw new DataError(`Yahoo Finance returned no data for ${request.symbol}`);
  return chartToCsv(result, request.symbol);
}

export function chartToCsv(result: ChartResult, symbol: string): string {
  const timestamps = result.timestamp ?? [];
  if (timestamps.length === 0) throw new DataError(`Yahoo Finance returned no daily rows for ${symbol} in that range`);
  const quote = result.indicators?.quote?.[0] ?? {};
  const adjclose = result.indicators?.adjclose?.[0]?.adjclose;
  const offset = result.meta?.gmtoffset ?? 0;
  const cell = (values: (number | null)[] | undefined, i: number, digits: number): string => {
    const value = values?.[i];
    return value === null || value === undefined || !Number.isFinite(value) ? 'null' : value.toFixed(digits);
  };
  // Yahoo can repeat the current day (an intraday row after the daily one): the last row wins.
  const byDate = new Map<string, string>();
  timestamps.forEach((timestamp, i) => {
    // Yahoo stamps each day at the exchange's open; the exchange's offset gives its local date.
    const date = new Date((timestamp + offset) * 1000).toISOString().slice(0, 10);
    const close = cell(quote.close, i, 6);
    byDate.set(
      date,
      [
        date,
        cell(quote.open, i, 6),
        cell(quote.high, i, 6),
        cell(quote.low, i, 6),
        close,
        adjclose === undefined ? close : cell(adjclose, i, 6),
        cell(quote.volume, i, 0),
      ].join(','),
    );
  });
  return `${['Date,Open,High,Low,Close,Adj Close,Volume', ...byDate.values()].join('\n')}\n`;
}

function causeMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
