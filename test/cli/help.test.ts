// Every command and sub-command has --help with examples (the foundation issue asks for it).
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { buildProgram } from '../../src/cli/program.js';
import { resolveSettings } from '../../src/settings.js';

function captureContext(): { ctx: CliContext; output: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const ctx: CliContext = {
    stdout: sink,
    stderr: sink,
    env: {},
    interactive: false,
    color: false,
    columns: 80,
    signal: new AbortController().signal,
    settings: (flags) => resolveSettings(flags, {}),
  };
  return { ctx, output: () => text };
}

function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((child) => {
    const path = [...prefix, child.name()];
    return [path, ...commandPaths(child, path)];
  });
}

const paths = commandPaths(buildProgram(captureContext().ctx));

describe('help', () => {
  it('covers every command', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['companies', 'signals', 'data', 'data list', 'data import', 'data fetch', 'var', 'history', 'show', 'backtest', 'serve']),
    );
  });

  it.each(paths.map((p) => [p.join(' '), p]))('stockrisk %s --help shows examples and exits 0', async (_name, path) => {
    const { ctx, output } = captureContext();
    expect(await main([...(path as string[]), '--help'], ctx)).toBe(0);
    expect(output()).toContain('Usage: stockrisk');
    expect(output()).toMatch(/Examples:\n {2}\$ stockrisk /);
  });
});
