// The dashboard's JSON API through app.request(): every endpoint, and the bad inputs.
import { appendFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardApp } from '../../src/server/app.js';
import type { VarResultJson } from '../../src/server/deps.js';
import { runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';
import { buildTestApp, call, fakeResult, memoryResults, postJson, scriptedRunner, testSettings } from './test-app.js';

const apps: DashboardApp[] = [];
function app(options: Parameters<typeof buildTestApp>[0] = {}): DashboardApp {
  const built = buildTestApp(options);
  apps.push(built);
  return built;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((built) => built.close()));
});

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

const varBody = { ticker: 'AMZN', date: '2020-03-23', sims: 1000, resources: 2, seed: 7 };

describe('GET /api/companies', () => {
  it('lists the companies with their data range and no file paths', async () => {
    const response = await call(app(), '/api/companies');
    expect(response.status).toBe(200);
    const companies = (await response.json()) as Record<string, unknown>[];
    const amzn = companies.find((c) => c.ticker === 'AMZN');
    expect(amzn).toMatchObject({ name: 'Amazon', source: 'data-dir', rows: 5935, first: '1997-05-15', last: '2020-12-11' });
    expect(companies.map((c) => c.ticker)).toEqual(expect.arrayContaining(['AAPL', 'BABA', 'BTC-USD', 'SPX']));
    for (const company of companies) expect(company).not.toHaveProperty('path');
  });
});

describe('GET /api/signals/:ticker', () => {
  it('answers exactly what `stockrisk signals --json` prints for the same inputs', async () => {
    const home = tempDir();
    const cli = await runCli(['signals', 'BABA', '--window', '30', '--strategy', 'longshort', '--shares', '50', '--price', 'close', '--json'], {
      STOCKRISK_DATA_DIR: sharedDataDir,
      STOCKRISK_HOME: home,
    });
    expect(cli.code).toBe(0);
    const response = await call(app(), '/api/signals/BABA?window=30&strategy=longshort&shares=50&price=close');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(cli.stdout));
  });

  it('takes aliases and defaults like the CLI (window 20, long only, 100 shares)', async () => {
    const response = await call(app(), '/api/signals/btc');
    const report = (await response.json()) as { ticker: string; window: number; strategy: string; shares: number; signals: unknown[] };
    expect(response.status).toBe(200);
    expect(report).toMatchObject({ ticker: 'BTC-USD', window: 20, strategy: 'long', shares: 100 });
    expect(report.signals.length).toBeGreaterThan(10);
  });

  it('restricts to a date range', async () => {
    const response = await call(app(), '/api/signals/AMZN?from=2020-01-01&to=2020-06-30&window=10');
    const report = (await response.json()) as { rows: { date: string }[] };
    expect(report.rows[0]?.date).toBe('2020-01-02');
    expect(report.rows.at(-1)?.date).toBe('2020-06-30');
  });

  it.each([
    ['/api/signals/AMZN?window=abc', 'window must be a whole number'],
    ['/api/signals/AMZN?window=1', 'window must be at least 2'],
    ['/api/signals/AMZN?window=2.5', 'window must be a whole number'],
    ['/api/signals/AMZN?window=99999', 'longer than the data'],
    ['/api/signals/AMZN?price=open', 'price must be adjclose or close'],
    ['/api/signals/AMZN?strategy=short', 'strategy must be long or longshort'],
    ['/api/signals/AMZN?shares=0', 'shares must be at least 1'],
    ['/api/signals/AMZN?from=2020-13', 'from must be a date'],
    ['/api/signals/AMZN?from=2020-02-01&to=2020-01-01', 'is after to'],
    ['/api/signals/AMZN?file=/etc/passwd', 'unknown field "file"'],
    ['/api/signals/..%2F..%2Fetc%2Fpasswd', 'may hold only letters'],
    ['/api/signals/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'invalid ticker "<img src=x onerror=alert(1)>"'],
  ])('GET %s is a 400 saying %j', async (path, message) => {
    const response = await call(app(), path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const error = await errorOf(response);
    expect(error.code).toBe('usage');
    expect(error.message).toContain(message);
  });

  it('answers 404 with suggestions for an unknown ticker', async () => {
    const response = await call(app(), '/api/signals/AMZM');
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string; hint: string } };
    expect(body.error.message).toBe('unknown ticker AMZM');
    expect(body.error.hint).toContain('AMZN');
  });
});

describe('caches', () => {
  it('see a data file change on the next request (companies and signals)', async () => {
    const dataDir = tempDir('stockrisk-cache-data-');
    const file = join(dataDir, 'TEST.csv');
    copyFileSync(join(sharedDataDir, 'BABA.csv'), file);
    const dashboard = app({ settings: testSettings(dataDir) });
    const rows = async () => ((await (await call(dashboard, '/api/signals/TEST')).json()) as { rows: unknown[] }).rows.length;
    const listed = async () =>
      ((await (await call(dashboard, '/api/companies')).json()) as { ticker: string; rows: number; last: string }[]).find((c) => c.ticker === 'TEST');
    expect(await rows()).toBe(1570);
    expect(await rows()).toBe(1570);
    expect(await listed()).toMatchObject({ rows: 1570, last: '2020-12-11' });
    appendFileSync(file, '\n2020-12-14,260.0,262.0,258.0,261.0,261.0,1000\n');
    expect(await rows()).toBe(1571);
    expect(await listed()).toMatchObject({ rows: 1571, last: '2020-12-14' });
  });
});

describe('POST /api/var and jobs', () => {
  type Job = { status: string; progress: { done: number; total: number }; result?: VarResultJson; error?: unknown };
  async function finished(dashboard: DashboardApp, jobId: string): Promise<Job> {
    for (;;) {
      const job = (await (await call(dashboard, `/api/jobs/${jobId}`)).json()) as Job;
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  async function lastSignal(action: 'buy' | 'sell'): Promise<string> {
    const report = (await (await call(app(), '/api/signals/AMZN?window=20')).json()) as { signals: { date: string; action: string }[] };
    return (report.signals.filter((s) => s.action === action).at(-1) as { date: string }).date;
  }

  it('refuses before queuing what `stockrisk var` refuses: no trading date (404), no signal and no position (400)', async () => {
    const dashboard = app();
    const holiday = await postJson(dashboard, '/api/var', { ...varBody, date: '2020-03-22' });
    expect(holiday.status).toBe(404);
    expect((await errorOf(holiday)).message).toContain('2020-03-22 is not a trading date');
    const plainDay = await postJson(dashboard, '/api/var', { ...varBody, date: '2020-03-24' });
    const buy = await lastSignal('buy');
    if (buy === '2020-03-24') throw new Error('pick another plain day');
    expect(plainDay.status).toBe(400);
    expect((await errorOf(plainDay)).message).toContain('is not a signal date');
    const tooLong = await postJson(dashboard, '/api/var', { ...varBody, date: buy, history: 100_000 });
    expect(tooLong.status).toBe(400);
    const unknown = await postJson(dashboard, '/api/var', { ...varBody, ticker: 'NOPE' });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toBe('unknown ticker NOPE');
  });

  it('passes the request to the runner and reports its progress and result', async () => {
    const seen: unknown[] = [];
    const varRunner = scriptedRunner(async (request, { onProgress }) => {
      seen.push(request);
      onProgress({ done: 1, total: 2 });
      onProgress({ done: 2, total: 2 });
      return fakeResult({ ticker: request.ticker, date: request.date, seed: request.seed ?? 0 });
    });
    const dashboard = app({ varRunner });
    const body = { ...varBody, backend: 'local', confidence: [95, 97.5], methods: ['mc', 'historical'] };
    const { jobId } = (await (await postJson(dashboard, '/api/var', body)).json()) as { jobId: string };
    const job = await finished(dashboard, jobId);
    expect(job.status).toBe('done');
    expect(job.progress).toEqual({ done: 2, total: 2 });
    expect(job.result).toMatchObject({ ticker: 'AMZN', date: '2020-03-23', seed: 7 });
    expect(seen).toEqual([body]);
  });

  it('reports a run that fails with its one-line message and hint', async () => {
    const { WorkerError } = await import('../../src/core/errors.js');
    const dashboard = app({
      varRunner: scriptedRunner(async () => {
        throw new WorkerError('shard 1 failed after 3 attempts', { hint: 'see the server log' });
      }),
    });
    const { jobId } = (await (await postJson(dashboard, '/api/var', varBody)).json()) as { jobId: string };
    expect(await finished(dashboard, jobId)).toMatchObject({
      status: 'failed',
      error: { code: 'worker', message: 'shard 1 failed after 3 attempts', hint: 'see the server log' },
    });
  });

  it('streams progress as server-sent events until the job ends', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dashboard = app({
      varRunner: scriptedRunner(async (request, { onProgress }) => {
        await gate;
        onProgress({ done: 1, total: 2 });
        onProgress({ done: 2, total: 2 });
        return fakeResult({ ticker: request.ticker });
      }),
    });
    const { jobId } = (await (await postJson(dashboard, '/api/var', varBody)).json()) as { jobId: string };
    const response = await call(dashboard, `/api/jobs/${jobId}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    release();
    const text = await response.text();
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: job'))
      .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { status: string; progress: { done: number } });
    expect(events.map((e) => e.status)).toEqual(['running', 'running', 'running', 'done']);
    expect(events.map((e) => e.progress.done)).toEqual([0, 1, 2, 2]);
  });

  it('answers 429 when the queue is full, and takes runs again once it drains', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dashboard = app({
      queue: { concurrency: 1, maxWaiting: 1, maxFinished: 10 },
      varRunner: scriptedRunner(async (request) => {
        await gate;
        return fakeResult({ ticker: request.ticker });
      }),
    });
    const first = await postJson(dashboard, '/api/var', varBody);
    const second = await postJson(dashboard, '/api/var', varBody);
    const third = await postJson(dashboard, '/api/var', varBody);
    expect([first.status, second.status, third.status]).toEqual([202, 202, 429]);
    expect(third.headers.get('retry-after')).toBe('5');
    expect((await errorOf(third)).code).toBe('queue_full');
    release();
    const { jobId } = (await second.json()) as { jobId: string };
    expect((await finished(dashboard, jobId)).status).toBe('done');
    expect((await postJson(dashboard, '/api/var', varBody)).status).toBe(202);
  });

  it.each([
    [{ ...varBody, sims: 0 }, 'sims must be at least 1'],
    [{ ...varBody, sims: 1e12 }, 'sims must be at most 100000000000'],
    [{ ...varBody, sims: 10.5 }, 'sims must be a whole number'],
    [{ ...varBody, sims: '1000' }, 'sims must be a number'],
    [{ ...varBody, resources: 0 }, 'resources must be at least 1'],
    [{ ...varBody, sims: 4, resources: 8 }, 'resources must not exceed sims'],
    [{ ...varBody, history: 1 }, 'history must be at least 2'],
    [{ ...varBody, backend: 'gpu' }, 'backend must be local, lambda or ec2'],
    [{ ...varBody, confidence: [95, 100] }, 'confidence levels must be below 100'],
    [{ ...varBody, confidence: [95, 95] }, 'confidence level 95 is given twice'],
    [{ ...varBody, confidence: [] }, 'confidence needs at least one level'],
    [{ ...varBody, methods: ['<script>'] }, 'methods are names like'],
    [{ ...varBody, methods: ['magic'] }, 'unknown method "magic"'],
    [{ ...varBody, position: 'sideways' }, 'position must be long or short'],
    [{ ...varBody, seed: -1 }, 'seed must be at least 0'],
    [{ ...varBody, date: '23/03/2020' }, 'date must be a date YYYY-MM-DD'],
    [{ ...varBody, dataFile: '/etc/passwd' }, 'unknown field "dataFile"'],
    [{ ...varBody, ticker: '../etc/passwd' }, 'may hold only letters'],
    [{ date: '2020-03-23' }, 'ticker'],
    [[1, 2], 'expected object'],
  ])('refuses %j with 400 saying %j', async (body, message) => {
    const response = await postJson(app(), '/api/var', body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain(message);
  });

  it('refuses a body that is not JSON (400), not declared as JSON (415) or too large (413)', async () => {
    const dashboard = app();
    const broken = await call(dashboard, '/api/var', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ticker":' });
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).message).toContain('not valid JSON');
    const form = await call(dashboard, '/api/var', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'ticker=AMZN' });
    expect(form.status).toBe(415);
    const huge = await postJson(dashboard, '/api/var', { ...varBody, padding: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).message).toContain('larger than 16 KB');
  });

  it('answers 404 for an unknown job and 400 for a malformed job id', async () => {
    const dashboard = app();
    expect((await call(dashboard, '/api/jobs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await call(dashboard, '/api/jobs/%3Cscript%3E')).status).toBe(400);
    expect((await call(dashboard, '/api/jobs/00000000-0000-0000-0000-000000000000/events')).status).toBe(404);
  });
});

describe('GET /api/results and /api/costs', () => {
  const stored = [
    fakeResult({ resultId: 'r1', backend: 'local', resources: 2, elapsedMs: 100, cost: { usd: 0 }, sims: 1000 }),
    fakeResult({ resultId: 'r2', backend: 'lambda', resources: 4, elapsedMs: 3000, cost: { usd: 0.002 }, sims: 4000 }),
    fakeResult({ resultId: 'r3', backend: 'lambda', resources: 4, elapsedMs: 1000, cost: { usd: 0.004 }, sims: 4000 }),
  ];

  it('lists stored results newest first and fetches one by id', async () => {
    const dashboard = app({ results: memoryResults([...stored]) });
    const list = (await (await call(dashboard, '/api/results')).json()) as VarResultJson[];
    expect(list.map((r) => r.resultId)).toEqual(['r3', 'r2', 'r1']);
    const one = await call(dashboard, '/api/results/r2');
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(stored[1]);
  });

  it('answers 404 for an unknown result and 400 for an id that is not one', async () => {
    const dashboard = app({ results: memoryResults([...stored]) });
    const missing = await call(dashboard, '/api/results/r9');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toBe('no stored result r9');
    expect((await call(dashboard, '/api/results/..%2F..%2Fconfig')).status).toBe(400);
  });

  it('groups runs by backend and R with mean elapsed time and cost', async () => {
    const response = await call(app({ results: memoryResults([...stored]) }), '/api/costs');
    expect(await response.json()).toEqual({
      groups: [
        { backend: 'lambda', resources: 4, runs: 2, totalSims: 8000, meanElapsedMs: 2000, meanCostUsd: 0.003, totalCostUsd: 0.006 },
        { backend: 'local', resources: 2, runs: 1, totalSims: 1000, meanElapsedMs: 100, meanCostUsd: 0, totalCostUsd: 0 },
      ],
    });
  });

  it('leaves out a stored file without a cost instead of failing the costs page', async () => {
    const damaged = { resultId: 'r0', ticker: 'AMZN', date: '2020-03-23', createdAt: '2020-01-01T00:00:00Z', backend: 'local' } as unknown as VarResultJson;
    const response = await call(app({ results: memoryResults([...stored, damaged]) }), '/api/costs');
    expect(response.status).toBe(200);
    const { groups } = (await response.json()) as { groups: { backend: string; runs: number }[] };
    expect(groups.map((g) => [g.backend, g.runs])).toEqual([
      ['lambda', 2],
      ['local', 1],
    ]);
  });
});

describe('security', () => {
  it('sends a Content-Security-Policy that allows scripts only from the server itself', async () => {
    const dashboard = app();
    for (const path of ['/', '/app.js', '/api/companies', '/api/nothing']) {
      const response = await call(dashboard, path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves pages without inline scripts, and Plotly from the installed package', async () => {
    const dashboard = app();
    const html = await (await call(dashboard, '/')).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/[^"]+"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const plotly = await call(dashboard, '/vendor/plotly.min.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(plotly.status).toBe(200);
    expect(plotly.headers.get('content-encoding')).toBe('gzip');
    expect(plotly.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the dashboard folder', async () => {
    const dashboard = app();
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/src/server/app.ts', '/vendor/../../package.json', '/etc/passwd']) {
      const response = await call(dashboard, path);
      expect(response.status, path).toBe(404);
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await call(app(), '/api/nothing');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('requires the token on every API call when the server has one, but not for the page itself', async () => {
    const dashboard = app({ token: 'correct-horse-battery', loopbackOnly: false });
    expect((await call(dashboard, '/api/companies')).status).toBe(401);
    expect((await call(dashboard, '/api/companies', { headers: { Authorization: 'Bearer wrong-token-value' } })).status).toBe(401);
    expect((await postJson(dashboard, '/api/var', varBody)).status).toBe(401);
    expect((await call(dashboard, '/api/companies', { headers: { Authorization: 'Bearer correct-horse-battery' } })).status).toBe(200);
    expect((await call(dashboard, '/')).status).toBe(200);
  });

  it('on loopback without a token, refuses requests addressed to another host name (DNS rebinding)', async () => {
    const dashboard = app();
    const response = await dashboard.app.request('http://evil.example:8081/api/companies');
    expect(response.status).toBe(403);
    expect((await dashboard.app.request('http://localhost:8081/api/companies')).status).toBe(200);
  });
});
