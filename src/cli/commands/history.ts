import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeTable, writeJson, writeLine } from '../output.js';
import { globalSettings } from './global-options.js';

interface HistoryFlags {
  ticker?: string;
  json?: boolean;
  remote?: boolean;
}

export function registerHistory(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('the stored VaR results, newest first')
    .option('--ticker <ticker>', 'only results of this ticker')
    .option('--remote', 'list the results in the bucket instead (needs --bucket)')
    .option('--json', 'print the stored results as a JSON array')
    .addHelpText('after', '\nExamples:\n  $ stockrisk history\n  $ stockrisk history --ticker AMZN --json')
    .action(async (flags: HistoryFlags, command: Command) => {
      const { openResultsArchive } = await import('../../store/results-archive.js');
      const archive = await openResultsArchive(globalSettings(ctx, command));
      const results = await archive.list({ ...(flags.ticker === undefined ? {} : { ticker: flags.ticker.toUpperCase() }), ...(flags.remote === true ? { remote: true } : {}) });
      if (flags.json === true) return writeJson(ctx, results);
      if (results.length === 0) {
        writeLine(ctx, 'no stored results yet; run e.g. stockrisk var AMZN --date <signal date>');
        return;
      }
      const table = makeTable(ctx, ['Result id', 'Ticker', 'Date', 'Pos', 'Sims', 'R', 'Backend', `VaR`], ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'right']);
      for (const r of results) {
        const level = r.confidence?.[0];
        const headline = level === undefined ? undefined : r.methods?.[r.varAmountMethod]?.var[level];
        table.push([
          r.resultId,
          r.ticker,
          r.date,
          r.position,
          String(r.sims),
          String(r.resources),
          r.backend,
          headline === undefined || level === undefined ? '' : `${(headline * 100).toFixed(2)}% @${level}`,
        ]);
      }
      writeLine(ctx, table.toString());
    });
}
