// GET /api/companies and GET /api/signals/:ticker: the same data and the same JSON as
// `stockrisk companies --json` and `stockrisk signals --json`, computed by the same core.
import { Hono } from 'hono';
import { UsageError } from '../core/errors.js';
import { sliceByDate } from '../core/prices.js';
import { computeSignals, DEFAULT_SHARES, DEFAULT_WINDOW } from '../core/signals.js';
import type { MarketData } from './deps.js';
import { parseRequest, signalsQuery, tickerParam } from './request-schemas.js';

export function signalsRoutes(data: MarketData): Hono {
  const routes = new Hono();

  // The file paths of the data sources are the server's business, not the browser's.
  routes.get('/companies', async (c) => c.json((await data.listCompanies()).map(({ path: _path, ...company }) => company)));

  routes.get('/signals/:ticker', async (c) => {
    const ticker = parseRequest(tickerParam, c.req.param('ticker'), 'ticker');
    const query = parseRequest(signalsQuery, c.req.query(), 'query');
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw new UsageError(`from ${query.from} is after to ${query.to}`);
    const series = sliceByDate(await data.loadSeries(ticker, { price: query.price }), query.from, query.to);
    if (series.prices.length === 0) throw new UsageError(`no ${series.ticker} data between ${query.from ?? 'the start'} and ${query.to ?? 'the end'}`);
    return c.json(
      computeSignals(series, {
        window: query.window ?? DEFAULT_WINDOW,
        shares: query.shares ?? DEFAULT_SHARES,
        strategy: query.strategy ?? 'long',
      }),
    );
  });

  return routes;
}
