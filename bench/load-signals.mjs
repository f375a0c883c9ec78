// Load test of the dashboard's signals API: `stockrisk serve` (the built binary, its own
// process) on 127.0.0.1, hit by autocannon for a bounded time per URL. A static file from
// the same server is measured in the same run as the reference (framework + socket cost).
// Usage: node bench/load-signals.mjs [seconds per URL, default 10] [connections, default 10]
// Build first (npm run build). Only 127.0.0.1 is ever contacted.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Math.min(Number(process.argv[2] ?? 10), 60);
const connections = Math.min(Number(process.argv[3] ?? 10), 100);
const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.env.STOCKRISK_DATA_DIR ?? resolve(root, '..', 'shared', 'data');

const server = spawn(process.execPath, [join(root, 'bin', 'stockrisk.js'), 'serve', '--port', '0'], {
  env: { ...process.env, STOCKRISK_HOME: mkdtempSync(join(tmpdir(), 'stockrisk-bench-')), STOCKRISK_DATA_DIR: dataDir, NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
const base = await new Promise((done, fail) => {
  let out = '';
  server.stdout.setEncoding('utf8').on('data', (chunk) => {
    out += chunk;
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (match) done(match[1]);
  });
  server.on('exit', (code) => fail(new Error(`serve exited with ${code}`)));
});

const targets = [
  ['static /favicon.svg (reference)', '/favicon.svg'],
  ['GET /api/companies', '/api/companies'],
  ['GET /api/signals/BABA?window=20 (1,570 rows)', '/api/signals/BABA?window=20'],
  ['GET /api/signals/AMZN?window=20 (5,935 rows)', '/api/signals/AMZN?window=20'],
];

const results = [];
try {
  for (const [name, path] of targets) {
    const result = await autocannon({ url: `${base}${path}`, connections, duration: seconds, pipelining: 1 });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    results.push({ name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, mbps: result.throughput.average / 1e6 });
  }
} finally {
  server.kill('SIGTERM');
}

const reference = results[0].rps;
console.log(`dashboard load test: ${connections} connections, ${seconds} s per URL, node ${process.version}, 127.0.0.1`);
console.log(`${'endpoint'.padEnd(48)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'MB/s'.padStart(7)}  vs static`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(48)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${r.mbps.toFixed(1).padStart(7)}  ${(r.rps / reference).toFixed(3)}x`,
  );
}
