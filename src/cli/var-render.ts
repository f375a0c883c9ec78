// How a VaR result looks in the terminal: a header, one table of method x confidence
// (VaR %, ES %, VaR amount, and the Monte Carlo interval), and the run's timings.
import type { VarResult } from '../app/var-run.js';
import type { VarMethod } from '../core/var/types.js';
import type { CliContext } from './context.js';
import { formatMoney, formatPrice, makeTable, style, writeLine } from './output.js';

const METHOD_LABEL: Record<VarMethod, string> = {
  mc: 'Monte Carlo',
  historical: 'historical',
  parametric: 'parametric',
  'cornish-fisher': 'Cornish-Fisher',
};

/** Most shards listed one by one; beyond this, a min/median/max summary. */
const SHARDS_LISTED = 8;

export function renderVarResult(ctx: CliContext, result: VarResult): void {
  const s = style(ctx.color);
  const action = result.action === null ? 'no signal' : result.action;
  writeLine(
    ctx,
    s.bold(`${result.ticker} ${result.date}`) +
      ` (${action}): ${result.position} ${result.shares} shares at ${formatPrice(result.price)} = ${formatMoney(result.price * result.shares)}`,
  );
  writeLine(ctx, `returns: ${result.history} daily, mean ${pct(result.mean, 3)}, std ${pct(result.std, 3)}`);
  const table = makeTable(ctx, ['Method', 'Level', 'VaR', 'ES', 'VaR amount', 'MC 95% CI of VaR'], ['left', 'right', 'right', 'right', 'right', 'left']);
  for (const [method, estimate] of Object.entries(result.methods) as [VarMethod, NonNullable<VarResult['methods'][VarMethod]>][]) {
    for (const level of result.confidence) {
      const es = estimate.es[level] ?? null;
      const ci = estimate.ci?.[level];
      table.push([
        METHOD_LABEL[method],
        `${level}%`,
        pct(estimate.var[level] as number),
        es === null ? 'n/a' : pct(es),
        formatMoney(estimate.varAmount[level] as number),
        ci === undefined ? '' : intervalText(ci[0], ci[1]),
      ]);
    }
  }
  writeLine(ctx, table.toString());
  if (result.methods.mc !== undefined) {
    writeLine(
      ctx,
      `Monte Carlo: ${result.sims.toLocaleString('en-US')} draws in ${result.resources} shard${result.resources === 1 ? '' : 's'} on ${result.backend}, seed ${result.seed}, ${result.rounds} round${result.rounds === 1 ? '' : 's'}`,
    );
    writeLine(ctx, `shards: ${shardSummary(result)}`);
  }
  writeLine(ctx, `elapsed ${formatMs(result.elapsedMs)}; cost ${result.cost.usd === 0 ? 'none' : `$${result.cost.usd.toFixed(6)}`} (${result.cost.detail})`);
  writeLine(ctx, s.dim(`result ${result.resultId}`));
}

function shardSummary(result: VarResult): string {
  const shards = result.shards;
  const retried = shards.filter((shard) => shard.attempts > 1).length;
  const retries = retried === 0 ? '' : `; ${retried} retried`;
  if (shards.length <= SHARDS_LISTED) {
    return shards.map((shard) => `#${shard.id} ${formatMs(shard.ms)}${shard.attempts > 1 ? ` (${shard.attempts} attempts)` : ''}`).join(', ') + retries;
  }
  const ms = shards.map((shard) => shard.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)] as number;
  return `${shards.length} shards, min ${formatMs(ms[0] as number)}, median ${formatMs(median)}, max ${formatMs(ms.at(-1) as number)}${retries}`;
}

/** The interval with enough decimals that its two ends differ (large N makes it narrow). */
function intervalText(lo: number, hi: number): string {
  const widthPct = (hi - lo) * 100;
  const digits = widthPct > 0 ? Math.min(6, Math.max(2, Math.ceil(-Math.log10(widthPct)) + 1)) : 2;
  return `${pct(lo, digits)} .. ${pct(hi, digits)}`;
}

function pct(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
