// Moving-average crossover signals, trades and the contract's `signals` report.
import { UsageError } from './errors.js';
import { toScaledIntegers } from './exact-decimal.js';
import { movingAverage } from './moving-average.js';
import type { PriceField, PriceSeries } from './prices.js';
import { type StrategyStats, strategyStats } from './strategy-stats.js';
import { type Trade, tradesFromSignals } from './trades.js';

export type Strategy = 'long' | 'longshort';
export type SignalAction = 'buy' | 'sell';

export interface SignalOptions {
  readonly window: number;
  /** Shares per trade (default 100). */
  readonly shares?: number;
  readonly strategy?: Strategy;
}

export interface SignalRow {
  date: string;
  close: number;
  ma: number | null;
  signal: 0 | 1;
  action: SignalAction | null;
  /** Realised P/L of the trade this row closes, else null. */
  pnl: number | null;
  /** Realised P/L of every trade closed up to and including this row. */
  cumPnl: number;
}

export interface Signal {
  date: string;
  action: SignalAction;
  price: number;
}

export interface SignalsReport {
  ticker: string;
  window: number;
  price: PriceField;
  strategy: Strategy;
  shares: number;
  rows: SignalRow[];
  signals: Signal[];
  trades: Trade[];
  stats: StrategyStats;
}

export const DEFAULT_WINDOW = 20;
export const DEFAULT_SHARES = 100;

export function validateWindow(window: number, rows: number): void {
  if (!Number.isInteger(window) || window < 2) throw new UsageError(`--window must be an integer >= 2, got ${window}`);
  if (window > rows) throw new UsageError(`--window ${window} is longer than the data (${rows} rows)`, { hint: 'use a smaller window or a longer date range' });
}

/**
 * `signal[t] = 1` when `price[t] > ma[t]`, decided exactly: `price[t] * window` against the
 * window's sum in scaled decimal integers, so a price equal to its average is never
 * called above it by rounding. 0 before the average exists.
 */
export function signalStates(prices: readonly number[], window: number): (0 | 1)[] {
  const { scaled } = toScaledIntegers(prices);
  const states = new Array<0 | 1>(prices.length).fill(0);
  const w = BigInt(window);
  let sum = 0n;
  for (let t = 0; t < scaled.length; t++) {
    sum += scaled[t] as bigint;
    if (t >= window) sum -= scaled[t - window] as bigint;
    if (t >= window - 1 && (scaled[t] as bigint) * w > sum) states[t] = 1;
  }
  return states;
}

export function computeSignals(series: PriceSeries, options: SignalOptions): SignalsReport {
  const { window } = options;
  const shares = options.shares ?? DEFAULT_SHARES;
  const strategy = options.strategy ?? 'long';
  validateWindow(window, series.prices.length);
  if (!Number.isInteger(shares) || shares < 1) throw new UsageError(`--shares must be a positive integer, got ${shares}`);

  const { prices, dates } = series;
  const ma = movingAverage(prices, window);
  const signalState = signalStates(prices, window);
  const signals: Signal[] = [];
  for (let t = window; t < prices.length; t++) {
    const before = signalState[t - 1];
    const now = signalState[t];
    if (before === now) continue;
    signals.push({ date: dates[t] as string, action: now === 1 ? 'buy' : 'sell', price: prices[t] as number });
  }

  const trades = tradesFromSignals(signals, { shares, strategy, lastDate: dates.at(-1) as string, lastPrice: prices.at(-1) as number });
  const realisedByExit = new Map<string, number>();
  for (const trade of trades) if (!trade.open) realisedByExit.set(trade.exitDate, (realisedByExit.get(trade.exitDate) ?? 0) + trade.pnl);
  const actionByDate = new Map(signals.map((s) => [s.date, s.action]));

  let cumPnl = 0;
  const rows = dates.map((date, t): SignalRow => {
    const pnl = realisedByExit.get(date) ?? null;
    if (pnl !== null) cumPnl += pnl;
    return { date, close: prices[t] as number, ma: ma[t] ?? null, signal: signalState[t] as 0 | 1, action: actionByDate.get(date) ?? null, pnl, cumPnl };
  });

  return {
    ticker: series.ticker,
    window,
    price: series.priceField,
    strategy,
    shares,
    rows,
    signals,
    trades,
    stats: strategyStats({ dates, prices, window, trades, strategy }),
  };
}
