// The real dependencies of `stockrisk serve`: data from the configured data sources, VaR
// runs exactly as `stockrisk var` does them, results from the archive in $STOCKRISK_HOME,
// the dashboard's files from the package, the system clock.
import { join } from 'node:path';
import { NotFoundError } from '../core/errors.js';
import { packageRoot, type Settings } from '../settings.js';
import { openResultsArchive } from '../store/results-archive.js';
import { cachedCompanies } from './companies-cache.js';
import { DEFAULT_QUEUE_LIMITS, type ResultsHistory, type ServerDeps, type VarResultJson } from './deps.js';
import { cachedSeriesLoader } from './series-cache.js';
import { loadStaticAssets } from './static-assets.js';
import { createVarRunner } from './var-runner.js';

export interface ServeOptions {
  readonly token: string | undefined;
  readonly loopbackOnly: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Lines for the operator (the server's stderr). */
  readonly log: (line: string) => void;
}

/** Where the dashboard's HTML, CSS and JS live: served from the package's source folder. */
export const publicDir = join(packageRoot, 'src', 'server', 'public');

export function defaultDeps(settings: Settings, options: ServeOptions): ServerDeps {
  const loadSeries = cachedSeriesLoader(settings);
  const now = () => new Date();
  return {
    data: { listCompanies: cachedCompanies(settings), loadSeries },
    varRunner: createVarRunner({ settings, env: options.env, loadSeries, log: options.log, now }),
    results: archiveHistory(settings, options.log),
    assets: loadStaticAssets(publicDir),
    now,
    token: options.token,
    loopbackOnly: options.loopbackOnly,
    queue: DEFAULT_QUEUE_LIMITS,
  };
}

/**
 * The stored results, read from the archive on every request (the CLI may add runs too):
 * the local ones and, when a bucket is set, the bucket's. An unreachable bucket leaves the
 * local list.
 */
export function archiveHistory(settings: Settings, log: (line: string) => void = () => {}): ResultsHistory {
  return {
    list: async () => {
      const archive = await openResultsArchive(settings);
      const local = await archive.list();
      if (archive.remote === undefined) return local;
      let remote: VarResultJson[];
      try {
        remote = await archive.list({ remote: true });
      } catch (error) {
        log(`note: results in ${archive.remote.location} not listed: ${error instanceof Error ? error.message : String(error)}`);
        return local;
      }
      const byId = new Map([...remote, ...local].map((result) => [result.resultId, result]));
      return [...byId.values()].sort((a, b) => (a.resultId < b.resultId ? 1 : a.resultId > b.resultId ? -1 : 0));
    },
    get: async (resultId) => {
      try {
        return await (await openResultsArchive(settings)).get(resultId);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
  };
}
