// Costs: elapsed time and cost of the stored runs, grouped by backend and R.
import { getJson } from './api.js';
import { costChart } from './charts.js';
import { h, replaceChildren, table } from './dom.js';
import { integer, numberCell, seconds, usd } from './format.js';

export async function renderCosts(view, signal) {
  const { groups } = await getJson('/api/costs', signal);
  const chart = h('div', { id: 'cost-chart', class: 'chart', role: 'img', 'aria-label': 'mean elapsed time and mean cost by backend and R' });
  const rows = groups.map((group) => [
    group.backend,
    numberCell(group.resources, integer),
    numberCell(group.runs, integer),
    numberCell(group.totalSims, integer),
    numberCell(group.meanElapsedMs, seconds),
    numberCell(group.meanCostUsd, usd),
    numberCell(group.totalCostUsd, usd),
  ]);
  replaceChildren(
    view,
    h('h1', {}, 'Costs'),
    groups.length === 0
      ? h('p', {}, 'No VaR runs yet: costs appear here once runs are stored.')
      : [
          h('p', { class: 'lead' }, 'Mean wall time and mean cost per run, by backend and number of shards R.'),
          chart,
          table('Runs by backend and R', ['Backend', 'R', 'Runs', 'Simulations', 'Mean elapsed', 'Mean cost', 'Total cost'], rows, { class: 'costs' }),
        ],
  );
  if (groups.length > 0) await costChart(chart, groups);
  return 'Costs';
}
