// One VaR run, as `stockrisk var`, the dashboard and `compare` all do it: validate the
// request against the price series, compute the closed-form methods, run the Monte Carlo
// rounds on the given backend, merge them exactly, and return the contract's `var` JSON.
// It loads and stores nothing; callers pass the series and save the result.
import { CancelledError, UsageError } from '../core/errors.js';
import type { PriceSeries } from '../core/prices.js';
import type { ConfidenceLevel } from '../core/quantile.js';
import { type ReturnsWindow, returnsAt } from '../core/returns.js';
import { isValidSeed } from '../core/rng/stream.js';
import { MAX_RESOURCES, MAX_SIMS } from '../core/shard/limits.js';
import { type McLevelEstimate, mergeShards } from '../core/shard/merge.js';
import { firstRound, type McSpec, planShards, type RoundPlan } from '../core/shard/plan.js';
import type { Position } from '../core/shard/protocol.js';
import { computeSignals, type SignalAction } from '../core/signals.js';
import { cornishFisherVar } from '../core/var/cornish-fisher.js';
import { historicalVar } from '../core/var/historical.js';
import { mean, sampleStd } from '../core/var/moments.js';
import { parametricVar } from '../core/var/parametric.js';
import type { MethodEstimate, VarMethod } from '../core/var/types.js';
import type { BackendUsage, ComputeBackend, ShardOutcome } from '../ports.js';
import { newResultId } from './result-id.js';
import { usageSince } from './usage-since.js';

export { MAX_RESOURCES } from '../core/shard/limits.js';

export interface VarRequest {
  readonly date: string;
  /** Required unless `date` is a buy (long) or sell (short) signal at `window`. */
  readonly position?: Position | undefined;
  /** Moving-average window of the signals that decide the position. */
  readonly window: number;
  readonly history: number;
  readonly sims: number;
  /** R: number of Monte Carlo shards. */
  readonly resources: number;
  readonly levels: readonly ConfidenceLevel[];
  readonly methods: readonly VarMethod[];
  readonly shares: number;
  readonly seed: number;
}

export interface VarProgress {
  /** Shards finished in this round, of `total`. */
  readonly done: number;
  readonly total: number;
  /** 0 for the first round; a rare refine round is 1, ... */
  readonly round: number;
}

export interface RunCost {
  readonly usd: number;
  readonly detail: string;
}

export interface VarDeps {
  readonly backend: ComputeBackend;
  /** Prices the backend's usage; the local backend costs nothing. */
  readonly cost?: (usage: BackendUsage) => RunCost;
  readonly onProgress?: (progress: VarProgress) => void;
  readonly signal?: AbortSignal;
  /** Most shards in flight at once (default: all). */
  readonly concurrency?: number;
  readonly now?: () => Date;
  readonly newResultId?: (now: Date) => string;
}

export interface VarLevelMap<T> {
  [level: string]: T;
}

export interface VarMethodResult {
  readonly var: VarLevelMap<number>;
  readonly es: VarLevelMap<number | null>;
  readonly varAmount: VarLevelMap<number>;
  /** Monte Carlo only: the order-statistic 95% confidence interval of each VaR. */
  readonly ci?: VarLevelMap<readonly [number, number]>;
}

/** The contract's `var` JSON (plus a few documented extras: window, levels, rounds, ...). */
export interface VarResult {
  readonly resultId: string;
  readonly ticker: string;
  readonly date: string;
  readonly action: SignalAction | null;
  readonly position: Position;
  readonly price: number;
  readonly priceField: string;
  readonly shares: number;
  readonly window: number;
  readonly history: number;
  readonly sims: number;
  readonly resources: number;
  readonly backend: string;
  readonly seed: number;
  readonly mean: number;
  readonly std: number;
  readonly confidence: readonly string[];
  readonly methods: Partial<Record<VarMethod, VarMethodResult>>;
  /** VaR amount of the headline method (`varAmountMethod`): VaR * price(D) * shares. */
  readonly varAmount: VarLevelMap<number>;
  readonly varAmountMethod: VarMethod;
  readonly elapsedMs: number;
  readonly rounds: number;
  readonly shards: readonly { id: number; sims: number; ms: number; attempts: number }[];
  readonly cost: RunCost;
  readonly createdAt: string;
}

/** A request checked against the series: everything runVar needs, no errors left to find. */
export interface PreparedVar {
  readonly series: PriceSeries;
  readonly request: VarRequest;
  readonly window: ReturnsWindow;
  readonly action: SignalAction | null;
  readonly position: Position;
}

/** Signal actions by date at a window, for resolving positions (and `--date all`). */
export function signalActions(series: PriceSeries, window: number): Map<string, SignalAction> {
  const report = computeSignals(series, { window });
  return new Map(report.signals.map((signal) => [signal.date, signal.action]));
}

/**
 * Check a request against the series without computing anything heavy, so every bad
 * input is reported before any backend starts. `actions` may be passed in when many dates
 * of one series are prepared.
 */
export function prepareVar(series: PriceSeries, request: VarRequest, actions = signalActions(series, request.window)): PreparedVar {
  checkNumbers(request);
  const window = returnsAt(series, request.date, request.history);
  const action = actions.get(request.date) ?? null;
  let position = request.position;
  if (position === undefined) {
    if (action === null) {
      const dates = [...actions.keys()];
      throw new UsageError(`${request.date} is not a signal date of ${series.ticker} at --window ${request.window}; say --position long or short`, {
        hint: nearestSignals(dates, request.date),
      });
    }
    position = action === 'buy' ? 'long' : 'short';
  }
  return { series, request, window, action, position };
}

function checkNumbers(request: VarRequest): void {
  if (!Number.isSafeInteger(request.sims) || request.sims < 1 || request.sims > MAX_SIMS) {
    throw new UsageError(`--sims must be an integer in 1..${MAX_SIMS}, got ${request.sims}`);
  }
  const maxResources = Math.min(request.sims, MAX_RESOURCES);
  if (!Number.isSafeInteger(request.resources) || request.resources < 1 || request.resources > maxResources) {
    throw new UsageError(`-r (resources) must be an integer in 1..${maxResources} (at most --sims and ${MAX_RESOURCES}), got ${request.resources}`);
  }
  if (!isValidSeed(request.seed)) throw new UsageError(`--seed must be an integer in 0..${Number.MAX_SAFE_INTEGER}, got ${request.seed}`);
  if (!Number.isSafeInteger(request.shares) || request.shares < 1) throw new UsageError(`--shares must be a positive integer, got ${request.shares}`);
  if (request.levels.length === 0) throw new UsageError('no confidence level given');
  if (request.methods.length === 0) throw new UsageError('no method given');
}

function nearestSignals(signalDates: readonly string[], date: string): string {
  if (signalDates.length === 0) return 'there are no signal dates at this window';
  const before = signalDates.filter((d) => d < date).slice(-2);
  const after = signalDates.filter((d) => d > date).slice(0, 2);
  return `nearest signal dates: ${[...before, ...after].join(', ')}`;
}

export async function runVar(prepared: PreparedVar, deps: VarDeps): Promise<VarResult> {
  const started = performance.now();
  const usageBefore = deps.backend.usage();
  const now = deps.now ?? (() => new Date());
  const { series, request, window, position } = prepared;
  const mu = mean(window.returns);
  const sigma = sampleStd(window.returns, mu);
  const estimates: Partial<Record<VarMethod, MethodEstimate>> = {};
  const intervals: VarLevelMap<readonly [number, number]> = {};
  let rounds = 0;
  let shards: VarResult['shards'] = [];

  for (const method of request.methods) {
    if (method === 'historical') estimates.historical = historicalVar(window.returns, position, request.levels);
    if (method === 'parametric') estimates.parametric = parametricVar(mu, sigma, position, request.levels);
    if (method === 'cornish-fisher') estimates['cornish-fisher'] = cornishFisherVar(window.returns, position, request.levels);
  }
  if (request.methods.includes('mc')) {
    const spec: McSpec = { seed: request.seed, sims: request.sims, mu, sigma, position, levels: request.levels };
    const mc = await runMonteCarlo(spec, request.resources, deps);
    rounds = mc.rounds;
    shards = mc.shards;
    const estimate: MethodEstimate = { var: {}, es: {} };
    for (const level of request.levels) {
      const found = mc.estimates[level.label] as McLevelEstimate;
      estimate.var[level.label] = found.var;
      estimate.es[level.label] = found.es;
      intervals[level.label] = found.ci;
    }
    estimates.mc = estimate;
  }

  const value = window.price * request.shares;
  const methods: Partial<Record<VarMethod, VarMethodResult>> = {};
  for (const method of request.methods) {
    const estimate = estimates[method] as MethodEstimate;
    const varAmount: VarLevelMap<number> = {};
    for (const level of request.levels) varAmount[level.label] = (estimate.var[level.label] as number) * value;
    methods[method] = { var: estimate.var, es: estimate.es, varAmount, ...(method === 'mc' ? { ci: intervals } : {}) };
  }
  const headline: VarMethod = request.methods.includes('mc') ? 'mc' : (request.methods[0] as VarMethod);
  const createdAt = now();
  return {
    resultId: (deps.newResultId ?? newResultId)(createdAt),
    ticker: series.ticker,
    date: request.date,
    action: prepared.action,
    position,
    price: window.price,
    priceField: series.priceField,
    shares: request.shares,
    window: request.window,
    history: request.history,
    sims: request.sims,
    resources: request.resources,
    backend: deps.backend.name,
    seed: request.seed,
    mean: mu,
    std: sigma,
    confidence: request.levels.map((level) => level.label),
    methods,
    varAmount: (methods[headline] as VarMethodResult).varAmount,
    varAmountMethod: headline,
    elapsedMs: Math.round(performance.now() - started),
    rounds,
    shards,
    cost: deps.cost === undefined ? { usd: 0, detail: `${deps.backend.name}: no charge` } : deps.cost(usageSince(usageBefore, deps.backend.usage())),
    createdAt: createdAt.toISOString(),
  };
}

interface MonteCarloRun {
  readonly estimates: Readonly<Record<string, McLevelEstimate>>;
  readonly rounds: number;
  readonly shards: VarResult['shards'];
}

/** Rounds of shards on the backend until the merge has pinned down every order statistic. */
async function runMonteCarlo(spec: McSpec, resources: number, deps: VarDeps): Promise<MonteCarloRun> {
  let round: RoundPlan = firstRound(spec);
  const perShard = new Map<number, { id: number; sims: number; ms: number; attempts: number }>();
  for (;;) {
    if (deps.signal?.aborted === true) throw new CancelledError('the run was cancelled');
    const tasks = planShards(spec, resources, round);
    let done = 0;
    deps.onProgress?.({ done, total: tasks.length, round: round.round });
    const outcomes: ShardOutcome[] = await deps.backend.run(tasks, {
      ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }),
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      onShardDone: () => {
        done++;
        deps.onProgress?.({ done, total: tasks.length, round: round.round });
      },
    });
    outcomes.forEach((outcome, index) => {
      const task = tasks[index];
      if (task === undefined) return;
      const seen = perShard.get(task.shard);
      // ms add up over rounds; attempts is the worst round (1 = never retried).
      perShard.set(task.shard, {
        id: task.shard,
        sims: task.count,
        ms: Math.round((seen?.ms ?? 0) + outcome.ms),
        attempts: Math.max(seen?.attempts ?? 0, outcome.attempts),
      });
    });
    const merged = mergeShards(
      spec,
      round,
      outcomes.map((outcome) => outcome.result),
    );
    if (merged.done) return { estimates: merged.estimates, rounds: merged.rounds, shards: [...perShard.values()] };
    round = merged.next;
  }
}
