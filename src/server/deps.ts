// What the dashboard server needs from the rest of stockrisk, injected so tests build the
// app with a temp home, fake runners and no network (src/server/default-deps.ts wires the
// real ones).
import type { CompanyInfo } from '../data/companies.js';
import type { LoadedSeries, LoadOptions } from '../data/load.js';
import type { CostedRun } from './cost-summary.js';
import type { JobProgress } from './job-queue.js';
import type { StaticAssets } from './static-assets.js';
import type { VarRunner } from './var-runner.js';

export interface MarketData {
  listCompanies(): Promise<readonly CompanyInfo[]>;
  loadSeries(ticker: string, options: LoadOptions): Promise<LoadedSeries>;
}

/** A stored VaR result: the contract's `var` JSON. The server reads only these fields. */
export interface VarResultJson extends CostedRun {
  readonly resultId: string;
  readonly ticker: string;
  readonly date: string;
  readonly createdAt: string;
}

export interface VarRunOptions {
  readonly signal: AbortSignal;
  readonly onProgress: (progress: JobProgress) => void;
}

/** The stored results (local, and the bucket when one is set). */
export interface ResultsHistory {
  /** Newest first. */
  list(): Promise<readonly VarResultJson[]>;
  get(resultId: string): Promise<VarResultJson | undefined>;
}

export interface QueueLimits {
  /** VaR runs at once; each already spreads over every core. */
  readonly concurrency: number;
  /** Runs allowed to wait; one more gets 429. */
  readonly maxWaiting: number;
  /** Finished jobs kept in memory for GET /api/jobs/:id. */
  readonly maxFinished: number;
}

export interface ServerDeps {
  readonly data: MarketData;
  /** Checks VaR requests like `stockrisk var` and runs them (src/server/var-runner.ts). */
  readonly varRunner: VarRunner;
  readonly results: ResultsHistory;
  readonly assets: StaticAssets;
  readonly now: () => Date;
  /** When set, every /api call needs `Authorization: Bearer <token>`. */
  readonly token?: string | undefined;
  /** Without a token the server only answers requests addressed to a loopback name. */
  readonly loopbackOnly: boolean;
  readonly queue: QueueLimits;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { concurrency: 1, maxWaiting: 4, maxFinished: 200 };

/** Request bodies above this are refused with 413; a VaR request is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;
