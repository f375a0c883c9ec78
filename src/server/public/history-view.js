// History: every stored VaR run, newest first, each linkable by id (#/history/<resultId>).
import { getJson } from './api.js';
import { h, replaceChildren, table } from './dom.js';
import { fractionPct, integer, money, numberCell, seconds, usd } from './format.js';
import { resultHref, varResultView } from './var-result.js';

export async function renderHistory(view, signal) {
  const results = await getJson('/api/results', signal);
  const rows = results.map((result) => {
    const [level] = Object.keys(result.varAmount ?? {}).sort((a, b) => Number(a) - Number(b));
    const [method, values] = Object.entries(result.methods ?? {})[0] ?? [];
    return [
      h('a', { href: resultHref(result.resultId) }, result.createdAt?.replace('T', ' ').slice(0, 19) ?? result.resultId),
      result.ticker,
      result.date,
      result.position,
      `${result.backend} R=${result.resources}`,
      numberCell(result.sims, integer),
      level === undefined || method === undefined
        ? '—'
        : { ...numberCell(values.var?.[level], fractionPct), text: `${fractionPct(values.var?.[level])} (${method} ${level}%)` },
      level === undefined ? '—' : numberCell(result.varAmount[level], money),
      numberCell(result.elapsedMs, seconds),
      numberCell(result.cost?.usd, usd),
    ];
  });
  replaceChildren(
    view,
    h('h1', {}, 'History'),
    results.length === 0
      ? h('p', {}, 'No VaR runs yet. Open a company and press VaR on a signal row, or run stockrisk var.')
      : table('Past VaR runs, newest first', ['Run', 'Ticker', 'Date', 'Position', 'Backend', 'Sims', 'VaR', 'VaR amount', 'Elapsed', 'Cost'], rows, {
          class: 'history',
        }),
  );
  return 'History';
}

export async function renderResult(view, resultId, signal) {
  const result = await getJson(`/api/results/${encodeURIComponent(resultId)}`, signal);
  const shown = varResultView(result);
  replaceChildren(
    view,
    h('p', { class: 'crumbs' }, h('a', { href: '#/history' }, 'History'), ' › ', result.resultId),
    h('h1', {}, `VaR of ${result.ticker} at ${result.date}`),
    shown.elements,
  );
  await shown.drawCharts();
  return `VaR ${result.ticker} ${result.date}`;
}
