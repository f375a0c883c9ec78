// `data push` / `data pull` through the real binary against the sandbox's S3.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullFromBucket } from '../../src/data/bucket.js';
import { resolveSettings } from '../../src/settings.js';
import { S3Store } from '../../src/store/s3.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';
import { cloudCli } from './cli-fixture.js';
import { useSandbox, useSandboxEnv } from './sandbox-fixture.js';

const sandbox = useSandbox();
useSandboxEnv(sandbox);

describe('data push and pull', () => {
  it('pushes CSVs to data/<T>.csv and pulls them into an empty cache, byte for byte', async () => {
    const pusher = cloudCli(sandbox());
    const pushed = await pusher.run(['data', 'push', 'AMZN', 'aapl']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toContain(`pushed AMZN: 5935 rows, 1997-05-15 to 2020-12-11 -> s3://${sandbox().s3.bucket}/data/AMZN.csv`);

    const puller = cloudCli(sandbox());
    const pulled = await puller.run(['data', 'pull', '--json'], { STOCKRISK_DATA_DIR: undefined });
    expect(pulled.code, pulled.stderr).toBe(0);
    const summary = JSON.parse(pulled.stdout) as { ticker: string; rows: number; path: string }[];
    expect(summary.map((s) => s.ticker)).toEqual(['AAPL', 'AMZN']);
    for (const ticker of ['AAPL', 'AMZN']) {
      expect(readFileSync(join(puller.home, 'data', `${ticker}.csv`), 'utf8')).toBe(readFileSync(join(sharedDataDir, `${ticker}.csv`), 'utf8'));
    }
    // The pulled data is what the next command reads.
    const signals = await puller.run(['signals', 'AMZN', '--json'], { STOCKRISK_DATA_DIR: undefined });
    expect(signals.code, signals.stderr).toBe(0);
  });

  it('refuses a malformed object and writes nothing', async () => {
    await new S3Store(sandbox().s3.bucket).put('data/BAD.csv', 'Date,Adj Close\n2020-01-02,abc\n');
    const cli = cloudCli(sandbox());
    const run = await cli.run(['data', 'pull', 'BAD']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: s3:\/\/stockrisk-sandbox\/data\/BAD\.csv:2: /m);
    expect(existsSync(join(cli.home, 'data', 'BAD.csv'))).toBe(false);
  });

  it('names a ticker the bucket does not have', async () => {
    const run = await cloudCli(sandbox()).run(['data', 'pull', 'NOPE']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('data/NOPE.csv does not exist');
  });

  it('needs a bucket', async () => {
    const run = await cloudCli(sandbox()).run(['data', 'push', 'AMZN'], { STOCKRISK_BUCKET: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: no S3 bucket is set/m);
  });

  it('fails with exit 1 and the object named when S3 is down', async () => {
    const run = await cloudCli(sandbox()).run(['data', 'push', 'AMZN'], { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: writing s3:\/\/stockrisk-sandbox\/data\/AMZN\.csv: .*ECONNREFUSED/m);
  });

  it('lets the data lookup fall back to the bucket (pullFromBucket)', async () => {
    await new S3Store(sandbox().s3.bucket).put('data/BABA.csv', readFileSync(join(sharedDataDir, 'BABA.csv')));
    const home = tempDir();
    const settings = resolveSettings({ home, bucket: sandbox().s3.bucket }, {});
    const pulled = await pullFromBucket('BABA', settings);
    expect(pulled?.path).toBe(join(home, 'data', 'BABA.csv'));
    expect(pulled?.series.ticker).toBe('BABA');
    expect(await pullFromBucket('ZZZZ', settings)).toBeUndefined();
    expect(await pullFromBucket('BABA', resolveSettings({ home }, {}))).toBeUndefined();
  });
});
