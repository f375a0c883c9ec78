// The one place where errors become messages and exit codes (CONTRACTS.md, "Errors").
import { StockriskError } from '../core/errors.js';
import type { CliContext } from './context.js';

export interface Failure {
  readonly code: string;
  readonly message: string;
  readonly hint: string | undefined;
  readonly exitCode: 1 | 2;
}

export function toFailure(error: unknown): Failure {
  if (error instanceof StockriskError) {
    return { code: error.code, message: oneLine(error.message), hint: error.hint, exitCode: error.exitCode };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: oneLine(message), hint: undefined, exitCode: 1 };
}

/** Print `error: ...` (and a hint) on stderr; with --json also the error object on stdout. */
export function reportFailure(ctx: CliContext, failure: Failure, json: boolean): number {
  ctx.stderr.write(`error: ${failure.message}\n`);
  if (failure.hint !== undefined) ctx.stderr.write(`hint: ${failure.hint}\n`);
  if (json) ctx.stdout.write(`${JSON.stringify({ error: { code: failure.code, message: failure.message } })}\n`);
  return failure.exitCode;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
