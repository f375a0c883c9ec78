// The dashboard's entry point: a hash router (#/, #/company/T?window=20, #/history,
// #/history/<id>, #/costs) so every page has a link and works with back/forward.
import { adoptTokenFromUrl } from './api.js';
import { renderCompany } from './company-view.js';
import { renderCosts } from './costs-view.js';
import { h, replaceChildren } from './dom.js';
import { renderHistory, renderResult } from './history-view.js';
import { renderHome } from './home-view.js';

const view = document.getElementById('view');

const routes = [
  { pattern: /^\/?$/, nav: 'home', render: (_match, _params, signal) => renderHome(view, signal) },
  { pattern: /^\/company\/([^/]+)$/, nav: 'home', render: (match, params, signal) => renderCompany(view, decodeURIComponent(match[1]), params, signal) },
  { pattern: /^\/history$/, nav: 'history', render: (_match, _params, signal) => renderHistory(view, signal) },
  { pattern: /^\/history\/([^/]+)$/, nav: 'history', render: (match, _params, signal) => renderResult(view, decodeURIComponent(match[1]), signal) },
  { pattern: /^\/costs$/, nav: 'costs', render: (_match, _params, signal) => renderCosts(view, signal) },
];

let current;

async function route() {
  current?.abort();
  const aborter = new AbortController();
  current = aborter;
  const hash = location.hash.replace(/^#/, '');
  const [path, query = ''] = hash.split('?', 2);
  const params = new URLSearchParams(query);
  const found = routes.map((r) => ({ r, match: r.pattern.exec(path) })).find(({ match }) => match !== null);
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (found !== undefined && link.dataset.nav === found.r.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  view.setAttribute('aria-busy', 'true');
  try {
    if (found === undefined) throw new Error(`no page at ${hash}`);
    const title = await found.r.render(found.match, params, aborter.signal);
    if (aborter.signal.aborted) return;
    document.title = `${title} · stockrisk`;
  } catch (error) {
    if (aborter.signal.aborted) return;
    document.title = 'Error · stockrisk';
    replaceChildren(
      view,
      h('h1', {}, 'Something went wrong'),
      h('p', { class: 'error', role: 'alert' }, error.message),
      error.hint ? h('p', { class: 'hint' }, error.hint) : null,
      error.status === 401 ? h('p', {}, 'Open the URL that stockrisk serve printed (it ends with #token=…).') : null,
      h('p', {}, h('a', { href: '#/' }, 'Back to the companies')),
    );
  } finally {
    if (current === aborter) view.removeAttribute('aria-busy');
  }
  view.focus({ preventScroll: true });
}

// A #token=... link may also be pasted into a tab that already shows the dashboard.
window.addEventListener('hashchange', () => {
  adoptTokenFromUrl();
  void route();
});
adoptTokenFromUrl();
void route();
