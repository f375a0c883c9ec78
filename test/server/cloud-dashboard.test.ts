// The dashboard's VaR form on the cloud backends: `stockrisk serve` (built binary) with the
// sandbox's S3, Lambda and EC2 on 127.0.0.1. Same seed, same numbers as local; history
// shows runs stored in the bucket by others.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../browser/serve-process.js';
import { cloudCli, signalDate } from '../cloud/cli-fixture.js';
import { eventually, useSandbox } from '../cloud/sandbox-fixture.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';

const sandbox = useSandbox();
let server: ServeProcess;

beforeAll(async () => {
  const home = tempDir('stockrisk-serve-cloud-');
  writeFileSync(join(home, 'config.json'), JSON.stringify({ ec2: { pollSeconds: 1, startTimeoutSeconds: 3, healthTimeoutSeconds: 5 } }));
  server = await startServe(['--port', '0'], { ...sandbox().env, STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: sharedDataDir });
});
afterAll(async () => {
  if (server !== undefined) expect(await server.stop()).toBe(0);
});

interface Job {
  status: string;
  result?: { resultId: string; backend: string; methods: unknown; varAmount: unknown; cost: { usd: number } };
  error?: { message: string };
}

async function runOn(backend: string): Promise<Job> {
  const response = await fetch(`${server.url}/api/var`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ticker: 'AMZN', date: signalDate, backend, resources: 4, seed: 7, sims: 200_000 }),
  });
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  const events = (await (await fetch(`${server.url}/api/jobs/${jobId}/events`)).text()).split('\n\n').filter((block) => block.startsWith('event: job'));
  return JSON.parse((events.at(-1) as string).slice((events.at(-1) as string).indexOf('data: ') + 6)) as Job;
}

describe('dashboard VaR on lambda and ec2', () => {
  it('gives the local numbers on lambda and ec2 with the same seed, and leaves no instance running', async () => {
    const local = await runOn('local');
    expect(local.status).toBe('done');
    for (const backend of ['lambda', 'ec2']) {
      const cloud = await runOn(backend);
      expect(cloud.status, JSON.stringify(cloud.error)).toBe('done');
      expect(cloud.result?.backend).toBe(backend);
      expect(cloud.result?.methods).toEqual(local.result?.methods);
      expect(cloud.result?.varAmount).toEqual(local.result?.varAmount);
      expect(cloud.result?.cost.usd).toBeGreaterThan(0);
    }
    await eventually(() => sandbox().instanceIds.every((id) => sandbox().ec2.state(id) === 'stopped'));
    const costs = (await (await fetch(`${server.url}/api/costs`)).json()) as { groups: { backend: string; resources: number }[] };
    expect(costs.groups.map((g) => `${g.backend}/${g.resources}`)).toEqual(['ec2/4', 'lambda/4', 'local/4']);
  });

  it('lists and opens runs that another machine stored in the bucket', async () => {
    const other = cloudCli(sandbox());
    const run = await other.run(['var', 'AMZN', '--date', signalDate, '--sims', '1000', '-r', '1', '--seed', '3', '--method', 'historical', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { resultId } = JSON.parse(run.stdout) as { resultId: string };
    const listed = (await (await fetch(`${server.url}/api/results`)).json()) as { resultId: string }[];
    expect(listed.map((r) => r.resultId)).toContain(resultId);
    const one = await fetch(`${server.url}/api/results/${resultId}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { resultId: string }).resultId).toBe(resultId);
  });

  it('stops the EC2 instances a run started when the server is stopped in the middle of it', async () => {
    const home = tempDir('stockrisk-serve-cloud-');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ ec2: { pollSeconds: 1, startTimeoutSeconds: 3, healthTimeoutSeconds: 5 } }));
    const stopping = await startServe(['--port', '0'], { ...sandbox().env, STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: sharedDataDir });
    const response = await fetch(`${stopping.url}/api/var`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticker: 'AMZN', date: signalDate, backend: 'ec2', resources: 2, seed: 7, sims: 1_000_000_000, methods: ['mc'] }),
    });
    expect(response.status).toBe(202);
    await eventually(() => sandbox().instanceIds.some((id) => sandbox().ec2.state(id) === 'running'), 15_000);
    expect(await stopping.stop()).toBe(0);
    expect(sandbox().instanceIds.every((id) => sandbox().ec2.state(id) === 'stopped')).toBe(true);
  });
});
