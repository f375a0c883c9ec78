import type { Strategy } from './signals.js';
import type { Trade } from './trades.js';

export interface StrategyStats {
  /** Round trips, the open one included. */
  trades: number;
  /** Share of closed trades with pnl > 0, in [0, 1]; null with no closed trade. */
  winRate: number | null;
  /** Realised P/L plus the open trade marked at the last price. */
  totalPnl: number;
  /** Compounded daily return of holding the strategy's position, in percent. */
  totalReturnPct: number;
  buyHoldReturnPct: number;
  /** Largest peak-to-trough fall of the strategy's equity curve, as a positive percent. */
  maxDrawdownPct: number;
  /** Annualised mean/std (ddof=1) of the strategy's daily returns, risk-free 0; null when undefined. */
  sharpe: number | null;
  /** Percent of the evaluated days on which a position was held. */
  exposurePct: number;
}

export interface StatsInput {
  readonly dates: readonly string[];
  readonly prices: readonly number[];
  readonly window: number;
  readonly trades: readonly Trade[];
  readonly strategy: Strategy;
}

/**
 * Daily view of the strategy: the position taken at day t's close (+1 long, -1 short, 0
 * flat) earns day t+1's simple return. Evaluated from the first day a signal can occur
 * (t = window) to the end, so the strategy and buy-and-hold cover the same ground.
 */
export function strategyStats(input: StatsInput): StrategyStats {
  const { dates, prices, window, trades } = input;
  const position = dailyPositions(dates, window, trades);
  const strategyReturns: number[] = [];
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let heldDays = 0;
  for (let t = window + 1; t < prices.length; t++) {
    const held = position[t - 1] as number;
    if (held !== 0) heldDays++;
    const r = held * ((prices[t] as number) / (prices[t - 1] as number) - 1);
    strategyReturns.push(r);
    equity *= 1 + r;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, 1 - equity / peak);
  }
  const closed = trades.filter((trade) => !trade.open);
  const start = prices[Math.min(window, prices.length - 1)] as number;
  return {
    trades: trades.length,
    winRate: closed.length === 0 ? null : closed.filter((trade) => trade.pnl > 0).length / closed.length,
    totalPnl: trades.reduce((sum, trade) => sum + trade.pnl, 0),
    totalReturnPct: (equity - 1) * 100,
    buyHoldReturnPct: ((prices.at(-1) as number) / start - 1) * 100,
    maxDrawdownPct: maxDrawdown * 100,
    sharpe: annualisedSharpe(strategyReturns, periodsPerYear(dates)),
    exposurePct: strategyReturns.length === 0 ? 0 : (heldDays / strategyReturns.length) * 100,
  };
}

function dailyPositions(dates: readonly string[], window: number, trades: readonly Trade[]): number[] {
  const position = new Array<number>(dates.length).fill(0);
  const indexOf = new Map(dates.map((date, i) => [date, i]));
  for (const trade of trades) {
    const from = indexOf.get(trade.entryDate) as number;
    const to = indexOf.get(trade.exitDate) as number;
    // Held from the entry close up to (not including) the exit close; an open trade to the end.
    const end = trade.open ? dates.length : to;
    for (let t = Math.max(from, window); t < end; t++) position[t] = Math.sign(trade.shares);
  }
  return position;
}

function annualisedSharpe(returns: readonly number[], periods: number): number | null {
  if (returns.length < 2) return null;
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
  if (!(variance > 0)) return null;
  return (mean / Math.sqrt(variance)) * Math.sqrt(periods);
}

/** 365 for series that trade every day (crypto: weekend dates present), else 252. */
export function periodsPerYear(dates: readonly string[]): number {
  for (const date of dates) {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (day === 0 || day === 6) return 365;
  }
  return 252;
}
