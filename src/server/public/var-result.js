// One VaR run's result, as stored (the contract's `var` JSON): VaR and ES per method and
// level, the VaR amount, mean and std of returns, the Monte Carlo confidence interval,
// elapsed time, per-shard timings and cost. Used after a run and on the History page.
import { shardChart } from './charts.js';
import { h, table } from './dom.js';
import { fractionPct, integer, money, numberCell, price, seconds, usd } from './format.js';

const METHOD_NAMES = { mc: 'Monte Carlo', historical: 'historical', parametric: 'parametric (normal)', 'cornish-fisher': 'Cornish-Fisher' };

export function methodName(method) {
  return METHOD_NAMES[method] ?? method;
}

/** Levels in the order the run reported them ("95", "99", "97.5"), numerically sorted. */
function levelsOf(result) {
  const levels = new Set(Object.keys(result.varAmount ?? {}));
  for (const method of Object.values(result.methods ?? {})) for (const level of Object.keys(method.var ?? {})) levels.add(level);
  return [...levels].sort((a, b) => Number(a) - Number(b));
}

export function resultHref(resultId) {
  return `#/history/${encodeURIComponent(resultId)}`;
}

/** Elements showing `result`; call `drawCharts()` once they are in the document. */
export function varResultView(result) {
  const levels = levelsOf(result);
  const rows = [];
  for (const [method, values] of Object.entries(result.methods ?? {})) {
    for (const level of levels) {
      rows.push([
        methodName(method),
        `${level}%`,
        { ...numberCell(values.var?.[level], (v) => fractionPct(v)), key: `${method}.var.${level}` },
        { ...numberCell(values.es?.[level], (v) => fractionPct(v)), key: `${method}.es.${level}` },
        { ...numberCell(values.varAmount?.[level], money), key: `${method}.varAmount.${level}` },
        confidenceInterval(method, values, level),
      ]);
    }
  }
  const amounts = levels.map((level) => [`${level}%`, { ...numberCell(result.varAmount?.[level], money), key: `varAmount.${level}` }]);
  const shards = result.shards ?? [];
  const shardPlot = h('div', { class: 'chart small', role: 'img', 'aria-label': `time per shard for ${shards.length} shards` });

  const facts = [
    ['Position', `${result.position} (${result.action ?? 'no signal'})`, 'position', result.position],
    ['Price at date', price(result.price), 'price', result.price],
    ['Shares', integer(result.shares), 'shares', result.shares],
    ['History', `${integer(result.history)} returns`, 'history', result.history],
    ['Simulations', integer(result.sims), 'sims', result.sims],
    ['Backend', `${result.backend}, R = ${result.resources}`, 'backend', result.backend],
    ['Seed', String(result.seed), 'seed', result.seed],
    ['Mean daily return', fractionPct(result.mean), 'mean', result.mean],
    ['Std of daily returns', fractionPct(result.std), 'std', result.std],
    ['Elapsed', seconds(result.elapsedMs), 'elapsedMs', result.elapsedMs],
    ['Cost', usd(result.cost?.usd), 'cost', result.cost?.usd],
  ];

  const elements = [
    h('p', { class: 'result-id' }, 'Result ', h('a', { href: resultHref(result.resultId) }, result.resultId), ` · ${result.createdAt ?? ''}`),
    h(
      'dl',
      { class: 'stats' },
      facts.map(([label, text, key, raw]) => h('div', { class: 'stat' }, h('dt', {}, label), h('dd', { dataset: { key, value: String(raw ?? '') } }, text))),
    ),
    table('VaR and Expected Shortfall (fraction of position value, one day)', ['Method', 'Level', 'VaR', 'ES', 'VaR amount', 'MC 95% CI of VaR'], rows, {
      class: 'var-table',
    }),
    table(`Headline VaR amount (${methodName(result.varAmountMethod ?? 'mc')})`, ['Level', 'VaR amount'], amounts, { class: 'var-amounts' }),
    costDetail(result.cost),
    h('h3', {}, 'Time per shard'),
    shardPlot,
  ];
  return { elements, drawCharts: () => (shards.length > 0 ? shardChart(shardPlot, shards) : undefined) };
}

function confidenceInterval(method, values, level) {
  const interval = values.ci?.[level];
  if (method !== 'mc' || interval === undefined || interval === null) return '—';
  const low = interval.low ?? interval.lower ?? interval[0];
  const high = interval.high ?? interval.upper ?? interval[1];
  return { text: `${fractionPct(low)} – ${fractionPct(high)}`, key: `${method}.ci.${level}`, class: 'num' };
}

function costDetail(cost) {
  if (cost === undefined || cost === null) return h('p', {}, 'Cost: not reported');
  const detail = cost.detail;
  if (detail === undefined || detail === null || detail === '') return h('p', {}, `Cost: ${usd(cost.usd)}`);
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
  return h('p', { class: 'cost-detail' }, `Cost: ${usd(cost.usd)} — `, text);
}
