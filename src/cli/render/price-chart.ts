// Terminal chart of price and moving average with buy/sell markers, fitted to a width.
import { createRequire } from 'node:module';
import type asciichartModule from 'asciichart';
import type { SignalsReport } from '../../core/signals.js';
import { formatPrice, type Style } from '../output.js';

export interface ChartOptions {
  readonly columns: number;
  readonly height?: number;
  readonly color: boolean;
  readonly style: Style;
}

// Loaded on first use: only the signals chart needs it.
const requireLazily = createRequire(import.meta.url);

const LABEL_WIDTH = 10;
/** asciichart draws `label + ' ┤'` before the plot: the label plus two characters. */
const AXIS_WIDTH = LABEL_WIDTH + 2;

/**
 * Plots from the first day the moving average exists (asciichart cannot skip gaps), one
 * column per bucket of days: the bucket's last price and MA, and a marker row beneath
 * with the bucket's last signal (▲ buy, ▼ sell). When a column holds several signals
 * the marker is bold/underlined in colour and the legend says so; --from/--to zoom in.
 */
export function renderPriceChart(report: SignalsReport, options: ChartOptions): string {
  const rows = report.rows.slice(report.window - 1);
  const plotWidth = Math.max(10, Math.min(rows.length, options.columns - AXIS_WIDTH - 1));
  const buckets = bucketize(rows.length, plotWidth);
  const price: number[] = [];
  const ma: number[] = [];
  const markers: string[] = [];
  let crowded = false;
  for (const [start, end] of buckets) {
    const last = rows[end - 1] as (typeof rows)[number];
    price.push(last.close);
    ma.push(last.ma as number);
    let lastAction: 'buy' | 'sell' | null = null;
    let count = 0;
    for (let i = start; i < end; i++) {
      const action = (rows[i] as (typeof rows)[number]).action;
      if (action !== null) {
        lastAction = action;
        count++;
      }
    }
    if (count > 1) crowded = true;
    markers.push(lastAction === 'buy' ? options.style.green('▲') : lastAction === 'sell' ? options.style.red('▼') : ' ');
  }
  const asciichart = requireLazily('asciichart') as typeof asciichartModule;
  const chart = asciichart.plot([price, ma], {
    height: options.height ?? 14,
    offset: 2,
    format: (x: number) => formatPrice(x).padStart(LABEL_WIDTH),
    colors: options.color ? [asciichart.default, asciichart.yellow] : [],
  });
  const first = rows[0]?.date ?? '';
  const last = rows.at(-1)?.date ?? '';
  const axisPad = ' '.repeat(AXIS_WIDTH);
  // The last date ends under the last plotted column; a short series still gets a space between the two.
  const dateLine = first === last ? `${axisPad}${first}` : `${axisPad}${first}${last.padStart(Math.max(last.length + 1, buckets.length - first.length))}`;
  const legend = `${axisPad}── price (${report.price === 'adjclose' ? 'adj close' : 'close'})  ${options.style.yellow('──')} MA(${report.window})  ${options.style.green('▲')} buy  ${options.style.red('▼')} sell`;
  const lines = [chart, `${axisPad}${markers.join('')}`, dateLine, legend];
  if (crowded) lines.push(`${axisPad}${options.style.dim('several signals per column: marker = last (zoom: --from/--to)')}`);
  return lines.join('\n');
}

/** Split n items into `width` contiguous, nearly equal [start, end) ranges. */
function bucketize(n: number, width: number): [number, number][] {
  const count = Math.min(n, width);
  const out: [number, number][] = [];
  for (let b = 0; b < count; b++) out.push([Math.floor((b * n) / count), Math.floor(((b + 1) * n) / count)]);
  return out;
}
