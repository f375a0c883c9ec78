// GET /api/companies and GET /api/signals/:ticker: the same data and the same JSON as
// `stockrisk companies --json` and `stockrisk signals --json`, computed by the same core.
import { Hono } from 'hono';
import { UsageError } from '../core/errors.js';
import { type PriceSeries, sliceByDate } from '../core/prices.js';
import { computeSignals, DEFAULT_SHARES, DEFAULT_WINDOW } from '../core/signals.js';
import type { MarketData } from './deps.js';
import { parseRequest, signalsQuery, tickerParam } from './request-schemas.js';

/** Signal reports kept per loaded series (which the loader reuses while its file is unchanged). */
const REPORTS_PER_SERIES = 8;

export function signalsRoutes(data: MarketData): Hono {
  const routes = new Hono();
  const reports = new WeakMap<PriceSeries, Map<string, string>>();

  // The file paths of the data sources are the server's business, not the browser's.
  routes.get('/companies', async (c) => c.json((await data.listCompanies()).map(({ path: _path, ...company }) => company)));

  routes.get('/signals/:ticker', async (c) => {
    const ticker = parseRequest(tickerParam, c.req.param('ticker'), 'ticker');
    const query = parseRequest(signalsQuery, c.req.query(), 'query');
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw new UsageError(`from ${query.from} is after to ${query.to}`);
    const loaded = await data.loadSeries(ticker, { price: query.price });
    const options = { window: query.window ?? DEFAULT_WINDOW, shares: query.shares ?? DEFAULT_SHARES, strategy: query.strategy ?? 'long' } as const;
    const key = JSON.stringify([options.window, options.shares, options.strategy, query.from, query.to]);
    const known = reports.get(loaded) ?? new Map<string, string>();
    reports.set(loaded, known);
    let body = known.get(key);
    if (body === undefined) {
      const series = sliceByDate(loaded, query.from, query.to);
      if (series.prices.length === 0) throw new UsageError(`no ${series.ticker} data between ${query.from ?? 'the start'} and ${query.to ?? 'the end'}`);
      body = JSON.stringify(computeSignals(series, options));
      if (known.size >= REPORTS_PER_SERIES) known.delete(known.keys().next().value as string);
      known.set(key, body);
    }
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  return routes;
}
