import type { Command } from 'commander';
import { listCompanies } from '../../data/companies.js';
import type { CliContext } from '../context.js';
import { makeTable, style, writeJson, writeLine } from '../output.js';
import { globalSettings } from './global-options.js';

const SOURCE_LABEL = { 'data-dir': 'data dir', cache: 'cache', bundled: 'bundled' } as const;

export function registerCompanies(program: Command, ctx: CliContext): void {
  program
    .command('companies')
    .description('the companies stockrisk knows, with where their data comes from')
    .option('--json', 'print JSON only')
    .addHelpText('after', '\nExamples:\n  $ stockrisk companies\n  $ STOCKRISK_DATA_DIR=../shared/data stockrisk companies --json')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const companies = await listCompanies(globalSettings(ctx, command));
      if (flags.json === true) return writeJson(ctx, companies);
      const s = style(ctx.color);
      const table = makeTable(ctx, ['Ticker', 'Name', 'Source', 'Rows', 'First', 'Last'], ['left', 'left', 'left', 'right', 'left', 'left']);
      for (const c of companies) {
        const source = c.source === null ? s.dim('no data') : c.problem !== null ? s.red('unusable') : SOURCE_LABEL[c.source];
        table.push([c.ticker, c.name, source, c.rows === 0 ? '' : String(c.rows), c.first ?? '', c.last ?? '']);
      }
      writeLine(ctx, table.toString());
      for (const c of companies) {
        if (c.problem !== null) writeLine(ctx, s.red(`${c.ticker}: ${c.problem}`));
        else if (c.source === null) writeLine(ctx, s.dim(`${c.ticker}: no data yet; fetch it with: stockrisk data fetch ${c.ticker}`));
      }
    });
}
