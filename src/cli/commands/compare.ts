// `stockrisk compare`: the same Monte Carlo VaR (one seed) on several backends, side by
// side — elapsed time, start-up overhead, cost — and whether the results are identical,
// which they must be. A difference is a failure (exit 1).
import type { Command } from 'commander';
import { parseDateOption } from '../../app/option-values.js';
import { DEFAULT_CONFIDENCE, DEFAULT_HISTORY, DEFAULT_SIMS, parseVarFlags, randomSeed, varRequestFor } from '../../app/var-request.js';
import type { VarResult } from '../../app/var-run.js';
import { runCostFunction } from '../../backends/cloud-options.js';
import { costGuard } from '../../backends/cost/cost-guard.js';
import { formatUsd } from '../../backends/cost/cost-of.js';
import { UsageError, WorkerError } from '../../core/errors.js';
import { chooseCompany } from '../choose-company.js';
import { addCloudOptions, type CloudFlags, cloudBackendOptions } from '../cloud-flags.js';
import type { CliContext } from '../context.js';
import { loadSeriesForCommand } from '../load-series.js';
import { makeTable, writeJson, writeLine, writeNote } from '../output.js';
import { globalSettings } from './global-options.js';

interface CompareFlags extends CloudFlags {
  date?: string;
  window: string;
  history: string;
  sims: string;
  resources: string;
  concurrency?: string;
  confidence: string;
  position?: string;
  shares: string;
  seed?: string;
  price?: string;
  backends: string;
  json?: boolean;
}

interface CompareRun {
  readonly backend: string;
  readonly resultId: string;
  readonly elapsedMs: number;
  /** Time spent bringing compute up (EC2 instances starting), when the backend has any. */
  readonly startupMs: number | null;
  readonly cost: VarResult['cost'];
  readonly var: Readonly<Record<string, number>>;
  readonly es: Readonly<Record<string, number | null>>;
  readonly identical: boolean;
}

export function registerCompare(program: Command, ctx: CliContext): void {
  const command = program
    .command('compare')
    .description('run the same Monte Carlo VaR on several backends and compare time, start-up, cost and results')
    .argument('[ticker]', 'e.g. AMZN')
    .option('-d, --date <date>', 'signal date YYYY-MM-DD')
    .option('--backends <names>', 'comma-separated backends', 'local,lambda,ec2')
    .option('-r, --resources <R>', 'Monte Carlo shards on every backend', '4')
    .option('--concurrency <n>', 'most shards in flight at once (default: all)')
    .option('--sims <n>', 'Monte Carlo draws', String(DEFAULT_SIMS))
    .option('--history <n>', 'returns used, ending at the date', String(DEFAULT_HISTORY))
    .option('-w, --window <days>', 'moving-average window of the signals', '20')
    .option('--confidence <levels>', 'confidence levels in percent', DEFAULT_CONFIDENCE)
    .option('--position <side>', 'long or short (default: from the signal)')
    .option('--shares <n>', 'shares held', '100')
    .option('--seed <n>', 'random seed (default: a random one, printed)')
    .option('--price <field>', 'price column: adjclose or close');
  addCloudOptions(command)
    .option('--json', 'print JSON only')
    .addHelpText(
      'after',
      `
Every run is stored like a var run (stockrisk history). Cloud backends need AWS set up
(docs/aws.md) or the sandbox (npm run sandbox).

Examples:
  $ stockrisk compare AMZN --date 2020-03-23 -r 4 --seed 7
  $ stockrisk compare AMZN --date 2020-03-23 --backends local,lambda --sims 1e8 -r 16`,
    )
    .action(async (ticker: string | undefined, flags: CompareFlags, cmd: Command) => {
      await runCompare(ctx, cmd, ticker, flags);
    });
}

async function runCompare(ctx: CliContext, command: Command, tickerArgument: string | undefined, flags: CompareFlags): Promise<void> {
  if (flags.date === undefined) throw new UsageError('missing --date', { hint: 'give a signal date YYYY-MM-DD' });
  const date = parseDateOption('--date', flags.date);
  const options = parseVarFlags({ ...flags, backend: 'local', method: 'mc' });
  const { checkBackendName, createBackend } = await import('../../backends/index.js');
  const backends = [
    ...new Set(
      flags.backends
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ),
  ];
  if (backends.length === 0) throw new UsageError('--backends needs at least one backend');
  for (const name of backends) checkBackendName(name);

  const settings = globalSettings(ctx, command);
  const cloudOptions = cloudBackendOptions(flags, ctx, settings);
  // One guard for every backend compared: --max-cost bounds what the whole comparison spends.
  const cloud = {
    ...cloudOptions,
    costGuard: costGuard({ maxCostUsd: cloudOptions.maxCostUsd, yes: cloudOptions.yes, interactive: cloudOptions.interactive, log: cloudOptions.log }),
  };
  const ticker = tickerArgument ?? (await chooseCompany(ctx, settings, 'stockrisk compare AMZN --date 2020-03-23'));
  const series = await loadSeriesForCommand(ctx, ticker, settings, options.price);
  const { prepareVar, runVar } = await import('../../app/var-run.js');
  const seed = options.seed ?? randomSeed();
  if (options.seed === undefined) writeNote(ctx, `seed ${seed} (repeat with --seed ${seed})`);
  const prepared = prepareVar(series, varRequestFor(options, date, seed, ['mc']));
  const { checkResultsWritable, openResultsArchive } = await import('../../store/results-archive.js');
  const archive = await openResultsArchive(settings);
  await checkResultsWritable(settings);
  const cost = runCostFunction(settings);

  const results: { result: VarResult; startupMs: number | null }[] = [];
  for (const name of backends) {
    writeNote(ctx, `${name}: running ${options.sims} draws in ${options.resources} shards ...`);
    const backend = await createBackend(name, name === 'local' ? {} : cloud);
    let result: VarResult;
    try {
      result = await runVar(prepared, {
        backend,
        cost,
        signal: ctx.signal,
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      });
    } finally {
      await backend.close();
    }
    const saved = await archive.save(result);
    if (saved.remote !== undefined && !saved.uploaded)
      writeNote(ctx, `note: result ${result.resultId} kept locally, not uploaded to ${saved.remote}: ${saved.reason}`);
    results.push({ result, startupMs: backend.usage().startupMs ?? null });
  }

  const reference = JSON.stringify(results[0]?.result.methods.mc);
  const runs: CompareRun[] = results.map(({ result, startupMs }) => ({
    backend: result.backend,
    resultId: result.resultId,
    elapsedMs: result.elapsedMs,
    startupMs,
    cost: result.cost,
    var: result.methods.mc?.var ?? {},
    es: result.methods.mc?.es ?? {},
    identical: JSON.stringify(result.methods.mc) === reference,
  }));
  const identical = runs.every((run) => run.identical);
  const first = results[0]?.result as VarResult;
  if (flags.json === true) {
    // A disagreement is an error: --json then prints only the error object (one document);
    // every run is stored, so `stockrisk history` still has them.
    if (identical)
      writeJson(ctx, {
        ticker: first.ticker,
        date: first.date,
        position: first.position,
        sims: first.sims,
        resources: first.resources,
        seed,
        identical,
        runs,
      });
  } else {
    writeLine(ctx, `${first.ticker} ${first.date} ${first.position}: ${first.sims} draws in ${first.resources} shards, seed ${seed}`);
    const levels = first.confidence;
    const table = makeTable(
      ctx,
      ['Backend', 'Elapsed', 'Start-up', 'Cost', ...levels.map((level) => `VaR ${level}`), 'Same'],
      ['left', 'right', 'right', 'right', ...levels.map(() => 'right' as const), 'left'],
    );
    for (const run of runs) {
      table.push([
        run.backend,
        seconds(run.elapsedMs),
        run.startupMs === null ? '-' : seconds(run.startupMs),
        formatUsd(run.cost.usd),
        ...levels.map((level) => `${((run.var[level] ?? Number.NaN) * 100).toFixed(4)}%`),
        run.identical ? 'yes' : 'NO',
      ]);
    }
    writeLine(ctx, table.toString());
    writeLine(ctx, identical ? 'identical: every backend gave bit-identical results' : 'NOT identical: the backends disagree');
  }
  if (!identical) {
    throw new WorkerError(
      `backends gave different results for the same seed: ${runs
        .filter((r) => !r.identical)
        .map((r) => r.backend)
        .join(', ')}`,
      { hint: 'every run is stored: see stockrisk history' },
    );
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
