import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { writeJson } from '../output.js';
import { globalSettings } from './global-options.js';

export function registerShow(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .description('print one stored VaR result')
    .argument('<resultId>', 'an id from stockrisk history')
    .option('--json', 'print the stored contract JSON')
    .addHelpText('after', '\nExamples:\n  $ stockrisk show 2026-11-25T10-12-33-123Z-9f2c41d07ab3e855\n  $ stockrisk show <resultId> --json')
    .action(async (resultId: string, flags: { json?: boolean }, command: Command) => {
      const { openResultsArchive } = await import('../../store/results-archive.js');
      const archive = await openResultsArchive(globalSettings(ctx, command));
      const result = await archive.get(resultId);
      if (flags.json === true) return writeJson(ctx, result);
      const { renderVarResult } = await import('../var-render.js');
      renderVarResult(ctx, result);
    });
}
