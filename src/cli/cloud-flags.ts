// The command-line face of the cloud backends, so commands (var, compare) add and read
// them in one line each: `addCloudOptions(command)`, then
// `createBackend(name, cloudBackendOptions(flags, ctx, settings))`. Light: no AWS SDK is
// loaded until a backend is made. (--concurrency is a var flag; runVar passes it on.)
import type { Command } from 'commander';
import type { CloudBackendOptions } from '../backends/cloud-options.js';
import { defaultMaxCostUsd } from '../backends/cost/cost-guard.js';
import { UsageError } from '../core/errors.js';
import type { Settings } from '../settings.js';
import type { CliContext } from './context.js';

/** The flags as commander hands them over. */
export interface CloudFlags {
  readonly functionName?: string;
  readonly instanceIds?: string;
  readonly instanceType?: string;
  readonly maxCost?: string;
  readonly yes?: boolean;
}

export function addCloudOptions(command: Command): Command {
  return command
    .option('--function-name <name>', 'Lambda function for --backend lambda (env STOCKRISK_LAMBDA_FUNCTION; default stockrisk-var)')
    .option('--instance-ids <ids>', 'EC2 instances for --backend ec2, comma-separated (default: those tagged stockrisk=worker)')
    .option('--instance-type <type>', 'use only EC2 instances of this type (e.g. c7g.large)')
    .option('--max-cost <usd>', `refuse a cloud run estimated to cost more than this (USD, default ${defaultMaxCostUsd})`)
    .option('--yes', 'do not ask to confirm the estimated cost of a cloud run');
}

export function cloudBackendOptions(flags: CloudFlags, ctx: CliContext, settings: Settings): CloudBackendOptions {
  return {
    settings,
    env: ctx.env,
    signal: ctx.signal,
    log: (line) => ctx.stderr.write(`${line}\n`),
    interactive: ctx.interactive,
    functionName: flags.functionName === undefined ? undefined : functionName(flags.functionName),
    instanceIds: flags.instanceIds === undefined ? undefined : instanceIds(flags.instanceIds),
    instanceType: flags.instanceType === undefined ? undefined : instanceType(flags.instanceType),
    maxCostUsd: flags.maxCost === undefined ? defaultMaxCostUsd : maxCost(flags.maxCost),
    yes: flags.yes === true,
  };
}

function functionName(text: string): string {
  // A name, or a full/partial ARN (what Lambda's API accepts).
  if (!/^[A-Za-z0-9_:.-]{1,170}$/.test(text)) throw new UsageError(`invalid --function-name ${JSON.stringify(text)}`);
  return text;
}

function instanceIds(text: string): string[] {
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const bad = ids.find((id) => !/^i-[0-9a-z]{1,32}$/.test(id));
  if (ids.length === 0 || bad !== undefined) {
    throw new UsageError(`invalid --instance-ids ${JSON.stringify(bad ?? text)}`, { hint: 'instance ids look like i-0123456789abcdef0, comma-separated' });
  }
  return [...new Set(ids)];
}

function instanceType(text: string): string {
  if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(text)) throw new UsageError(`invalid --instance-type ${JSON.stringify(text)}`, { hint: 'e.g. c7g.large' });
  return text;
}

function maxCost(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--max-cost must be a number of USD >= 0, got ${JSON.stringify(text)}`);
  return value;
}
