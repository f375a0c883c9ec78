// Builds the dashboard app for API tests: real data loaders over the shared data and a temp
// home, the real static files, and a scripted VaR runner and results store (no network).
import { join } from 'node:path';
import { createApp, type DashboardApp } from '../../src/server/app.js';
import { cachedCompanies } from '../../src/server/companies-cache.js';
import { archiveHistory } from '../../src/server/default-deps.js';
import { DEFAULT_QUEUE_LIMITS, type QueueLimits, type ResultsHistory, type ServerDeps, type VarResultJson, type VarRunOptions } from '../../src/server/deps.js';
import type { VarRequest } from '../../src/server/request-schemas.js';
import { cachedSeriesLoader } from '../../src/server/series-cache.js';
import { loadStaticAssets, type StaticAssets } from '../../src/server/static-assets.js';
import { createVarRunner, type VarRunner } from '../../src/server/var-runner.js';
import type { Settings } from '../../src/settings.js';
import { repoRoot, sharedDataDir, tempDir } from '../helpers/paths.js';

let assets: StaticAssets | undefined;

export function testSettings(dataDir: string = sharedDataDir): Settings {
  return { home: tempDir('stockrisk-server-'), dataDir, bundledDataDir: join(repoRoot, 'data'), bucket: undefined, config: {} };
}

/** A stored result as the VaR runner returns it, with the fields the server and pages read. */
export function fakeResult(overrides: Partial<VarResultJson> & Record<string, unknown> = {}): VarResultJson {
  return {
    resultId: '20200323T000000000Z-abc123',
    ticker: 'AMZN',
    date: '2020-03-23',
    action: 'buy',
    position: 'long',
    price: 1902.83,
    shares: 100,
    history: 100,
    sims: 1000,
    resources: 2,
    backend: 'local',
    seed: 7,
    mean: 0.001,
    std: 0.02,
    methods: { mc: { var: { '95': 0.03, '99': 0.045 }, es: { '95': 0.04, '99': 0.05 } } },
    varAmount: { '95': 5708.49, '99': 8562.735 },
    elapsedMs: 120,
    shards: [
      { id: 0, sims: 500, ms: 50, attempts: 1 },
      { id: 1, sims: 500, ms: 55, attempts: 1 },
    ],
    cost: { usd: 0, detail: 'local' },
    createdAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  } as VarResultJson;
}

export function memoryResults(stored: VarResultJson[] = []): ResultsHistory & { stored: VarResultJson[] } {
  return {
    stored,
    list: async () => [...stored].reverse(),
    get: async (id) => stored.find((r) => r.resultId === id),
  };
}

/** A runner that accepts every request and runs `run` for it (for queue and stream tests). */
export function scriptedRunner(run: (request: VarRequest, options: VarRunOptions) => Promise<VarResultJson>): VarRunner {
  return { prepare: async (request) => (options) => run(request, options) };
}

export interface TestAppOptions {
  /** Default: the real runner (local worker threads, results stored in the temp home). */
  readonly varRunner?: VarRunner;
  readonly results?: ResultsHistory;
  readonly token?: string;
  readonly loopbackOnly?: boolean;
  readonly queue?: QueueLimits;
  readonly settings?: Settings;
}

export function buildTestApp(options: TestAppOptions = {}): DashboardApp & { settings: Settings } {
  const settings = options.settings ?? testSettings();
  assets ??= loadStaticAssets(join(repoRoot, 'src', 'server', 'public'));
  const loadSeries = cachedSeriesLoader(settings);
  const now = () => new Date('2026-11-25T10:00:00Z');
  const deps: ServerDeps = {
    data: { listCompanies: cachedCompanies(settings), loadSeries },
    varRunner: options.varRunner ?? createVarRunner({ settings, env: {}, loadSeries, log: () => {}, now }),
    results: options.results ?? archiveHistory(settings),
    assets,
    now,
    token: options.token,
    loopbackOnly: options.loopbackOnly ?? true,
    queue: options.queue ?? DEFAULT_QUEUE_LIMITS,
  };
  return { ...createApp(deps), settings };
}

/** A request the way a browser on this machine sends it (Host: 127.0.0.1). */
export function call(dashboard: DashboardApp, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(dashboard.app.request(`http://127.0.0.1${path}`, init));
}

export function postJson(dashboard: DashboardApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(dashboard, path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
