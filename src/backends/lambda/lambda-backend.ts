// ComputeBackend on AWS Lambda: every shard is one invocation of the deployed function
// (lambda/handler.ts), up to `concurrency` in flight at once. Before the first
// invocation it reads the function's configuration (memory, architecture, timeout) for
// the cost estimate, which the cost guard checks against --max-cost.

import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { toCloudError } from '../../aws/cloud-error.js';
import { lambdaClient, lambdaControlClient, maxInvocationsInFlight } from '../../aws/lambda-client.js';
import { NotFoundError } from '../../core/errors.js';
import type { ShardTask } from '../../core/shard/protocol.js';
import type { BackendRunOptions, BackendUsage, ComputeBackend, ShardOutcome } from '../../ports.js';
import { cancelled, defaultRetryPolicy, type RetryPolicy } from '../cloud-retry.js';
import type { CostGuard } from '../cost/cost-guard.js';
import { estimateLambdaCost } from '../cost/estimate.js';
import { isFirstRound, plannedWork } from '../cost/planned-work.js';
import { defaultPriceTable, type PriceTable } from '../cost/price-table.js';
import { fanOutFailFast } from '../fan-out.js';
import { invokeShard } from './invoke-shard.js';

export interface LambdaBackendOptions {
  readonly functionName: string;
  /** Invokes the function (makes one attempt per call: retries are ours). */
  readonly client?: LambdaClient;
  /** Reads the function's configuration, with the SDK's retries; defaults to `client` when that is given. */
  readonly controlClient?: LambdaClient;
  /** Most invocations in flight; defaults to one per shard, up to 1000. */
  readonly concurrency?: number;
  readonly retry?: RetryPolicy;
  /** Per-attempt timeout; defaults to the function's own timeout plus 30 s. */
  readonly attemptTimeoutMs?: number;
  readonly costGuard?: CostGuard;
  readonly prices?: PriceTable;
}

interface FunctionFacts {
  readonly memoryMb: number;
  readonly architecture: 'arm64' | 'x86_64';
  readonly timeoutSeconds: number;
}

export class LambdaBackend implements ComputeBackend {
  readonly name = 'lambda';
  readonly #options: LambdaBackendOptions;
  readonly #client: LambdaClient;
  readonly #controlClient: LambdaClient;
  #facts: FunctionFacts | undefined;
  #invocations = 0;
  #billedMs = 0;

  constructor(options: LambdaBackendOptions) {
    this.#options = options;
    this.#client = options.client ?? lambdaClient();
    this.#controlClient = options.controlClient ?? options.client ?? lambdaControlClient();
  }

  async run(tasks: readonly ShardTask[], options: BackendRunOptions = {}): Promise<ShardOutcome[]> {
    const signal = options.signal ?? new AbortController().signal;
    if (signal.aborted) throw cancelled(signal);
    const facts = await this.#functionFacts(signal);
    // Every VaR is checked (many may share this backend); its refining rounds are in its estimate.
    if (this.#options.costGuard !== undefined && isFirstRound(tasks)) {
      await this.#options.costGuard('lambda', estimateLambdaCost(plannedWork(tasks), facts, this.#options.prices ?? defaultPriceTable));
    }

    const concurrency = options.concurrency ?? this.#options.concurrency ?? Math.min(tasks.length, maxInvocationsInFlight);
    const attemptTimeoutMs = this.#options.attemptTimeoutMs ?? (facts.timeoutSeconds + 30) * 1000;
    const policy = this.#options.retry ?? defaultRetryPolicy;
    const functionName = this.#options.functionName;
    // One failed shard ends the run: the others' invocations are abandoned, not awaited.
    return fanOutFailFast(tasks, concurrency, signal, async (task, index, runSignal): Promise<ShardOutcome> => {
      const started = performance.now();
      const shard = await invokeShard(task, {
        client: this.#client,
        functionName,
        policy,
        attemptTimeoutMs,
        signal: runSignal,
        onBilled: (billedMs) => {
          this.#invocations += 1;
          this.#billedMs += billedMs;
        },
      });
      const outcome: ShardOutcome = {
        result: shard.result,
        ms: Math.round(performance.now() - started),
        attempts: shard.attempts,
        billedMs: shard.billedMs,
        worker: functionName,
      };
      options.onShardDone?.(index, outcome);
      return outcome;
    });
  }

  usage(): BackendUsage {
    return {
      backend: this.name,
      invocations: this.#invocations,
      billedMs: this.#billedMs,
      ...(this.#facts === undefined ? {} : { memoryMb: this.#facts.memoryMb, architecture: this.#facts.architecture }),
    };
  }

  async close(): Promise<void> {
    // Nothing is held between runs: invocations end with their requests.
  }

  async #functionFacts(signal: AbortSignal): Promise<FunctionFacts> {
    if (this.#facts !== undefined) return this.#facts;
    const name = this.#options.functionName;
    try {
      const config = await this.#controlClient.send(new GetFunctionConfigurationCommand({ FunctionName: name }), { abortSignal: signal });
      this.#facts = {
        memoryMb: config.MemorySize ?? 128,
        architecture: config.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
        timeoutSeconds: config.Timeout ?? 3,
      };
      return this.#facts;
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') {
        throw new NotFoundError(`Lambda function ${name} does not exist`, {
          hint: `deploy it: stockrisk deploy lambda --function-name ${name} --role <execution role ARN>`,
        });
      }
      throw toCloudError(error, `reading the configuration of Lambda function ${name}`);
    }
  }
}
