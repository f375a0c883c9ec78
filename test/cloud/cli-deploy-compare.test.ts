// `deploy lambda`, `deploy ec2` and `compare` through the real binary against the sandbox.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths.js';
import { cloudCli, signalDate } from './cli-fixture.js';
import { eventually, useSandbox, useSandboxEnv } from './sandbox-fixture.js';

const sandbox = useSandbox();
useSandboxEnv(sandbox);

describe('deploy lambda', () => {
  it('needs --role to create a function', async () => {
    const run = await cloudCli(sandbox()).run(['deploy', 'lambda', '--function-name', 'needs-role']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('creating it needs --role');
  });

  it('creates, then updates, a function that then computes shards', async () => {
    const cli = cloudCli(sandbox());
    const role = 'arn:aws:iam::000000000000:role/stockrisk-lambda';
    const created = await cli.run(['deploy', 'lambda', '--function-name', 'var-test', '--role', role, '--memory', '1024', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      action: 'created',
      functionName: 'var-test',
      runtime: 'nodejs22.x',
      architecture: 'arm64',
      memoryMb: 1024,
      timeoutSeconds: 300,
      state: 'Active',
    });
    const updated = await cli.run(['deploy', 'lambda', '--function-name', 'var-test', '--timeout', '60', '--arch', 'x86_64', '--json']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ action: 'updated', memoryMb: 1024, timeoutSeconds: 60, architecture: 'x86_64' });

    const run = await cli.run([
      'var',
      'AMZN',
      '--date',
      signalDate,
      '--backend',
      'lambda',
      '--function-name',
      'var-test',
      '-r',
      '2',
      '--seed',
      '3',
      '--sims',
      '50000',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).cost.detail).toContain('1024 MB, x86_64');
  });

  it('rejects bad values before touching AWS', async () => {
    const run = await cloudCli(sandbox()).run(['deploy', 'lambda', '--memory', '64']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--memory must be an integer in 128..10240');
  });
});

describe('deploy ec2', () => {
  it('writes the worker bundle, systemd unit, environment and user data, and uploads the bundle', async () => {
    const out = join(tempDir(), 'worker');
    const run = await cloudCli(sandbox()).run(['deploy', 'ec2', '--out', out, '--token', 'a-token-of-sixteen-chars', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { files: string[]; uploaded: string };
    for (const file of summary.files) expect(existsSync(join(out, file))).toBe(true);
    expect(summary.uploaded).toBe(`s3://${sandbox().s3.bucket}/worker/`);
    expect(readFileSync(join(out, 'stockrisk-worker.env'), 'utf8')).toContain('STOCKRISK_WORKER_TOKEN=a-token-of-sixteen-chars');
    expect(readFileSync(join(out, 'user-data.sh'), 'utf8')).toContain(`aws s3 cp --recursive s3://${sandbox().s3.bucket}/worker/ /opt/stockrisk-worker/`);
    expect(readFileSync(join(out, 'stockrisk-worker.service'), 'utf8')).toContain('/opt/stockrisk-worker/server.js');
  });
});

describe('compare', () => {
  it('runs the same seeded VaR on every backend and finds the results identical', async () => {
    const run = await cloudCli(sandbox()).run(['compare', 'AMZN', '--date', signalDate, '-r', '3', '--seed', '11', '--sims', '100000', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      identical: boolean;
      runs: { backend: string; identical: boolean; startupMs: number | null; cost: { usd: number } }[];
    };
    expect(report.identical).toBe(true);
    expect(report.runs.map((r) => r.backend)).toEqual(['local', 'lambda', 'ec2']);
    expect(report.runs.every((r) => r.identical)).toBe(true);
    expect(report.runs[2]?.startupMs).toBeGreaterThanOrEqual(0);
    // Local compute is free; storing the result in the bucket is one S3 PUT ($0.005 per 1,000).
    expect(report.runs[0]?.cost.usd).toBeCloseTo(0.000005, 12);
    await eventually(() => sandbox().instanceIds.every((id) => sandbox().ec2.state(id) === 'stopped'));
  });

  it('holds --max-cost for the sum of the backends compared, not for each one', async () => {
    const cli = cloudCli(sandbox());
    const args = ['compare', 'AMZN', '--date', signalDate, '-r', '3', '--seed', '11', '--sims', '100000', '--max-cost', '0.0007'];
    // EC2 alone (two t3.small for their 60 s minimum, about $0.00069) fits under $0.0007 ...
    const ec2Alone = await cli.run([...args, '--backends', 'ec2']);
    expect(ec2Alone.code, ec2Alone.stderr).toBe(0);
    // ... but not after Lambda's share of the same comparison.
    const both = await cli.run([...args, '--backends', 'lambda,ec2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/error: estimated cost \$0\.00069 on ec2 \(\$0\.000\d+ with the runs before it\) is over the limit of \$0\.00070/);
    await eventually(() => sandbox().instanceIds.every((id) => sandbox().ec2.state(id) === 'stopped'));
  });
});
