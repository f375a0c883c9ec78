// Runs every benchmark in turn with the arguments the README's figures came from.
// Usage: node bench/run.mjs   (or npm run bench; build first: npm run build)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchmarks = [
  ['startup.mjs', ['25']],
  ['mc-throughput.mjs', ['1e6', '7']],
  ['scaling.mjs', ['2e8', '3', '2']],
  ['memory.mjs', ['1e6,1e7,1e8,1e9']],
  ['load-signals.mjs', ['10', '10']],
];

let failed = 0;
for (const [file, args] of benchmarks) {
  console.log(`\n$ node bench/${file} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url)), ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
