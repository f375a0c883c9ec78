// Monte Carlo VaR throughput on ONE core: our full sharded computation in-process
// (plan -> runShard -> mergeShards, every round, exact VaR/ES and CI at 95 and 99) against
// numpy doing the naive single-process job (default_rng().normal + np.partition + tail
// mean), in the same run: batches of each, alternating, both warmed up (numpy reuses its
// generator and the arrays' pages are touched before timing). Times are CPU time
// (process.cpuUsage / time.process_time), so other load on a shared machine distorts them
// less; the figure is the ratio of the medians.
// Usage: node bench/mc-throughput.mjs [sims=1e6] [reps=7]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { parseConfidenceLevels } from '../dist/src/core/quantile.js';
import { mergeShards } from '../dist/src/core/shard/merge.js';
import { firstRound, planShards } from '../dist/src/core/shard/plan.js';
import { runShard } from '../dist/src/core/shard/protocol.js';

const sims = Number(process.argv[2] ?? 1e6);
const reps = Number(process.argv[3] ?? 7);
const spec = { seed: 7, sims, mu: 0.0009, sigma: 0.0225, position: 'long', levels: parseConfidenceLevels('95,99') };

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
  return { ns: ((used.user + used.system) * 1000) / sims, var99: merged.estimates['99'].var };
}

const numpyScript = `
import sys, time, math
import numpy as np
n, reps = int(float(sys.argv[1])), int(sys.argv[2])
rng = np.random.default_rng(7)
def once():
    t = time.process_time()
    losses = -rng.normal(0.0009, 0.0225, n)
    ks = [math.ceil(95 * n / 100), math.ceil(99 * n / 100)]
    part = np.partition(losses, [k - 1 for k in ks])
    var = [part[k - 1] for k in ks]
    es = [part[k - 1:].mean() for k in ks]
    return (time.process_time() - t) * 1e9 / n, var[1]
once()
for _ in range(reps):
    print(*once())
`;

function numpyBatch(count) {
  const run = spawnSync('python3', ['-c', numpyScript, String(sims), String(count)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3/numpy failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [ns, var99] = line.split(/\s+/).map(Number);
      return { ns, var99 };
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
console.log(`sims ${sims.toExponential()} on one core, median of ${batches} x ${reps} runs each (CPU ns per draw):`);
console.log(`  stockrisk (tail strata + exact sharded merge)     : ${jsNs.toFixed(2)} ns/draw = ${(1e3 / jsNs).toFixed(0)} M draws/s`);
console.log(`  numpy default_rng().normal + np.partition:              ${npNs.toFixed(2)} ns/draw = ${(1e3 / npNs).toFixed(0)} M draws/s`);
console.log(`  ratio: ${(npNs / jsNs).toFixed(2)}x numpy   (VaR99 ours ${js[0].var99.toFixed(5)}, numpy ${np[0].var99.toFixed(5)})`);
