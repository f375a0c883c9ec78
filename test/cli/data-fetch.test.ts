// `data fetch` against a loopback server that answers like Yahoo Finance's chart API.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { binPath, tempDir } from '../helpers/paths.js';

// Three New York trading days; Yahoo stamps each at 09:30 local (UTC-5 in January),
// and repeats the last day as an intraday row. The middle day's adjusted close is null.
const timestamps = [1704205800, 1704292200, 1704378600, 1704378600 + 3600];
const chart = {
  chart: {
    result: [
      {
        meta: { currency: 'USD', symbol: 'AMZN', exchangeName: 'NMS', gmtoffset: -18000, timezone: 'EST', exchangeTimezoneName: 'America/New_York' },
        timestamp: timestamps,
        indicators: {
          quote: [
            {
              open: [151.5, 149.2, 145.6, 145.7],
              high: [152.4, 151.0, 147.4, 147.4],
              low: [148.4, 148.3, 144.1, 144.1],
              close: [149.93, 148.47, 144.57, 144.6],
              volume: [47339400, 49425500, 56039800, 56039900],
            },
          ],
          adjclose: [{ adjclose: [149.93, null, 144.57, 144.6] }],
        },
      },
    ],
    error: null,
  },
};
const notFound = { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } };

let server: Server;
let baseUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const symbol = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? '');
    const known = symbol === 'AMZN' || symbol === '^GSPC';
    res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(known ? chart : notFound));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('data fetch', () => {
  it('writes a Yahoo-format CSV with adjusted close to the cache', async () => {
    const home = join(tempDir(), 'home');
    const run = await runCli(['data', 'fetch', 'amzn', '--from', '2024-01-02', '--to', '2024-01-04'], { STOCKRISK_HOME: home, STOCKRISK_YAHOO_URL: baseUrl });
    expect(run.stderr).toBe(`fetching AMZN from ${new URL(baseUrl).host} ...\n`);
    expect(run.code).toBe(0);
    expect(readFileSync(join(home, 'data', 'AMZN.csv'), 'utf8')).toBe(
      [
        'Date,Open,High,Low,Close,Adj Close,Volume',
        '2024-01-02,151.500000,152.400000,148.400000,149.930000,149.930000,47339400',
        '2024-01-03,149.200000,151.000000,148.300000,148.470000,null,49425500',
        '2024-01-04,145.700000,147.400000,144.100000,144.600000,144.600000,56039900',
        '',
      ].join('\n'),
    );
    const url = new URL(requests.at(-1) ?? '', baseUrl);
    expect(url.pathname).toBe('/v8/finance/chart/AMZN');
    expect(url.searchParams.get('period1')).toBe(String(Date.UTC(2024, 0, 2) / 1000));
    expect(url.searchParams.get('period2')).toBe(String(Date.UTC(2024, 0, 5) / 1000));
    expect(url.searchParams.get('interval')).toBe('1d');
    const companies = await runCli(['companies', '--json'], { STOCKRISK_HOME: home });
    expect(JSON.parse(companies.stdout)).toContainEqual(expect.objectContaining({ ticker: 'AMZN', source: 'cache', rows: 2 }));
  });

  it('maps a known company to its Yahoo symbol (SPX -> ^GSPC)', async () => {
    const home = join(tempDir(), 'home');
    const run = await runCli(['data', 'fetch', 'SPX'], { STOCKRISK_HOME: home, STOCKRISK_YAHOO_URL: baseUrl });
    expect(run.code).toBe(0);
    expect(requests.at(-1)).toContain('/v8/finance/chart/%5EGSPC');
    expect(existsSync(join(home, 'data', 'SPX.csv'))).toBe(true);
  });

  it('an unknown symbol fails with exit 2 and leaves the cache untouched, even for the good ones', async () => {
    const home = join(tempDir(), 'home');
    const run = await runCli(['data', 'fetch', 'AMZN', 'NOSUCH'], { STOCKRISK_HOME: home, STOCKRISK_YAHOO_URL: baseUrl });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: Yahoo Finance has no symbol NOSUCH: No data found, symbol may be delisted');
    expect(existsSync(join(home, 'data'))).toBe(false);
  });

  it('Ctrl-C while waiting for Yahoo cancels cleanly: exit 1, said so, nothing written', async () => {
    const silent = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const home = join(tempDir(), 'home');
    const child = spawn(process.execPath, [binPath, 'data', 'fetch', 'AMZN'], {
      env: { PATH: process.env.PATH, STOCKRISK_HOME: home, STOCKRISK_YAHOO_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (chunk.includes('fetching')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    expect(code).toBe(1);
    expect(stderr).toContain('error: download cancelled');
    expect(existsSync(home)).toBe(false);
  });

  it('offline fails with exit 1 and a clear message', async () => {
    const home = join(tempDir(), 'home');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await runCli(['data', 'fetch', 'AMZN'], { STOCKRISK_HOME: home, STOCKRISK_YAHOO_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: cannot reach Yahoo Finance at http:\/\/127\.0\.0\.1:\d+: fetch failed: .*ECONNREFUSED/);
    expect(existsSync(home)).toBe(false);
  });
});
