// The flags of `stockrisk var` (shared with commands that run the same VaR, e.g. compare),
// declared once; src/app/var-request.ts parses them.
import type { Command } from 'commander';
import { DEFAULT_CONFIDENCE, DEFAULT_HISTORY, DEFAULT_METHODS, DEFAULT_SIMS } from '../app/var-request.js';
import { DEFAULT_SHARES, DEFAULT_WINDOW } from '../core/signals.js';
import { VAR_METHODS } from '../core/var/types.js';

export function addVarOptions(command: Command): Command {
  return command
    .option('-d, --date <dates>', 'signal date YYYY-MM-DD, a comma list, or "all" (every signal date)')
    .option('-w, --window <days>', 'moving-average window of the signals', String(DEFAULT_WINDOW))
    .option('--history <n>', 'returns used, ending at the date', String(DEFAULT_HISTORY))
    .option('--sims <n>', 'Monte Carlo draws (e.g. 1000000 or 1e9)', String(DEFAULT_SIMS))
    .option('--backend <name>', 'where the Monte Carlo shards run', 'local')
    .option('-r, --resources <R>', 'number of Monte Carlo shards (default: number of cores)')
    .option('--concurrency <n>', 'most shards in flight at once (default: all)')
    .option('--confidence <levels>', 'confidence levels in percent, comma-separated', DEFAULT_CONFIDENCE)
    .option('--method <methods>', `comma list of ${VAR_METHODS.join(', ')}, or all`, DEFAULT_METHODS)
    .option('--position <side>', 'long or short (default: long at a buy, short at a sell)')
    .option('--shares <n>', 'shares held', String(DEFAULT_SHARES))
    .option('--seed <n>', 'random seed; the same seed gives the same result for any R and backend')
    .option('--price <field>', 'price column: adjclose (default when present) or close');
}
