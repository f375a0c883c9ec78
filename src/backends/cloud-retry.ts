// Retry timing shared by the cloud backends: exponential backoff with "full jitter"
// (a uniformly random wait in [0, min(cap, base * 2^attempt)]), which spreads retries of
// many shards throttled at once instead of sending them back in lock-step.
import { CancelledError } from '../core/errors.js';

export interface RetryPolicy {
  /** Attempts per shard, first one included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5000 };

/** The wait before attempt `attempt + 1`, after `attempt` failed attempts (>= 1). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, or throws CancelledError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(cancelled(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelled(signal: AbortSignal | undefined): CancelledError {
  const reason = signal?.reason instanceof Error ? signal.reason.message : 'aborted';
  return new CancelledError(`run cancelled (${reason})`);
}
