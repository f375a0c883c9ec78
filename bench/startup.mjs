// Start-up cost of the CLI: `stockrisk --version` and `stockrisk signals SPX --json`
// against a bare `node -e 0`, measured in the same run, interleaved, median of N.
// Usage: node bench/startup.mjs [runs]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 25);
const bin = fileURLToPath(new URL('../bin/stockrisk.js', import.meta.url));
const env = { ...process.env, STOCKRISK_HOME: mkdtempSync(join(tmpdir(), 'stockrisk-bench-')), NO_COLOR: '1' };
const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'stockrisk --version': [process.execPath, [bin, '--version']],
  'stockrisk signals SPX --json': [process.execPath, [bin, 'signals', 'SPX', '--json']],
};

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, [command, args]] of Object.entries(commands)) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    samples[name].push(ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples['node -e 0']);
console.log(`startup, median of ${runs} runs (ms), ratio to node -e 0:`);
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  console.log(`  ${name.padEnd(30)} ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2)}x`);
}
