// An in-process CliContext whose stdout and stderr are captured, for tests that call main().
import { Writable } from 'node:stream';
import type { CliContext } from '../../src/cli/context.js';
import { resolveSettings } from '../../src/settings.js';

export interface CapturedContext {
  readonly ctx: CliContext;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export function captureContext(env: NodeJS.ProcessEnv = {}): CapturedContext {
  const out = textSink();
  const err = textSink();
  const ctx: CliContext = {
    stdout: out.stream,
    stderr: err.stream,
    env,
    interactive: false,
    color: false,
    columns: 80,
    signal: new AbortController().signal,
    settings: (flags) => resolveSettings(flags, env),
  };
  return { ctx, stdout: out.text, stderr: err.text };
}

function textSink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}
