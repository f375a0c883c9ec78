// What the lambda and ec2 backends need from whoever creates them (the CLI's flags are
// parsed into this by src/cli/cloud-flags.ts), and the cost function of a run.
import type { BackendUsage } from '../ports.js';
import type { Settings } from '../settings.js';
import type { CostGuard } from './cost/cost-guard.js';
import { costOf, type RunCost } from './cost/cost-of.js';
import { priceTableFrom } from './cost/price-table.js';

/** Everything the lambda and ec2 backends need from the command and its context. */
export interface CloudBackendOptions {
  readonly settings: Settings;
  readonly env: NodeJS.ProcessEnv;
  /** Ctrl-C / SIGTERM: in-flight work is abandoned and started instances stopped. */
  readonly signal: AbortSignal;
  /** Progress and start/stop lines for humans (stderr). */
  readonly log: (line: string) => void;
  /** A terminal is attached: the estimated cost is confirmed unless `yes`. */
  readonly interactive: boolean;
  readonly functionName: string | undefined;
  readonly instanceIds: readonly string[] | undefined;
  readonly instanceType: string | undefined;
  readonly maxCostUsd: number;
  readonly yes: boolean;
  /** One guard shared by every backend of a command (compare), so --max-cost bounds their sum. */
  readonly costGuard?: CostGuard;
}

/**
 * The cost of a finished run, priced with the (possibly overridden) price table: its
 * compute, plus the one PUT that stores its result when a bucket is set.
 */
export function runCostFunction(settings: Settings): (usage: BackendUsage) => RunCost {
  const prices = priceTableFrom(settings.config);
  const requests = settings.bucket === undefined ? {} : { s3Puts: 1 };
  return (usage) => costOf(usage, prices, requests);
}
