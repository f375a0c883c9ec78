// The dashboard's VaR runs go through the same steps as `stockrisk var`: the request
// becomes the command's flags, parsed by the command's own parser (same defaults, same
// caps, same messages), checked against the data by prepareVar before it is queued, then
// run by runVar on the chosen backend and stored in the results archive.

import { DEFAULT_CONFIDENCE, DEFAULT_HISTORY, DEFAULT_METHODS, DEFAULT_SIMS, parseVarFlags, randomSeed, varRequestFor } from '../app/var-request.js';
import { type PreparedVar, prepareVar, runVar } from '../app/var-run.js';
import { type CloudBackendOptions, runCostFunction } from '../backends/cloud-options.js';
import { defaultMaxCostUsd } from '../backends/cost/cost-guard.js';
import { checkBackendName, createBackend } from '../backends/index.js';
import { DEFAULT_SHARES, DEFAULT_WINDOW } from '../core/signals.js';
import type { LoadedSeries, LoadOptions } from '../data/load.js';
import type { ComputeBackend } from '../ports.js';
import type { Settings } from '../settings.js';
import { openResultsArchive } from '../store/results-archive.js';
import type { VarResultJson, VarRunOptions } from './deps.js';
import type { VarRequest } from './request-schemas.js';

/** A request that passed every check: calling it runs the VaR and stores the result. */
export type PreparedRun = (options: VarRunOptions) => Promise<VarResultJson>;

export interface VarRunner {
  /** Throws UsageError / NotFoundError (answered 400 / 404) for anything the run would refuse. */
  prepare(request: VarRequest): Promise<PreparedRun>;
}

export interface VarRunnerDeps {
  readonly settings: Settings;
  readonly env: NodeJS.ProcessEnv;
  readonly loadSeries: (ticker: string, options: LoadOptions) => Promise<LoadedSeries>;
  /** Progress and cloud start/stop lines for the operator (the server's stderr). */
  readonly log: (line: string) => void;
  readonly now: () => Date;
}

export function createVarRunner(deps: VarRunnerDeps): VarRunner {
  return {
    async prepare(request) {
      const flags = parseVarFlags({
        date: request.date,
        window: String(request.window ?? DEFAULT_WINDOW),
        history: String(request.history ?? DEFAULT_HISTORY),
        sims: String(request.sims ?? DEFAULT_SIMS),
        backend: request.backend ?? 'local',
        ...(request.resources === undefined ? {} : { resources: String(request.resources) }),
        confidence: request.confidence?.join(',') ?? DEFAULT_CONFIDENCE,
        method: request.methods?.join(',') ?? DEFAULT_METHODS,
        ...(request.position === undefined ? {} : { position: request.position }),
        shares: String(request.shares ?? DEFAULT_SHARES),
        ...(request.seed === undefined ? {} : { seed: String(request.seed) }),
        ...(request.price === undefined ? {} : { price: request.price }),
      });
      checkBackendName(flags.backend);
      const series = await deps.loadSeries(request.ticker, { price: flags.price });
      const prepared: PreparedVar = prepareVar(series, varRequestFor(flags, request.date, flags.seed ?? randomSeed()));

      return async ({ signal, onProgress }) => {
        const backend: ComputeBackend = await createBackend(flags.backend, backendOptions(flags.backend, deps, signal));
        try {
          const result = await runVar(prepared, {
            backend,
            cost: runCostFunction(deps.settings),
            signal,
            now: deps.now,
            onProgress: ({ done, total }) => onProgress({ done, total }),
          });
          const archive = await openResultsArchive(deps.settings);
          await archive.save(result);
          return result;
        } finally {
          await backend.close();
        }
      };
    },
  };
}

/** Cloud runs from the dashboard: no terminal to confirm on, so the cost cap alone guards. */
function backendOptions(name: string, deps: VarRunnerDeps, signal: AbortSignal): CloudBackendOptions | Record<string, never> {
  if (name === 'local') return {};
  return {
    settings: deps.settings,
    env: deps.env,
    signal,
    log: deps.log,
    interactive: false,
    functionName: undefined,
    instanceIds: undefined,
    instanceType: undefined,
    maxCostUsd: defaultMaxCostUsd,
    yes: true,
  };
}
