import type { SignalsReport } from '../../core/signals.js';
import type { CliContext } from '../context.js';
import { formatMoney, formatPct, formatPrice, makeTable, type Style, style } from '../output.js';

/** The signal rows: date, action, price, MA, P/L of the trade it closes, cumulative P/L. */
export function renderSignalTable(ctx: CliContext, report: SignalsReport, last?: number): string {
  const s = style(ctx.color);
  const signalRows = report.rows.filter((row) => row.action !== null);
  const shown = last === undefined ? signalRows : signalRows.slice(-last);
  const table = makeTable(ctx, ['Date', 'Signal', 'Price', `MA(${report.window})`, 'P/L', 'Cum P/L'], ['left', 'left', 'right', 'right', 'right', 'right']);
  for (const row of shown) {
    table.push([
      row.date,
      row.action === 'buy' ? s.green('▲ buy') : s.red('▼ sell'),
      formatPrice(row.close),
      row.ma === null ? '' : formatPrice(row.ma),
      row.pnl === null ? '' : signed(s, row.pnl),
      signed(s, row.cumPnl),
    ]);
  }
  const open = report.trades.find((trade) => trade.open);
  const notes: string[] = [];
  if (shown.length < signalRows.length) notes.push(`(last ${shown.length} of ${signalRows.length} signals)`);
  if (signalRows.length === 0) notes.push('no crossover signals in this range');
  if (open !== undefined) {
    notes.push(
      `open ${open.shares > 0 ? 'long' : 'short'} from ${open.entryDate} at ${formatPrice(open.entryPrice)}, marked at ${formatPrice(open.exitPrice)} on ${open.exitDate}: ${signed(s, open.pnl)} unrealised`,
    );
  }
  return [table.toString(), ...notes].join('\n');
}

export function renderStrategyStats(report: SignalsReport, s: Style): string {
  const { stats } = report;
  const lines: [string, string][] = [
    ['Trades', `${stats.trades}`],
    ['Win rate', stats.winRate === null ? 'n/a' : formatPct(stats.winRate * 100, 1)],
    ['Total P/L', `${signed(s, stats.totalPnl)} (realised + open marked to market)`],
    ['Strategy return', formatPct(stats.totalReturnPct)],
    ['Buy & hold return', formatPct(stats.buyHoldReturnPct)],
    ['Max drawdown', formatPct(-stats.maxDrawdownPct)],
    ['Sharpe (annualised)', stats.sharpe === null ? 'n/a' : stats.sharpe.toFixed(2)],
    ['Exposure', formatPct(stats.exposurePct, 1)],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  return [s.bold('Strategy statistics'), ...lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

export function signalTableCsv(report: SignalsReport): string {
  const lines = ['date,action,price,ma,pnl,cumPnl'];
  for (const row of report.rows) {
    if (row.action === null) continue;
    lines.push([row.date, row.action, row.close, row.ma ?? '', row.pnl ?? '', row.cumPnl].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function signed(s: Style, value: number): string {
  const text = formatMoney(value);
  return value > 0 ? s.green(`+${text}`) : value < 0 ? s.red(text) : text;
}
