import type { PriceField } from '../core/prices.js';
import { type LoadedSeries, loadSeries } from '../data/load.js';
import type { Settings } from '../settings.js';
import type { CliContext } from './context.js';
import { writeNote } from './output.js';

/** Load a ticker's prices for a command, saying on stderr how many rows had no usable price. */
export async function loadSeriesForCommand(ctx: CliContext, ticker: string, settings: Settings, price: PriceField | undefined): Promise<LoadedSeries> {
  const series = await loadSeries(ticker, settings, { price });
  if (series.droppedRows > 0) writeNote(ctx, `note: dropped ${series.droppedRows} row(s) without a usable price in ${series.source}`);
  return series;
}
