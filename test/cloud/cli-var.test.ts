// `stockrisk var` through the real binary and real SDK clients against the sandbox:
// every backend gives the same numbers, results land in the bucket, instances end
// stopped, and each fault the issue names is survived or reported as it should be.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { S3Store } from '../../src/store/s3.js';
import { binPath, repoRoot } from '../helpers/paths.js';
import { cloudCli, signalDate } from './cli-fixture.js';
import { eventually, useSandbox, useSandboxEnv } from './sandbox-fixture.js';

const sandbox = useSandbox();
useSandboxEnv(sandbox);

interface VarJson {
  resultId: string;
  backend: string;
  methods: Record<string, unknown>;
  shards: { id: number; attempts: number }[];
  cost: { usd: number; detail: string };
}

function stoppedEverywhere(): boolean {
  return sandbox().instanceIds.every((id) => sandbox().ec2.state(id) === 'stopped');
}

async function varRun(backend: string, extra: string[] = [], env: Record<string, string | undefined> = {}) {
  const cli = cloudCli(sandbox());
  const run = await cli.run(['var', 'AMZN', '--date', signalDate, '--backend', backend, '-r', '4', '--seed', '7', '--sims', '200000', '--json', ...extra], env);
  return { cli, run };
}

describe('stockrisk var on the cloud backends', () => {
  it('gives bit-identical numbers on local, lambda and ec2, stores each result in the bucket, leaves no instance running', async () => {
    const results: VarJson[] = [];
    for (const backend of ['local', 'lambda', 'ec2']) {
      const { run } = await varRun(backend);
      expect(run.stderr).not.toContain('NodeVersionSupportWarning');
      expect(run.code, run.stderr).toBe(0);
      results.push(JSON.parse(run.stdout) as VarJson);
    }
    const [local, lambda, ec2] = results as [VarJson, VarJson, VarJson];
    expect(lambda.methods).toEqual(local.methods);
    expect(ec2.methods).toEqual(local.methods);
    expect(results.map((r) => r.backend)).toEqual(['local', 'lambda', 'ec2']);
    expect(lambda.cost.usd).toBeGreaterThan(0);
    expect(ec2.cost.detail).toContain('t3.small');
    const keys = await new S3Store(sandbox().s3.bucket).list('results/AMZN/');
    for (const result of results) expect(keys).toContain(`results/AMZN/${result.resultId}.json`);
    await eventually(stoppedEverywhere);
  });

  it('prices each result of a multi-date run by its own use, so the costs add up (Lambda and EC2)', async () => {
    const cli = cloudCli(sandbox());
    const multiDate = (backend: string) =>
      cli.run([
        'var',
        'AMZN',
        '--date',
        `${signalDate},2020-03-24,2020-03-25`,
        '--position',
        'long',
        '--backend',
        backend,
        '-r',
        '2',
        '--sims',
        '20000',
        '--seed',
        '1',
        '--json',
      ]);
    const lambda = await multiDate('lambda');
    expect(lambda.code, lambda.stderr).toBe(0);
    // One round of 2 shards per date: 2 invocations each, not 2, 4, 6.
    for (const result of JSON.parse(lambda.stdout) as VarJson[]) expect(result.cost.detail).toContain('Lambda 2 invocations');
    const ec2 = await multiDate('ec2');
    expect(ec2.code, ec2.stderr).toBe(0);
    const [first, ...later] = JSON.parse(ec2.stdout) as VarJson[];
    // The first run pays the two instances' 60-second minimum; the later ones only their own seconds.
    expect(first?.cost.detail).toContain('EC2 120 s of t3.small');
    for (const result of later) expect(result.cost.usd).toBeLessThan((first?.cost.usd ?? 0) / 10);
    await eventually(stoppedEverywhere);
  });

  it('retries a Lambda shard that fails once (attempts = 2) and still gives the same numbers', async () => {
    const reference = JSON.parse((await varRun('local')).run.stdout) as VarJson;
    sandbox().lambda.faults.failNext = 1;
    const { run } = await varRun('lambda', ['--concurrency', '1']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as VarJson;
    expect(result.methods).toEqual(reference.methods);
    expect(result.shards.map((s) => s.attempts)).toEqual([2, 1, 1, 1]);
  });

  it('rides out Lambda throttling (429)', async () => {
    sandbox().lambda.faults.throttleNext = 2;
    const { run } = await varRun('lambda', ['--concurrency', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as VarJson).shards[0]?.attempts).toBe(3);
  });

  it('fails with exit 1 when a Lambda shard exhausts its retries', async () => {
    sandbox().lambda.faults.failNext = 1000;
    const { run } = await varRun('lambda');
    sandbox().lambda.faults.failNext = 0;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: a shard failed 4 times on Lambda stockrisk-var/m);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'worker' } });
  });

  it('survives an EC2 worker that dies mid-run and stops every instance it started', async () => {
    const reference = JSON.parse((await varRun('local')).run.stdout) as VarJson;
    sandbox().ec2.faults.killWorkerOnNextShards = 1;
    const { run } = await varRun('ec2');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as VarJson;
    expect(result.methods).toEqual(reference.methods);
    expect(result.shards.some((s) => s.attempts === 2)).toBe(true);
    expect(run.stderr).toContain('stopped answering');
    await eventually(stoppedEverywhere);
  });

  it('fails clearly when an instance never reaches running, exit 1, nothing left running', async () => {
    sandbox().ec2.faults.neverRunning = true;
    const { run } = await varRun('ec2');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: EC2 instance\(s\) .* did not reach "running" within 3 s/m);
    expect(run.stderr).toMatch(/stopping i-0sandbox00000001 .*start-up failed/);
    await eventually(stoppedEverywhere);
  });

  it('stops the instances it started when interrupted with Ctrl-C (SIGINT)', async () => {
    const cli = cloudCli(sandbox());
    const child = spawn(
      process.execPath,
      [binPath, 'var', 'AMZN', '--date', signalDate, '--backend', 'ec2', '-r', '2', '--seed', '7', '--sims', '2e9', '--method', 'mc'],
      { cwd: repoRoot, env: { PATH: process.env.PATH, NO_COLOR: '1', ...cli.env() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await eventually(() => stderr.includes('running with a healthy worker'), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sandbox().ec2.state(sandbox().instanceIds[0] as string)).toBe('running');
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(1);
    expect(stderr).toContain('interrupted');
    expect(stderr).toMatch(/stopping i-0sandbox00000001 .*interrupted/);
    await eventually(stoppedEverywhere);
  });

  it('keeps the result locally and says so when S3 is down', async () => {
    const { cli, run } = await varRun('local', [], { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as VarJson;
    expect(run.stderr).toMatch(new RegExp(`result ${result.resultId} kept locally, not uploaded to s3://${sandbox().s3.bucket}`));
    expect(readdirSync(join(cli.home, 'results', 'AMZN'))).toEqual([`${result.resultId}.json`]);
  });

  it('refuses a run whose estimate exceeds --max-cost before starting anything', async () => {
    const before = sandbox().lambda.invocations();
    const { run } = await varRun('lambda', ['--max-cost', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: estimated cost \$\S+ on lambda is over the limit of \$0/m);
    expect(sandbox().lambda.invocations()).toBe(before);
    const ec2 = await varRun('ec2', ['--max-cost', '0.0001']);
    expect(ec2.run.code).toBe(2);
    expect(
      sandbox()
        .ec2.history(sandbox().instanceIds[0] as string)
        .at(-1),
    ).toBe('stopped');
  });

  it('never overwrites a stored result: every run gets its own object', async () => {
    const first = JSON.parse((await varRun('local')).run.stdout) as VarJson;
    const second = JSON.parse((await varRun('local')).run.stdout) as VarJson;
    expect(second.resultId).not.toBe(first.resultId);
    const store = new S3Store(sandbox().s3.bucket);
    const stored = JSON.parse(new TextDecoder().decode(await store.get(`results/AMZN/${first.resultId}.json`))) as VarJson;
    expect(stored.resultId).toBe(first.resultId);
  });
});
