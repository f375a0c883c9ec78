/** Which CSV column a price series was taken from. */
export type PriceField = 'adjclose' | 'close';

/** A validated daily price series: dates strictly ascending, every price finite and > 0. */
export interface PriceSeries {
  readonly ticker: string;
  /** ISO dates `YYYY-MM-DD`, strictly ascending. */
  readonly dates: readonly string[];
  readonly prices: readonly number[];
  readonly priceField: PriceField;
  /** Rows dropped because their price was empty, null, NaN or not positive. */
  readonly droppedRows: number;
}

/** Index of `date` in the series, or -1. Dates are sorted, so this is a binary search. */
export function indexOfDate(series: Pick<PriceSeries, 'dates'>, date: string): number {
  let lo = 0;
  let hi = series.dates.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = series.dates[mid] as string;
    if (d === date) return mid;
    if (d < date) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The trading dates nearest to `date` (up to `count`, before and after), for error hints. */
export function nearestDates(dates: readonly string[], date: string, count = 2): string[] {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((dates[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return dates.slice(Math.max(0, lo - count), lo + count);
}

/** Restrict a series to dates within [from, to] (inclusive, either optional). */
export function sliceByDate(series: PriceSeries, from?: string, to?: string): PriceSeries {
  let start = 0;
  let end = series.dates.length;
  if (from !== undefined) while (start < end && (series.dates[start] as string) < from) start++;
  if (to !== undefined) while (end > start && (series.dates[end - 1] as string) > to) end--;
  return { ...series, dates: series.dates.slice(start, end), prices: series.prices.slice(start, end) };
}
