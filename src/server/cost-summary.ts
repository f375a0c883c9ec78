// GET /api/costs: stored runs grouped by backend and R, so the Costs page can compare
// elapsed time and money across backends and shard counts.

/** The fields of a stored `var` result that the summary reads. */
export interface CostedRun {
  readonly backend: string;
  readonly resources: number;
  readonly sims: number;
  readonly elapsedMs: number;
  readonly cost: { readonly usd: number };
}

export interface CostGroup {
  readonly backend: string;
  readonly resources: number;
  readonly runs: number;
  readonly totalSims: number;
  readonly meanElapsedMs: number;
  readonly meanCostUsd: number;
  readonly totalCostUsd: number;
}

export function summarizeCosts(runs: readonly CostedRun[]): { groups: CostGroup[] } {
  const groups = new Map<string, { backend: string; resources: number; runs: number; totalSims: number; elapsedMs: number; usd: number }>();
  // Stored files come from disk and the bucket: one that lacks these fields (damaged, or
  // written by something else) is left out rather than failing the whole page.
  for (const run of runs.filter(isCostedRun)) {
    const key = `${run.backend}\u0000${run.resources}`;
    const group = groups.get(key) ?? { backend: run.backend, resources: run.resources, runs: 0, totalSims: 0, elapsedMs: 0, usd: 0 };
    group.runs += 1;
    group.totalSims += run.sims;
    group.elapsedMs += run.elapsedMs;
    group.usd += run.cost.usd;
    groups.set(key, group);
  }
  return {
    groups: [...groups.values()]
      .sort((a, b) => a.backend.localeCompare(b.backend) || a.resources - b.resources)
      .map((g) => ({
        backend: g.backend,
        resources: g.resources,
        runs: g.runs,
        totalSims: g.totalSims,
        meanElapsedMs: g.elapsedMs / g.runs,
        meanCostUsd: g.usd / g.runs,
        totalCostUsd: g.usd,
      })),
  };
}

function isCostedRun(run: CostedRun): boolean {
  const numbers = [run.resources, run.sims, run.elapsedMs, (run.cost as { usd?: unknown } | undefined)?.usd];
  return typeof run.backend === 'string' && numbers.every((value) => typeof value === 'number' && Number.isFinite(value));
}
