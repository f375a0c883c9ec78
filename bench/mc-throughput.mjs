// Monte Carlo VaR throughput on ONE core: our full sharded computation in-process
// (plan -> runShard -> mergeShards, every round, exact VaR/ES and CI per level) against
// numpy doing the naive single-process job (default_rng().normal + np.partition + tail
// mean), in the same run: batches of each, alternating, both warmed up (numpy reuses its
// generator and the arrays' pages are touched before timing). Times are CPU time
// (process.cpuUsage / time.process_time), so other load on a shared machine distorts them
// less; the figure is the ratio of the medians.
// Our kernel draws only the loss-tail strata a run needs (docs/protocol.md), so the
// levels matter: pass e.g. 50 to see the worst case, where half the draws are made.
// Usage: node bench/mc-throughput.mjs [sims=1e6] [reps=7] [levels=95,99]   (build first)
import { spawnSync } from 'node:child_process';
import { parseConfidenceLevels } from '../dist/src/core/quantile.js';
import { mergeShards } from '../dist/src/core/shard/merge.js';
import { firstRound, planShards } from '../dist/src/core/shard/plan.js';
import { runShard } from '../dist/src/core/shard/protocol.js';

const sims = Number(process.argv[2] ?? 1e6);
const reps = Number(process.argv[3] ?? 7);
const levelText = process.argv[4] ?? '95,99';
const spec = { seed: 7, sims, mu: 0.0009, sigma: 0.0225, position: 'long', levels: parseConfidenceLevels(levelText) };

function ours() {
  const before = process.cpuUsage();
  let round = firstRound(spec);
  let merged;
  for (;;) {
    merged = mergeShards(spec, round, planShards(spec, 1, round).map(runShard));
    if (merged.done) break;
    round = merged.next;
  }
  const used = process.cpuUsage(before);
  return { ns: ((used.user + used.system) * 1000) / sims, last: merged.estimates[spec.levels.at(-1).label].var };
}

const numpyScript = `
import sys, time, math
from fractions import Fraction
import numpy as np
n, reps = int(float(sys.argv[1])), int(sys.argv[2])
levels = [Fraction(level) for level in sys.argv[3].split(',')]
rng = np.random.default_rng(7)
def once():
    t = time.process_time()
    losses = -rng.normal(0.0009, 0.0225, n)
    ks = [math.ceil(level * n / 100) for level in levels]
    part = np.partition(losses, [k - 1 for k in ks])
    var = [part[k - 1] for k in ks]
    es = [part[k - 1:].mean() for k in ks]
    return (time.process_time() - t) * 1e9 / n, var[-1]
once()
for _ in range(reps):
    print(*once())
`;

function numpyBatch(count) {
  const run = spawnSync('python3', ['-c', numpyScript, String(sims), String(count), levelText], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3/numpy failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [ns, last] = line.split(/\s+/).map(Number);
      return { ns, last };
    });
}

ours(); // warm up the JIT once, as a long-running worker would be
const js = [];
const np = [];
const batches = 3;
for (let b = 0; b < batches; b++) {
  for (let i = 0; i < reps; i++) js.push(ours());
  np.push(...numpyBatch(reps));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const jsNs = median(js.map((x) => x.ns));
const npNs = median(np.map((x) => x.ns));
console.log(`sims ${sims.toExponential()}, levels ${levelText}, on one core, median of ${batches} x ${reps} runs each (CPU ns per draw):`);
console.log(`  stockrisk (tail strata + exact sharded merge)     : ${jsNs.toFixed(2)} ns/draw = ${(1e3 / jsNs).toFixed(0)} M draws/s`);
console.log(`  numpy default_rng().normal + np.partition:              ${npNs.toFixed(2)} ns/draw = ${(1e3 / npNs).toFixed(0)} M draws/s`);
console.log(`  ratio: ${(npNs / jsNs).toFixed(2)}x numpy   (VaR${spec.levels.at(-1).label} ours ${js[0].last.toFixed(5)}, numpy ${np[0].last.toFixed(5)})`);
