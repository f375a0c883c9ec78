import type { Writable } from 'node:stream';
import { resolveSettings, type Settings, type SettingsFlags } from '../settings.js';

/** What a command needs from the outside world; tests can build one with fake streams. */
export interface CliContext {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** stdin and stdout are terminals: prompts, colours and progress bars are allowed. */
  readonly interactive: boolean;
  /** Colour on stdout: a TTY and no NO_COLOR. */
  readonly color: boolean;
  /** Terminal width for charts and tables (80 when not a TTY). */
  readonly columns: number;
  /** Aborted on Ctrl-C / SIGTERM: long runs stop and clean up (EC2 instances stop). */
  readonly signal: AbortSignal;
  settings(flags?: SettingsFlags): Settings;
}

export function processContext(signal: AbortSignal): CliContext {
  const env = process.env;
  const stdoutTty = process.stdout.isTTY === true;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env,
    interactive: stdoutTty && process.stdin.isTTY === true && env.CI !== 'true',
    color: stdoutTty && !noColor,
    columns: stdoutTty ? (process.stdout.columns ?? 80) : 80,
    signal,
    settings: (flags) => resolveSettings(flags, env),
  };
}
