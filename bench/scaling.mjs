// Scaling of the local backend: the same Monte Carlo VaR (all rounds, exact merge) with
// R = 1, 2, ... shards on as many worker threads, wall time, median of several runs,
// interleaved. On the 2-core machine the target is >= 1.8x from R=1 to R=2.
// Use an N where every R needs the same number of rounds (2e8: two for R = 1 and 2), or
// the comparison mixes parallelism with round counts.
// Usage: node bench/scaling.mjs [sims=2e8] [reps=3] [maxR=2]   (build first: npm run build)
import { createBackend } from '../dist/src/backends/index.js';
import { parseConfidenceLevels } from '../dist/src/core/quantile.js';
import { mergeShards } from '../dist/src/core/shard/merge.js';
import { firstRound, planShards } from '../dist/src/core/shard/plan.js';

const sims = Number(process.argv[2] ?? 2e8);
const reps = Number(process.argv[3] ?? 3);
const maxR = Number(process.argv[4] ?? 2);
const spec = { seed: 11, sims, mu: 0.0009, sigma: 0.0225, position: 'long', levels: parseConfidenceLevels('95,99') };

async function timeRun(backend, resources) {
  const started = performance.now();
  let round = firstRound(spec);
  let rounds = 0;
  for (;;) {
    const outcomes = await backend.run(planShards(spec, resources, round));
    const merged = mergeShards(
      spec,
      round,
      outcomes.map((o) => o.result),
    );
    rounds++;
    if (merged.done) return { ms: performance.now() - started, rounds, var99: merged.estimates['99'].var };
    round = merged.next;
  }
}

const counts = Array.from({ length: maxR }, (_, i) => i + 1);
const backends = new Map();
for (const r of counts) backends.set(r, await createBackend('local', { threads: r }));
for (const r of counts) await timeRun(backends.get(r), r); // warm up every thread's JIT
const samples = new Map(counts.map((r) => [r, []]));
const rounds = new Map();
const answers = new Set();
for (let i = 0; i < reps; i++) {
  for (const r of counts) {
    const run = await timeRun(backends.get(r), r);
    samples.get(r).push(run.ms);
    rounds.set(r, run.rounds);
    answers.add(run.var99);
  }
}
for (const backend of backends.values()) await backend.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples.get(1));
console.log(`local backend, ${sims.toExponential()} draws, median of ${reps} (wall time):`);
for (const r of counts) {
  const ms = median(samples.get(r));
  console.log(
    `  R=${r}: ${ms.toFixed(0)} ms  speed-up ${(base / ms).toFixed(2)}x  (${(((sims / ms) * 1e3) / 1e6).toFixed(0)} M draws/s, ${rounds.get(r)} rounds)`,
  );
}
console.log(`  identical VaR99 across R and runs: ${answers.size === 1}`);
