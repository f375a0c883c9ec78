// Talking to an ec2-worker over HTTP (ec2-worker/app.ts): its health, and one shard.
import { CloudError } from '../../core/errors.js';
import { parseShardResult, type ShardResult, type ShardTask } from '../../core/shard/protocol.js';
import { cancelled, sleep } from '../cloud-retry.js';

/** Why a shard request failed, which decides what happens next. */
export type ShardFailureKind =
  /** No answer: connection refused or reset, or the per-shard timeout. The worker may be gone. */
  | 'unreachable'
  /** The worker answered with an error (5xx): try again. */
  | 'failed'
  /** The worker refused the request (401 wrong token, 400): retrying cannot help. */
  | 'rejected';

export class ShardRequestError extends Error {
  constructor(
    message: string,
    readonly kind: ShardFailureKind,
  ) {
    super(message);
  }
}

export async function postShard(url: string, token: string, task: ShardTask, signal: AbortSignal): Promise<ShardResult> {
  let response: Response;
  try {
    response = await fetch(`${url}/shards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(task),
      signal,
    });
  } catch (error) {
    throw new ShardRequestError(`no answer from ${url}: ${networkReason(error)}`, 'unreachable');
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ShardRequestError(`${url} broke off its answer: ${networkReason(error)}`, 'unreachable');
  }
  if (response.ok) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ShardRequestError(`${url} answered with something that is not JSON`, 'failed');
    }
    try {
      return parseShardResult(parsed, task);
    } catch (error) {
      throw new ShardRequestError(`${url} answered with a malformed shard result: ${(error as Error).message}`, 'failed');
    }
  }
  const message = `${url} answered ${response.status}: ${errorText(text)}`;
  throw new ShardRequestError(message, response.status >= 500 ? 'failed' : 'rejected');
}

/** True when the worker answers GET /healthz within `timeoutMs`. */
export async function isHealthy(url: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetch(`${url}/healthz`, { signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls /healthz until it answers; a CloudError after `timeoutMs`. */
export async function waitHealthy(instanceId: string, url: string, options: { timeoutMs: number; pollMs: number; signal: AbortSignal }): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    if (options.signal.aborted) throw cancelled(options.signal);
    if (await isHealthy(url, Math.min(5000, options.pollMs * 2), options.signal)) return;
    if (performance.now() >= deadline) {
      throw new CloudError(`the worker on ${instanceId} (${url}) did not answer /healthz within ${Math.round(options.timeoutMs / 1000)} s`, {
        hint: 'check the stockrisk-worker service on the instance (journalctl -u stockrisk-worker) and its security group',
      });
    }
    await sleep(options.pollMs, options.signal);
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function errorText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: string };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: show the start of it
  }
  return text.slice(0, 120);
}
