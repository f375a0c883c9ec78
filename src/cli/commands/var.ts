import type { Command } from 'commander';
import { parseDateOption } from '../../app/option-values.js';
import { parseVarFlags, randomSeed, type VarFlags, varRequestFor } from '../../app/var-request.js';
import type { PreparedVar, VarResult } from '../../app/var-run.js';
import { runCostFunction } from '../../backends/cloud-options.js';
import { UsageError } from '../../core/errors.js';
import type { PriceSeries } from '../../core/prices.js';
import { chooseCompany } from '../choose-company.js';
import { addCloudOptions, type CloudFlags, cloudBackendOptions } from '../cloud-flags.js';
import type { CliContext } from '../context.js';
import { loadSeriesForCommand } from '../load-series.js';
import { writeJson, writeLine, writeNote } from '../output.js';
import { addVarOptions } from '../var-flags.js';
import { globalSettings } from './global-options.js';

export function registerVar(program: Command, ctx: CliContext): void {
  addCloudOptions(
    addVarOptions(
      program
        .command('var')
        .description('Value at Risk and Expected Shortfall of the position opened at a signal date')
        .argument('[ticker]', 'e.g. AMZN (asked for on a terminal when left out)'),
    ),
  )
    .option('--json', 'print the contract JSON only (an array for a comma list or all)')
    .addHelpText(
      'after',
      `
The position is long at a buy signal and short at a sell signal (signals at --window);
other dates need --position. Monte Carlo draws are split into R shards whose results
merge into the exact quantile of all draws: the same --seed gives the same numbers for
any R and backend. Every run is stored in $STOCKRISK_HOME/results (see: stockrisk history).

Examples:
  $ stockrisk var AMZN --date 2020-03-23 --seed 7
  $ stockrisk var AMZN --date 2020-03-23 --method all --confidence 95,97.5,99 -r 4
  $ stockrisk var AAPL --date 2020-06-01 --position long --sims 1e8
  $ stockrisk var AMZN --date all --method historical,parametric --json > amzn-var.json`,
    )
    .action(async (ticker: string | undefined, flags: VarFlags & CloudFlags, command: Command) => {
      await runVarCommand(ctx, command, ticker, flags);
    });
}

async function runVarCommand(ctx: CliContext, command: Command, tickerArgument: string | undefined, flags: VarFlags & CloudFlags): Promise<void> {
  const options = parseVarFlags(flags);
  const { checkBackendName } = await import('../../backends/index.js');
  checkBackendName(options.backend);
  const settings = globalSettings(ctx, command);
  const ticker = tickerArgument ?? (await chooseCompany(ctx, settings, 'stockrisk var AMZN --date 2020-03-23'));
  const series = await loadSeriesForCommand(ctx, ticker, settings, options.price);

  const { prepareVar, runVar, signalActions } = await import('../../app/var-run.js');
  const actions = signalActions(series, options.window);
  let dates = await chooseDates(ctx, series, [...actions.keys()], flags.date, options.window);
  if (flags.date?.trim() === 'all') dates = withEnoughHistory(ctx, series, dates, options.history);
  const seed = options.seed ?? randomSeed();
  const prepared: PreparedVar[] = dates.map((date) => prepareVar(series, varRequestFor(options, date, seed), actions));
  if (options.seed === undefined && options.methods.includes('mc')) writeNote(ctx, `seed ${seed} (repeat this run with --seed ${seed})`);

  const { createBackend } = await import('../../backends/index.js');
  const { checkResultsWritable, openResultsArchive } = await import('../../store/results-archive.js');
  const { progressBar } = await import('../var-progress.js');
  const archive = await openResultsArchive(settings);
  await checkResultsWritable(settings);
  const backend = await createBackend(options.backend, options.backend === 'local' ? {} : cloudBackendOptions(flags, ctx, settings));
  const results: VarResult[] = [];
  try {
    for (const item of prepared) {
      const bar = progressBar(ctx, `${series.ticker} ${item.request.date}`);
      let result: VarResult;
      try {
        result = await runVar(item, {
          backend,
          cost: runCostFunction(settings),
          signal: ctx.signal,
          onProgress: (progress) => bar.update(progress),
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        });
      } finally {
        bar.done();
      }
      const saved = await archive.save(result);
      if (saved.remote !== undefined && !saved.uploaded)
        writeNote(ctx, `note: result ${result.resultId} kept locally, not uploaded to ${saved.remote}: ${saved.reason}`);
      results.push(result);
      if (flags.json !== true) await printResult(ctx, result, results.length > 1);
    }
  } finally {
    await backend.close();
  }
  // One date gives the contract's object; a list or `all` always gives an array, however
  // many dates survive, so scripts can rely on the shape.
  const manyDates = flags.date !== undefined && (flags.date.includes(',') || flags.date.trim() === 'all');
  if (flags.json === true) writeJson(ctx, manyDates ? results : results[0]);
}

/** `--date all` skips the early signals that lack `history` returns (and says so). */
function withEnoughHistory(ctx: CliContext, series: PriceSeries, dates: string[], history: number): string[] {
  const first = series.dates[history];
  const kept = first === undefined ? [] : dates.filter((date) => date >= first);
  if (kept.length < dates.length)
    writeNote(
      ctx,
      `note: skipped ${dates.length - kept.length} signal date(s) before ${first ?? 'the end of the data'}: fewer than ${history} returns before them`,
    );
  if (kept.length === 0) throw new UsageError(`no signal date of ${series.ticker} has ${history} returns before it`, { hint: 'use a smaller --history' });
  return kept;
}

async function printResult(ctx: CliContext, result: VarResult, separate: boolean): Promise<void> {
  const { renderVarResult } = await import('../var-render.js');
  if (separate) writeLine(ctx);
  renderVarResult(ctx, result);
}

/** --date: one date, a comma list, or "all" signal dates; asked for on a terminal. */
async function chooseDates(ctx: CliContext, series: PriceSeries, signalDates: string[], text: string | undefined, window: number): Promise<string[]> {
  if (text === undefined) {
    if (!ctx.interactive) throw new UsageError('missing --date', { hint: 'give a signal date YYYY-MM-DD, a comma list, or all' });
    if (signalDates.length === 0) throw new UsageError(`${series.ticker} has no signal dates at --window ${window}`);
    const { select } = await import('@inquirer/prompts');
    const actions = new Map((await import('../../app/var-run.js')).signalActions(series, window));
    const date = await select({
      message: `Signal date (window ${window})`,
      choices: [...signalDates].reverse().map((d) => ({ name: `${d}  ${actions.get(d)}`, value: d })),
    });
    return [date];
  }
  if (text.trim() === 'all') {
    if (signalDates.length === 0) throw new UsageError(`${series.ticker} has no signal dates at --window ${window}`);
    return signalDates;
  }
  const dates = text.split(',').map((part) => parseDateOption('--date', part));
  return [...new Set(dates)];
}
