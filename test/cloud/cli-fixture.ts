// Running the real CLI binary against the sandbox: a fresh $STOCKRISK_HOME per test
// (with fast EC2 polling in its config.json) and the sandbox's environment.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import { type CliRun, runCli } from '../helpers/cli.js';
import { sharedDataDir, tempDir } from '../helpers/paths.js';

export interface CloudCli {
  readonly home: string;
  run(args: readonly string[], env?: Record<string, string | undefined>): Promise<CliRun>;
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
}

export function cloudCli(sandbox: Sandbox, config: Record<string, unknown> = {}): CloudCli {
  const home = tempDir('stockrisk-cloud-');
  writeFileSync(join(home, 'config.json'), JSON.stringify({ ec2: { pollSeconds: 1, startTimeoutSeconds: 3, healthTimeoutSeconds: 5 }, ...config }));
  const env = (extra: Record<string, string | undefined> = {}) => ({
    ...sandbox.env,
    STOCKRISK_HOME: home,
    STOCKRISK_DATA_DIR: sharedDataDir,
    ...extra,
  });
  return { home, env, run: (args, extra = {}) => runCli(args, env(extra)) };
}

/** AMZN's buy signal at the default window (20): the position is long. */
export const signalDate = '2020-03-23';
