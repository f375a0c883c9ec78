// Every command and sub-command has --help with examples (the foundation issue asks for it).
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildProgram } from '../../src/cli/program.js';
import { captureContext } from '../helpers/capture-context.js';

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
    const { ctx, stdout } = captureContext();
    expect(await main([...(path as string[]), '--help'], ctx)).toBe(0);
    expect(stdout()).toContain('Usage: stockrisk');
    expect(stdout()).toMatch(/Examples:\n {2}\$ stockrisk /);
  });
});
