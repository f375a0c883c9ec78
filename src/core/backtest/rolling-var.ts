// A rolling one-day VaR backtest: on every day t with `history` returns before it, forecast
// VaR from the returns up to t-1 and compare with the realised loss on day t. The position
// is long, short, or the crossover signal's side on day t-1 (long when the price closed
// above its moving average, short otherwise).
import { DataError } from '../errors.js';
import { normalQuantile } from '../normal.js';
import type { PriceSeries } from '../prices.js';
import type { ConfidenceLevel } from '../quantile.js';
import { quantileRank } from '../quantile.js';
import { simpleReturns } from '../returns.js';
import { mergeShards } from '../shard/merge.js';
import { firstRound, type McSpec, planShards } from '../shard/plan.js';
import { type Position, runShard } from '../shard/protocol.js';
import { signalStates, validateWindow } from '../signals.js';
import { cornishFisherZ } from '../var/cornish-fisher.js';
import { lossesOf } from '../var/loss.js';
import { mean, sampleStd, skewKurtosis } from '../var/moments.js';
import type { VarMethod } from '../var/types.js';
import { christoffersenIndependence, conditionalCoverage, kupiecPof, type LikelihoodRatioTest } from './coverage-tests.js';
import { baselTrafficLight, type TrafficLight } from './traffic-light.js';

export type BacktestPosition = Position | 'signal';

export interface BacktestOptions {
  readonly history: number;
  readonly levels: readonly ConfidenceLevel[];
  readonly methods: readonly VarMethod[];
  readonly position: BacktestPosition;
  /** Moving-average window of the signals, for position 'signal'. */
  readonly window: number;
  /** Monte Carlo draws per day (method mc), and the run's seed (day d uses seed + d). */
  readonly sims: number;
  readonly seed: number;
}

export interface LevelBacktest {
  readonly days: number;
  readonly exceptions: number;
  readonly expected: number;
  readonly rate: number;
  readonly kupiec: LikelihoodRatioTest;
  readonly independence: LikelihoodRatioTest;
  readonly conditionalCoverage: LikelihoodRatioTest;
  /** Basel zone over the last 250 days, for the 99% level only (null otherwise). */
  readonly trafficLight: TrafficLight | null;
}

export interface BacktestReport {
  readonly ticker: string;
  readonly position: BacktestPosition;
  readonly history: number;
  readonly window: number;
  readonly sims: number;
  readonly seed: number;
  readonly confidence: readonly string[];
  readonly days: number;
  readonly first: string;
  readonly last: string;
  readonly methods: Partial<Record<VarMethod, Record<string, LevelBacktest>>>;
}

export function backtestVar(series: PriceSeries, options: BacktestOptions): BacktestReport {
  const returns = simpleReturns(series.prices);
  const { history, levels } = options;
  if (options.position === 'signal') validateWindow(options.window, series.prices.length);
  const states = options.position === 'signal' ? signalStates(series.prices, options.window) : undefined;
  // returns[i] is the return into day i+1; forecast days are returns index t >= history,
  // and for signal positions also t >= window-1: before the average exists there is no side.
  const firstDay = states === undefined ? history : Math.max(history, options.window - 1);
  const forecastDays = returns.length - firstDay;
  if (forecastDays < 1) {
    const needs = states === undefined ? `--history ${history}` : `--history ${history} and --window ${options.window}`;
    throw new DataError(`a backtest with ${needs} needs at least ${firstDay + 2} prices; ${series.ticker} has ${series.prices.length}`, {
      hint: states === undefined ? 'use a smaller --history' : 'use a smaller --history or --window',
    });
  }
  const hits = new Map<string, boolean[]>();
  const key = (method: VarMethod, level: ConfidenceLevel) => `${method}\u0000${level.label}`;
  for (const method of options.methods) for (const level of levels) hits.set(key(method, level), []);

  for (let t = firstDay; t < returns.length; t++) {
    const past = returns.slice(t - history, t);
    // On day t the position is the one held at the close of day t (prices index t).
    const position: Position = states === undefined ? (options.position as Position) : states[t] === 1 ? 'long' : 'short';
    const realised = position === 'long' ? -(returns[t] as number) : (returns[t] as number);
    for (const method of options.methods) {
      const forecast = forecastVar(method, past, position, options, t);
      for (const level of levels) (hits.get(key(method, level)) as boolean[]).push(realised > (forecast.get(level.label) as number));
    }
  }

  const methods: BacktestReport['methods'] = {};
  for (const method of options.methods) {
    const perLevel: Record<string, LevelBacktest> = {};
    for (const level of levels) perLevel[level.label] = summarise(hits.get(key(method, level)) as boolean[], level);
    methods[method] = perLevel;
  }
  return {
    ticker: series.ticker,
    position: options.position,
    history,
    window: options.window,
    sims: options.sims,
    seed: options.seed,
    confidence: levels.map((level) => level.label),
    days: forecastDays,
    first: series.dates[firstDay + 1] as string,
    last: series.dates.at(-1) as string,
    methods,
  };
}

function summarise(hits: readonly boolean[], level: ConfidenceLevel): LevelBacktest {
  const days = hits.length;
  const exceptions = hits.filter(Boolean).length;
  const p = 1 - level.q;
  const kupiec = kupiecPof(days, exceptions, p);
  const independence = christoffersenIndependence(hits);
  return {
    days,
    exceptions,
    expected: days * p,
    rate: exceptions / days,
    kupiec,
    independence,
    conditionalCoverage: conditionalCoverage(kupiec, independence),
    trafficLight: level.label === '99' ? (baselTrafficLight(hits) ?? null) : null,
  };
}

/** VaR per level label from the returns before the day. */
function forecastVar(method: VarMethod, past: readonly number[], position: Position, options: BacktestOptions, day: number): Map<string, number> {
  const out = new Map<string, number>();
  const mu = mean(past);
  const sigma = sampleStd(past, mu);
  const drift = position === 'long' ? -mu : mu;
  if (method === 'historical') {
    const sorted = Float64Array.from(lossesOf(past, position)).sort();
    for (const level of options.levels) out.set(level.label, sorted[quantileRank(level, sorted.length) - 1] as number);
  } else if (method === 'parametric') {
    for (const level of options.levels) out.set(level.label, normalQuantile(level.q) * sigma + drift);
  } else if (method === 'cornish-fisher') {
    const losses = lossesOf(past, position);
    const lossMean = mean(losses);
    const lossStd = sampleStd(losses, lossMean);
    const { skewness, excessKurtosis } = skewKurtosis(losses);
    for (const level of options.levels) out.set(level.label, lossMean + cornishFisherZ(normalQuantile(level.q), skewness, excessKurtosis) * lossStd);
  } else {
    const spec: McSpec = { seed: (options.seed + day) % Number.MAX_SAFE_INTEGER, sims: options.sims, mu, sigma, position, levels: options.levels };
    let round = firstRound(spec);
    for (;;) {
      const merged = mergeShards(spec, round, planShards(spec, 1, round).map(runShard));
      if (merged.done) {
        for (const level of options.levels) out.set(level.label, (merged.estimates[level.label] as { var: number }).var);
        break;
      }
      round = merged.next;
    }
  }
  return out;
}
