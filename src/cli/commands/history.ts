import type { Command } from 'commander';
import { canonicalTicker } from '../../data/catalog.js';
import type { CliContext } from '../context.js';
import { writeJson, writeLine } from '../output.js';
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
      const results = await archive.list({
        // Results are stored under the canonical ticker: `--ticker btc` means BTC-USD.
        ...(flags.ticker === undefined ? {} : { ticker: canonicalTicker(flags.ticker) }),
        ...(flags.remote === true ? { remote: true } : {}),
      });
      if (flags.json === true) return writeJson(ctx, results);
      if (results.length === 0) {
        writeLine(ctx, 'no stored results yet; run e.g. stockrisk var AMZN --date <signal date>');
        return;
      }
      // Plain aligned lines, not a boxed table: the ids alone are 41 characters.
      writeLine(ctx, `${'RESULT ID'.padEnd(42)}${'TICKER'.padEnd(8)}${'DATE'.padEnd(11)}${'POS'.padEnd(6)}VAR`);
      for (const r of results) {
        const level = r.confidence?.[0];
        const headline = level === undefined ? undefined : r.methods?.[r.varAmountMethod]?.var[level];
        const value = headline === undefined || level === undefined ? '' : `${(headline * 100).toFixed(2)}% @${level}`;
        writeLine(ctx, `${r.resultId.padEnd(42)}${r.ticker.padEnd(8)}${r.date.padEnd(11)}${r.position.padEnd(6)}${value}`);
      }
    });
}
