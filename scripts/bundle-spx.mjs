// Rebuilds data/SPX.csv from the vega-datasets npm package's daily S&P 500 file
// (data/sp500-2000.csv, Yahoo Finance daily rows 2000-01-03..2020-04-17, BSD-3-Clause).
// The rows are copied unchanged; only the header is spelled the way Yahoo spells it.
// Usage: node scripts/bundle-spx.mjs [--check]   (--check: exit 1 if data/SPX.csv differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'vega-datasets', 'data', 'sp500-2000.csv');
const [header, ...rows] = readFileSync(source, 'utf8').trimEnd().split('\n');
if (header !== 'date,open,high,low,close,adjclose,volume') throw new Error(`unexpected header in ${source}: ${header}`);
const text = `Date,Open,High,Low,Close,Adj Close,Volume\n${rows.join('\n')}\n`;
const target = join(root, 'data', 'SPX.csv');
if (process.argv.includes('--check')) {
  const same = readFileSync(target, 'utf8') === text;
  console.log(same ? 'data/SPX.csv matches vega-datasets' : 'data/SPX.csv differs from vega-datasets');
  process.exit(same ? 0 : 1);
}
writeFileSync(target, text);
console.log(`wrote ${target}: ${rows.length} rows`);
