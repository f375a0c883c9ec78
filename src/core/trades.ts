import type { Signal, Strategy } from './signals.js';

/**
 * One round trip. Shorts carry negative `shares`, so `pnl = (exitPrice - entryPrice) * shares`
 * holds for both sides, as the contract writes it.
 */
export interface Trade {
  entryDate: string;
  entryPrice: number;
  exitDate: string;
  exitPrice: number;
  shares: number;
  pnl: number;
  returnPct: number;
  /** Still open at the end of the data: exit is the last date and price (marked, not realised). */
  open: boolean;
}

export interface TradeOptions {
  readonly shares: number;
  readonly strategy: Strategy;
  readonly lastDate: string;
  readonly lastPrice: number;
}

/** Long-only: buy opens, next sell closes. Long/short: each signal closes the open side and opens the other. */
export function tradesFromSignals(signals: readonly Signal[], options: TradeOptions): Trade[] {
  const trades: Trade[] = [];
  let open: { date: string; price: number; shares: number } | undefined;
  const close = (date: string, price: number, isOpen: boolean): void => {
    if (open === undefined) return;
    const pnl = (price - open.price) * open.shares;
    const returnPct = (Math.sign(open.shares) * (price - open.price) * 100) / open.price;
    trades.push({ entryDate: open.date, entryPrice: open.price, exitDate: date, exitPrice: price, shares: open.shares, pnl, returnPct, open: isOpen });
    open = undefined;
  };
  for (const signal of signals) {
    close(signal.date, signal.price, false);
    if (signal.action === 'buy') open = { date: signal.date, price: signal.price, shares: options.shares };
    else if (options.strategy === 'longshort') open = { date: signal.date, price: signal.price, shares: -options.shares };
  }
  close(options.lastDate, options.lastPrice, true);
  return trades;
}
