// How failures look over HTTP: the CLI's error object (`{error: {code, message, hint?}}`)
// with a status that says whose fault it was.
import { StockriskError } from '../core/errors.js';
import type { JobFailure } from './job-queue.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 415 | 429 | 500 | 502;

export interface HttpFailure {
  readonly status: ErrorStatus;
  readonly body: { readonly error: JobFailure };
}

/** An error the server raises itself (bad token, unknown route, body too large). */
export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function describeError(error: unknown): JobFailure {
  if (error instanceof StockriskError) {
    return error.hint === undefined
      ? { code: error.code, message: oneLine(error.message) }
      : { code: error.code, message: oneLine(error.message), hint: error.hint };
  }
  if (error instanceof HttpError) return { code: error.code, message: error.message };
  // Anything else is a bug or an environment failure; its text may hold paths, so keep it short.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: oneLine(message) };
}

export function toHttpFailure(error: unknown): HttpFailure {
  return { status: statusOf(error), body: { error: describeError(error) } };
}

function statusOf(error: unknown): ErrorStatus {
  if (error instanceof HttpError) return error.status;
  if (!(error instanceof StockriskError)) return 500;
  switch (error.code) {
    case 'not_found':
      return 404;
    case 'usage':
    case 'data':
    case 'cost_limit':
      return 400;
    case 'cloud':
    case 'worker':
      return 502;
    default:
      return 500;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
