// The real dependencies of `stockrisk serve`: data from the configured data sources, the
// dashboard's files from the package, the system clock.
import { join } from 'node:path';
import { listCompanies } from '../data/companies.js';
import { loadSeries } from '../data/load.js';
import { packageRoot, type Settings } from '../settings.js';
import { DEFAULT_QUEUE_LIMITS, type ServerDeps } from './deps.js';
import { loadStaticAssets } from './static-assets.js';

export interface ServeOptions {
  readonly token: string | undefined;
  readonly loopbackOnly: boolean;
}

/** Where the dashboard's HTML, CSS and JS live: served from the package's source folder. */
export const publicDir = join(packageRoot, 'src', 'server', 'public');

export function defaultDeps(settings: Settings, options: ServeOptions): ServerDeps {
  return {
    data: {
      listCompanies: () => listCompanies(settings),
      loadSeries: (ticker, loadOptions) => loadSeries(ticker, settings, loadOptions),
    },
    assets: loadStaticAssets(publicDir),
    now: () => new Date(),
    token: options.token,
    loopbackOnly: options.loopbackOnly,
    queue: DEFAULT_QUEUE_LIMITS,
  };
}
