// Before a cloud run spends money: its estimate must fit under --max-cost, and on a
// terminal the user confirms it (unless --yes). Without a terminal --max-cost alone
// guards, so scripts and CI never hang on a prompt. One command may run many VaRs on
// one backend (`var --date all`) or on several (`compare`): the limit holds for all of
// them together, and the question is asked once per backend, before its first run.
import { CancelledError, CostLimitError } from '../../core/errors.js';
import { formatUsd, type RunCost } from './cost-of.js';

/** Called by a cloud backend with its estimate before it starts or invokes anything. */
export type CostGuard = (backend: string, estimate: RunCost) => Promise<void>;

/** Default --max-cost in USD: enough for large Lambda runs, small enough to notice a mistake. */
export const defaultMaxCostUsd = 1;

export interface CostGuardOptions {
  readonly maxCostUsd: number;
  readonly yes: boolean;
  readonly interactive: boolean;
  readonly log: (line: string) => void;
  /** Asks the user; defaults to an @inquirer/prompts confirm on stderr. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

export function costGuard(options: CostGuardOptions): CostGuard {
  /** Estimates of the runs already let through by this guard. */
  let approvedUsd = 0;
  const approvedBackends = new Set<string>();
  return async (backend, estimate) => {
    const first = !approvedBackends.has(backend);
    const totalUsd = approvedUsd + estimate.usd;
    if (first) options.log(`${backend}: estimated cost ${formatUsd(estimate.usd)} (${estimate.detail}); limit ${formatUsd(options.maxCostUsd)}`);
    if (totalUsd > options.maxCostUsd) {
      const withEarlier = approvedUsd > 0 ? ` (${formatUsd(totalUsd)} with the runs before it)` : '';
      throw new CostLimitError(`estimated cost ${formatUsd(estimate.usd)} on ${backend}${withEarlier} is over the limit of ${formatUsd(options.maxCostUsd)}`, {
        hint: 'raise --max-cost (USD) if you mean it, or use fewer --sims',
      });
    }
    if (first && !options.yes && options.interactive) {
      const confirm = options.confirm ?? confirmOnStderr;
      if (!(await confirm(`Run on ${backend} for about ${formatUsd(estimate.usd)}?`))) {
        throw new CancelledError(`not confirmed: nothing was run on ${backend}`, { hint: 'pass --yes to skip the question' });
      }
    }
    approvedBackends.add(backend);
    approvedUsd = totalUsd;
  };
}

async function confirmOnStderr(question: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: question, default: true }, { output: process.stderr });
}
