// VaR runs through the API of the real built server (worker threads, results archive),
// followed over a real socket with server-sent events, and compared with `stockrisk var`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../browser/serve-process.js';
import { runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';
import { VAR_DETERMINISTIC_KEYS } from '../helpers/var-contract.js';

let server: ServeProcess;

beforeAll(async () => {
  server = await startServe(['--port', '0'], { STOCKRISK_HOME: tempDir(), STOCKRISK_DATA_DIR: sharedDataDir });
});
afterAll(async () => {
  if (server !== undefined) expect(await server.stop()).toBe(0);
});

interface JobEvent {
  status: string;
  progress: { done: number; total: number };
  result?: Record<string, unknown> & { resultId: string };
  error?: { message: string };
}

async function post(body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/var`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** Every event of the job's SSE stream, read until the server closes it. */
async function events(jobId: string): Promise<JobEvent[]> {
  const response = await fetch(`${server.url}/api/jobs/${jobId}/events`);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: job'))
    .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as JobEvent);
}

async function signalDate(action: 'buy' | 'sell'): Promise<string> {
  const report = (await (await fetch(`${server.url}/api/signals/AMZN?window=20`)).json()) as { signals: { date: string; action: string }[] };
  return (report.signals.filter((s) => s.action === action).at(-1) as { date: string }).date;
}

describe('VaR through the dashboard API', () => {
  it('gives the numbers `stockrisk var --json` gives for the same inputs, streams progress, and stores the run', async () => {
    const date = await signalDate('sell');
    const response = await post({
      ticker: 'AMZN',
      date,
      sims: 20_000,
      resources: 2,
      seed: 7,
      confidence: [95, 97.5],
      methods: ['mc', 'historical', 'parametric', 'cornish-fisher'],
    });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const stream = await events(jobId);
    const last = stream.at(-1) as JobEvent;
    expect(last.status).toBe('done');
    expect(last.progress.total).toBeGreaterThanOrEqual(2);
    const result = last.result as Record<string, unknown> & { resultId: string };

    const cli = await runCli(
      ['var', 'AMZN', '--date', date, '--sims', '20000', '-r', '2', '--seed', '7', '--confidence', '95,97.5', '--method', 'all', '--json'],
      {
        STOCKRISK_HOME: tempDir(),
        STOCKRISK_DATA_DIR: sharedDataDir,
      },
    );
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as Record<string, unknown>;
    for (const key of VAR_DETERMINISTIC_KEYS) expect(result[key], key).toEqual(expected[key]);

    const history = (await (await fetch(`${server.url}/api/results`)).json()) as { resultId: string }[];
    expect(history.map((r) => r.resultId)).toContain(result.resultId);
    expect(await (await fetch(`${server.url}/api/results/${result.resultId}`)).json()).toEqual(result);
    const costs = (await (await fetch(`${server.url}/api/costs`)).json()) as { groups: { backend: string; resources: number; runs: number }[] };
    expect(costs.groups).toContainEqual(expect.objectContaining({ backend: 'local', resources: 2 }));
  });

  it('runs a date that is not a signal once a position is given', async () => {
    const response = await post({ ticker: 'AMZN', date: '2020-03-24', position: 'long', sims: 1000, resources: 1, seed: 1, methods: ['historical'] });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const job = (await events(jobId)).at(-1) as JobEvent;
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ date: '2020-03-24', position: 'long', action: null });
  });
});
