// Company view: price, moving average and signals on a Plotly chart, the signal table with
// P/L and cumulative P/L, the strategy statistics, and a VaR button on every signal row.
import { getJson } from './api.js';
import { priceChart } from './charts.js';
import { h, replaceChildren, table } from './dom.js';
import { money, numberCell, pct, price } from './format.js';
import { companyHref } from './home-view.js';
import { openVarDialog } from './var-panel.js';

const DEFAULTS = { window: '20', strategy: 'long', price: '', shares: '100' };

export async function renderCompany(view, ticker, params, signal) {
  const settings = Object.fromEntries(Object.entries(DEFAULTS).map(([key, value]) => [key, params.get(key) ?? value]));
  const query = new URLSearchParams(Object.entries(settings).filter(([, value]) => value !== ''));
  const report = await getJson(`/api/signals/${encodeURIComponent(ticker)}?${query}`, signal);

  const chart = h('div', {
    id: 'price-chart',
    class: 'chart',
    role: 'img',
    'aria-label': `${report.ticker} price and ${report.window}-day moving average with buy and sell signals`,
  });
  const varSection = h('section', { id: 'var-run', class: 'var-run', 'aria-labelledby': 'var-run-title', hidden: true });
  const signalRows = report.rows.filter((row) => row.action !== null);

  replaceChildren(
    view,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Companies'), ' › ', report.ticker),
    h('h1', {}, report.ticker),
    h(
      'p',
      { class: 'lead' },
      `${report.rows[0]?.date ?? ''} to ${report.rows.at(-1)?.date ?? ''} · ${report.rows.length.toLocaleString('en-US')} rows · MA(${report.window}) · ${report.strategy === 'long' ? 'long only' : 'long/short'} · ${report.shares} shares`,
    ),
    controls(report),
    chart,
    statsList(report.stats),
    varSection,
    h('h2', { id: 'signals-title' }, `Signals (${signalRows.length})`),
    table(
      `${report.ticker} signals`,
      ['Date', 'Action', 'Price', `MA ${report.window}`, 'P/L', 'Cum. P/L', 'Risk'],
      signalRows.map((row) => ({
        class: `signal ${row.action}`,
        cells: [
          row.date,
          h('span', { class: `badge ${row.action}` }, row.action),
          numberCell(row.close, price),
          numberCell(row.ma, price),
          numberCell(row.pnl, money, true),
          numberCell(row.cumPnl, money, true),
          h(
            'button',
            {
              type: 'button',
              class: 'var-button',
              'aria-label': `Value at Risk at ${row.date} (${row.action})`,
              onclick: (event) => openVarDialog(event.currentTarget, { report, row }, varSection),
            },
            'VaR',
          ),
        ],
      })),
      { class: 'signals' },
    ),
  );
  await priceChart(chart, report);
  return `${report.ticker} signals`;
}

function controls(report) {
  const field = (label, input) => h('label', {}, label, input);
  const windowInput = h('input', { name: 'window', type: 'number', inputmode: 'numeric', min: '2', step: '1', value: String(report.window), required: true });
  const strategy = h(
    'select',
    { name: 'strategy' },
    h('option', { value: 'long', selected: report.strategy === 'long' }, 'long only'),
    h('option', { value: 'longshort', selected: report.strategy === 'longshort' }, 'long/short'),
  );
  const priceField = h(
    'select',
    { name: 'price' },
    h('option', { value: 'adjclose', selected: report.price === 'adjclose' }, 'adjusted close'),
    h('option', { value: 'close', selected: report.price === 'close' }, 'close'),
  );
  const shares = h('input', { name: 'shares', type: 'number', inputmode: 'numeric', min: '1', step: '1', value: String(report.shares), required: true });
  return h(
    'form',
    {
      class: 'controls',
      'aria-label': 'Signal settings',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = companyHref(report.ticker, { window: windowInput.value, strategy: strategy.value, price: priceField.value, shares: shares.value });
      },
    },
    field('Window', windowInput),
    field('Strategy', strategy),
    field('Price', priceField),
    field('Shares', shares),
    h('button', { type: 'submit' }, 'Update'),
  );
}

function statsList(stats) {
  const item = (label, value, key, raw) =>
    h('div', { class: 'stat' }, h('dt', {}, label), h('dd', { dataset: { stat: key, value: String(raw ?? '') } }, value));
  return h(
    'section',
    { 'aria-labelledby': 'stats-title' },
    h('h2', { id: 'stats-title' }, 'Strategy statistics'),
    h(
      'dl',
      { class: 'stats' },
      item('Trades', String(stats.trades), 'trades', stats.trades),
      item('Win rate', stats.winRate === null ? '—' : pct(stats.winRate * 100, 1), 'winRate', stats.winRate),
      item('Total P/L', money(stats.totalPnl), 'totalPnl', stats.totalPnl),
      item('Strategy return', pct(stats.totalReturnPct), 'totalReturnPct', stats.totalReturnPct),
      item('Buy & hold return', pct(stats.buyHoldReturnPct), 'buyHoldReturnPct', stats.buyHoldReturnPct),
      item('Max drawdown', pct(stats.maxDrawdownPct), 'maxDrawdownPct', stats.maxDrawdownPct),
      item('Sharpe (annualised)', stats.sharpe === null ? '—' : stats.sharpe.toFixed(2), 'sharpe', stats.sharpe),
      item('Exposure', pct(stats.exposurePct, 1), 'exposurePct', stats.exposurePct),
    ),
  );
}
