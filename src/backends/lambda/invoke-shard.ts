// One shard on Lambda: invoke, and retry what is worth retrying — throttling (429),
// service errors (5xx), function errors (a crashed or timed-out invocation returns 200
// with FunctionError set, not an exception), network failures and our own per-attempt
// timeout — with backoff and full jitter, up to the policy's attempts. Anything else
// (no such function, access denied, bad request) fails at once.
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import { httpStatusOf, toCloudError } from '../../aws/cloud-error.js';
import { WorkerError } from '../../core/errors.js';
import { parseShardResult, type ShardResult, type ShardTask } from '../../core/shard/protocol.js';
import { backoffDelayMs, cancelled, type RetryPolicy, sleep } from '../cloud-retry.js';
import { parseReportLine } from './report-line.js';

export interface InvokeShardOptions {
  readonly client: LambdaClient;
  readonly functionName: string;
  readonly policy: RetryPolicy;
  /** Longest one attempt may take before it is abandoned and retried. */
  readonly attemptTimeoutMs: number;
  readonly signal: AbortSignal;
  /** Called for every attempt that reached the function (it is billed), with its billed ms; for one abandoned at our timeout, the ms we waited. */
  readonly onBilled: (billedMs: number) => void;
}

export interface InvokedShard {
  readonly result: ShardResult;
  readonly attempts: number;
  readonly billedMs: number;
}

/** An attempt's failure and whether another attempt might succeed. */
class AttemptFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly sdkError?: unknown,
    /** The function itself failed: its logs say why. */
    readonly inFunction = false,
    /** The handler refused the task as invalid. */
    readonly taskRejected = false,
  ) {
    super(message);
  }
}

export async function invokeShard(task: ShardTask, options: InvokeShardOptions): Promise<InvokedShard> {
  const payload = new TextEncoder().encode(JSON.stringify(task));
  let billedTotal = 0;
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) throw cancelled(options.signal);
    try {
      const { result, billedMs } = await invokeOnce(task, payload, options);
      billedTotal += billedMs;
      return { result, attempts: attempt, billedMs: billedTotal };
    } catch (error) {
      if (options.signal.aborted) throw cancelled(options.signal);
      const failure = error instanceof AttemptFailure ? error : new AttemptFailure(String(error), false, error);
      if (!failure.retryable) {
        if (failure.taskRejected) {
          throw new WorkerError(`Lambda ${options.functionName} rejected the shard task: ${failure.message}`, {
            hint: 'the function was deployed from another stockrisk version: run stockrisk deploy lambda',
          });
        }
        throw failure.sdkError === undefined ? new WorkerError(failure.message) : toCloudError(failure.sdkError, `invoking ${options.functionName}`);
      }
      if (attempt >= options.policy.maxAttempts) {
        throw new WorkerError(`a shard failed ${attempt} times on Lambda ${options.functionName}: ${failure.message}`, {
          hint: failure.inFunction
            ? `see the function's logs in CloudWatch; \`stockrisk deploy lambda\` can raise its --memory or --timeout`
            : 'check the network, AWS_REGION and AWS_ENDPOINT_URL_LAMBDA',
        });
      }
      await sleep(backoffDelayMs(options.policy, attempt), options.signal);
    }
  }
}

async function invokeOnce(task: ShardTask, payload: Uint8Array, options: InvokeShardOptions): Promise<{ result: ShardResult; billedMs: number }> {
  const attemptSignal = AbortSignal.any([options.signal, AbortSignal.timeout(options.attemptTimeoutMs)]);
  const started = performance.now();
  let response: InvokeCommandOutput;
  try {
    response = await options.client.send(new InvokeCommand({ FunctionName: options.functionName, Payload: payload, LogType: 'Tail' }), {
      abortSignal: attemptSignal,
    });
  } catch (error) {
    if (options.signal.aborted) throw cancelled(options.signal);
    if (attemptSignal.aborted) {
      // The abandoned invocation still runs, and is billed, on Lambda: count at least the time we waited.
      options.onBilled(Math.ceil(performance.now() - started));
      throw new AttemptFailure(`no answer within ${Math.round(options.attemptTimeoutMs / 1000)} s`, true, error);
    }
    throw new AttemptFailure(describeSdkError(error), isRetryable(error), error);
  }
  const measuredMs = Math.ceil(performance.now() - started);
  const billedMs = parseReportLine(response.LogResult)?.billedMs ?? measuredMs;
  options.onBilled(billedMs);
  const text = new TextDecoder().decode(response.Payload ?? new Uint8Array());
  if (response.FunctionError !== undefined) {
    // The handler refusing the task itself (UsageError from parseShardTask: a function built
    // from another stockrisk version) fails the same way every time: no retry.
    const rejected = functionErrorType(text) === 'UsageError';
    throw new AttemptFailure(`function error (${response.FunctionError}): ${functionErrorMessage(text)}`, !rejected, undefined, true, rejected);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AttemptFailure(`the function returned something that is not JSON: ${text.slice(0, 80)}`, true);
  }
  try {
    return { result: parseShardResult(parsed, task), billedMs };
  } catch (error) {
    throw new AttemptFailure(`the function returned a malformed shard result: ${(error as Error).message}`, true);
  }
}

function isRetryable(error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status !== undefined) return status === 429 || status >= 500;
  // No HTTP status: the request never got an answer (connection refused or reset, DNS).
  return true;
}

function describeSdkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = httpStatusOf(error);
  return `${error.name}${status === undefined ? '' : ` (HTTP ${status})`}: ${error.message}`;
}

function functionErrorType(payloadText: string): string | undefined {
  try {
    return (JSON.parse(payloadText) as { errorType?: string }).errorType;
  } catch {
    return undefined;
  }
}

function functionErrorMessage(payloadText: string): string {
  try {
    const parsed = JSON.parse(payloadText) as { errorType?: string; errorMessage?: string };
    return [parsed.errorType, parsed.errorMessage].filter((part) => part !== undefined).join(': ') || payloadText.slice(0, 200);
  } catch {
    return payloadText.slice(0, 200);
  }
}
