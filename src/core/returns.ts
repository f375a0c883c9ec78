// The returns a VaR at date D is computed from: the `history` simple returns ending at D,
// r_t = P_t / P_(t-1) - 1, which needs history + 1 prices ending at D.
import { DataError, NotFoundError, UsageError } from './errors.js';
import { indexOfDate, nearestDates, type PriceSeries } from './prices.js';

export interface ReturnsWindow {
  readonly date: string;
  /** Index of D in the series. */
  readonly index: number;
  /** Price at D: the position's value per share. */
  readonly price: number;
  /** The `history` returns ending at D, oldest first. */
  readonly returns: number[];
}

/** Simple returns of consecutive prices. */
export function simpleReturns(prices: readonly number[]): number[] {
  const returns: number[] = [];
  for (let t = 1; t < prices.length; t++) returns.push((prices[t] as number) / (prices[t - 1] as number) - 1);
  return returns;
}

export function returnsAt(series: PriceSeries, date: string, history: number): ReturnsWindow {
  if (!Number.isSafeInteger(history) || history < 2) {
    throw new UsageError(`history must be an integer >= 2 returns, got ${history}`);
  }
  const index = indexOfDate(series, date);
  if (index < 0) {
    const near = nearestDates(series.dates, date);
    throw new NotFoundError(`${date} is not a trading date in the ${series.ticker} data`, {
      hint: near.length === 0 ? 'the series is empty' : `nearest trading dates: ${near.join(', ')}`,
    });
  }
  if (index < history) {
    throw new DataError(`--history ${history} needs ${history + 1} prices up to ${date}, but ${series.ticker} has only ${index + 1} (${index} returns)`, {
      hint: index >= 2 ? `use --history ${index} or a later date` : 'use a later date',
    });
  }
  return {
    date,
    index,
    price: series.prices[index] as number,
    returns: simpleReturns(series.prices.slice(index - history, index + 1)),
  };
}
