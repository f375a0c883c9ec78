// Typed errors: every failure the user can see is one of these. The CLI maps them to
// exit codes and messages in one place (src/cli/run-command.ts); nothing else exits.

export abstract class StockriskError extends Error {
  /** Stable machine-readable code, used in `--json` error output. */
  abstract readonly code: string;
  /** 2 = bad usage or input, 1 = failure at run time (network, cloud, worker). */
  abstract readonly exitCode: 1 | 2;
  /** Optional second line telling the user what to do about it. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** The command line or request asked for something that cannot be done as asked. */
export class UsageError extends StockriskError {
  readonly code = 'usage';
  readonly exitCode = 2;
}

/** Something named by the user (ticker, result id, date) does not exist. */
export class NotFoundError extends StockriskError {
  readonly code = 'not_found';
  readonly exitCode = 2;
}

/** Input data is malformed or insufficient; names the file and line when known. */
export class DataError extends StockriskError {
  readonly code = 'data';
  readonly exitCode = 2;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, options: { file?: string | undefined; line?: number | undefined; hint?: string | undefined; cause?: unknown } = {}) {
    const where = options.file === undefined ? '' : options.line === undefined ? `${options.file}: ` : `${options.file}:${options.line}: `;
    super(`${where}${message}`, options);
    this.file = options.file;
    this.line = options.line;
  }
}

/** A run would cost more than the user allowed. */
export class CostLimitError extends StockriskError {
  readonly code = 'cost_limit';
  readonly exitCode = 2;
}

/** A cloud API (S3, Lambda, EC2, Yahoo) failed or was unreachable. */
export class CloudError extends StockriskError {
  readonly code = 'cloud';
  readonly exitCode = 1;
}

/** A compute worker (thread, Lambda function, EC2 worker) failed after its retries. */
export class WorkerError extends StockriskError {
  readonly code = 'worker';
  readonly exitCode = 1;
}

/** The run was interrupted (Ctrl-C, SIGTERM, abort signal). */
export class CancelledError extends StockriskError {
  readonly code = 'cancelled';
  readonly exitCode = 1;
}

/** A write would replace an existing object; results are never overwritten. */
export class ObjectExistsError extends StockriskError {
  readonly code = 'exists';
  readonly exitCode = 1;
}
