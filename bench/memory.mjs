// Peak memory (max RSS of the whole process, worker threads included) of
// `stockrisk var --method mc` for growing --sims: it must not grow with N.
// Usage: node bench/memory.mjs [sims list, default 1e6,1e7,1e8] [-r R]   (build first)
// e.g. node bench/memory.mjs 1e6,1e8,1e9
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const simsList = (process.argv[2] ?? '1e6,1e7,1e8').split(',');
const resources = process.argv[3] === '-r' ? process.argv[4] : '2';
const dataDir = process.env.STOCKRISK_DATA_DIR ?? resolve(root, '..', 'shared', 'data');

// The child runs the real CLI entry and reports its own peak RSS when done. It is a file,
// not --eval: worker threads inherit the parent's exec arguments.
const childFile = join(mkdtempSync(join(tmpdir(), 'stockrisk-mem-')), 'child.mjs');
const child = `
import { main } from ${JSON.stringify(join(root, 'dist/src/cli/main.js'))};
const code = await main(process.argv.slice(2));
process.stderr.write('MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n');
process.exitCode = code;
`;

writeFileSync(childFile, child);
console.log(`stockrisk var AMZN --method mc -r ${resources}: peak RSS by --sims\n`);
for (const sims of simsList) {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [childFile, 'var', 'AMZN', '--date', '2020-03-23', '--sims', sims, '-r', resources, '--seed', '1', '--method', 'mc', '--json'],
    {
      env: { ...process.env, STOCKRISK_HOME: mkdtempSync(join(tmpdir(), 'stockrisk-mem-')), STOCKRISK_DATA_DIR: dataDir },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`--sims ${sims} failed: ${run.stderr}`);
  const kb = Number(/MAXRSS_KB (\d+)/.exec(run.stderr)?.[1]);
  const result = JSON.parse(run.stdout);
  console.log(
    `  --sims ${sims.padEnd(5)} peak RSS ${(kb / 1024).toFixed(0).padStart(4)} MB   ${seconds.toFixed(1).padStart(6)} s   ${result.rounds} round(s)   VaR99 ${result.methods.mc.var['99']}`,
  );
}
