// Home: the companies with their data range; pick one and a moving-average window.
import { getJson } from './api.js';
import { h, replaceChildren, table } from './dom.js';
import { integer } from './format.js';

export function companyHref(ticker, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  const suffix = query.size > 0 ? `?${query}` : '';
  return `#/company/${encodeURIComponent(ticker)}${suffix}`;
}

export async function renderHome(view, signal) {
  const companies = await getJson('/api/companies', signal);
  const usable = companies.filter((company) => company.rows > 0);

  const select = h(
    'select',
    { name: 'ticker', id: 'home-ticker', required: true },
    usable.map((company) => h('option', { value: company.ticker }, `${company.ticker} — ${company.name}`)),
  );
  const windowInput = h('input', { name: 'window', id: 'home-window', type: 'number', inputmode: 'numeric', min: '2', step: '1', value: '20', required: true });
  const strategy = h(
    'select',
    { name: 'strategy', id: 'home-strategy' },
    h('option', { value: 'long' }, 'long only'),
    h('option', { value: 'longshort' }, 'long/short'),
  );
  const form = h(
    'form',
    {
      class: 'picker',
      'aria-label': 'Choose a company',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = companyHref(select.value, { window: windowInput.value, strategy: strategy.value });
      },
    },
    h('label', { for: 'home-ticker' }, 'Company'),
    select,
    h('label', { for: 'home-window' }, 'Moving-average window (days)'),
    windowInput,
    h('label', { for: 'home-strategy' }, 'Strategy'),
    strategy,
    h('button', { type: 'submit', class: 'primary' }, 'Show signals'),
  );

  const rows = companies.map((company) => [
    company.rows > 0 ? h('a', { href: companyHref(company.ticker), class: 'ticker' }, company.ticker) : h('span', { class: 'ticker' }, company.ticker),
    company.name,
    company.source ?? 'no data yet',
    { text: integer(company.rows), value: company.rows, class: 'num' },
    company.first ?? '—',
    company.last ?? '—',
    company.problem ?? (company.rows > 0 ? 'ok' : `stockrisk data fetch ${company.ticker}`),
  ]);

  replaceChildren(
    view,
    h('h1', {}, 'Companies'),
    h('p', { class: 'lead' }, 'Moving-average crossover signals, their P/L, and Value at Risk at any signal date.'),
    usable.length > 0 ? form : h('p', { class: 'error' }, 'No company has data yet: add CSVs with stockrisk data import or data fetch.'),
    table('Companies and their data', ['Ticker', 'Name', 'Source', 'Rows', 'First', 'Last', 'Status'], rows, { class: 'companies' }),
  );
  return 'Companies';
}
