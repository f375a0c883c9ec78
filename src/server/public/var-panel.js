// The VaR form (a modal <dialog>) opened from a signal row, the run's live progress, and
// its result, shown in the company view's "VaR run" section.
import { followJob, postJson } from './api.js';
import { h, replaceChildren } from './dom.js';
import { price } from './format.js';
import { varResultView } from './var-result.js';

let running;

/** Open the form for the signal `row` of `report`; the run is shown in `section`. */
export function openVarDialog(opener, { report, row }, section) {
  const dialog = document.getElementById('var-dialog');
  const form = document.getElementById('var-form');
  const error = document.getElementById('var-form-error');
  const position = row.action === 'buy' ? 'long' : 'short';
  document.getElementById('var-dialog-subject').textContent =
    `${report.ticker} on ${row.date}: ${position} ${report.shares} shares at ${price(row.close)} (${row.action} signal, MA ${report.window})`;
  error.hidden = true;

  form.onsubmit = (event) => {
    event.preventDefault();
    const request = readForm(form, { report, row });
    if (typeof request === 'string') {
      error.textContent = request;
      error.hidden = false;
      return;
    }
    dialog.close();
    void runVar(request, section);
  };
  form.querySelector('[data-close]').onclick = () => dialog.close();
  dialog.addEventListener('close', () => opener.focus(), { once: true });
  dialog.showModal();
  form.elements.backend.focus();
}

/** The request for POST /api/var, or a message saying what to fix. */
function readForm(form, { report, row }) {
  const fields = form.elements;
  const whole = (name, label, min) => {
    const text = fields[name].value.trim();
    if (!/^\d+$/.test(text) || Number(text) < min) return `${label} must be a whole number of at least ${min}`;
    return Number(text);
  };
  const resources = whole('resources', 'Resources R', 1);
  const history = whole('history', 'History', 2);
  const sims = whole('sims', 'Simulations', 1);
  for (const value of [resources, history, sims]) if (typeof value === 'string') return value;
  const confidence = fields.confidence.value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (confidence.length === 0 || confidence.some((part) => !/^\d+(\.\d+)?$/.test(part) || Number(part) <= 0 || Number(part) >= 100)) {
    return 'Confidence levels must be numbers between 0 and 100, e.g. 95,99';
  }
  const methods = [...form.querySelectorAll('input[name="methods"]:checked')].map((input) => input.value);
  if (methods.length === 0) return 'Choose at least one method';
  const request = {
    ticker: report.ticker,
    date: row.date,
    window: report.window,
    price: report.price,
    shares: report.shares,
    backend: fields.backend.value,
    resources,
    history,
    sims,
    confidence: confidence.map(Number),
    methods,
  };
  const seed = fields.seed.value.trim();
  if (seed !== '') {
    if (!/^\d+$/.test(seed)) return 'Seed must be a whole number';
    request.seed = Number(seed);
  }
  return request;
}

async function runVar(request, section) {
  running?.abort();
  const aborter = new AbortController();
  running = aborter;
  const title = h('h2', { id: 'var-run-title', tabindex: '-1' }, `VaR of ${request.ticker} at ${request.date}`);
  const bar = h('progress', { max: '1', value: '0', 'aria-labelledby': 'var-run-title' });
  const status = h('p', { role: 'status', class: 'status' }, 'Submitting…');
  const body = h('div', { class: 'var-body' });
  section.hidden = false;
  replaceChildren(section, title, bar, status, body);
  title.focus();
  section.scrollIntoView({ block: 'start' });

  try {
    const { jobId } = await postJson('/api/var', request);
    const job = await followJob(
      jobId,
      (update) => {
        const { done, total } = update.progress;
        if (total > 0) {
          bar.max = total;
          bar.value = done;
        }
        status.textContent =
          update.status === 'queued' ? 'Waiting in the queue…' : update.status === 'running' ? `Running: ${done} of ${total || '?'} shards done` : '';
      },
      aborter.signal,
    );
    if (job.status === 'failed') throw new Error(job.error?.message ?? 'the run failed');
    bar.remove();
    status.textContent = `Done in ${(job.result.elapsedMs / 1000).toFixed(3)} s.`;
    const view = varResultView(job.result);
    replaceChildren(body, view.elements);
    await view.drawCharts();
  } catch (error) {
    if (aborter.signal.aborted) return;
    bar.remove();
    status.textContent = '';
    replaceChildren(body, h('p', { class: 'error', role: 'alert' }, `VaR failed: ${error.message}`), error.hint ? h('p', { class: 'hint' }, error.hint) : null);
  }
}
