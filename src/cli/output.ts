// Small, shared pieces of terminal output: JSON, colour, number formats, tables.
import { createRequire } from 'node:module';
import type Table from 'cli-table3';
import { UsageError } from '../core/errors.js';
import type { CliContext } from './context.js';

export function writeJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(ctx: CliContext, text = ''): void {
  ctx.stdout.write(`${text}\n`);
}

/** A note for humans on stderr (never pollutes --json or --csv stdout). */
export function writeNote(ctx: CliContext, text: string): void {
  ctx.stderr.write(`${text}\n`);
}

export interface Style {
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function style(enabled: boolean): Style {
  return enabled
    ? { green: ansi(32, 39), red: ansi(31, 39), cyan: ansi(36, 39), yellow: ansi(33, 39), dim: ansi(2, 22), bold: ansi(1, 22) }
    : { green: plain, red: plain, cyan: plain, yellow: plain, dim: plain, bold: plain };
}

/** Money with thousands separators and 2 decimals; sign kept. */
export function formatMoney(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatPrice(value: number): string {
  return value >= 1000 ? formatMoney(value) : value.toFixed(value >= 1 ? 2 : 4);
}

export function formatPct(value: number | null, digits = 2): string {
  return value === null ? 'n/a' : `${value.toFixed(digits)}%`;
}

// Loaded on first use, so commands that print no table (and --version) do not pay for it.
const requireLazily = createRequire(import.meta.url);
let tableClass: typeof Table | undefined;

/** A cli-table3 table that uses colour only when the terminal has it. */
export function makeTable(ctx: CliContext, head: string[], align: ('left' | 'right')[] = []): Table.Table {
  tableClass ??= requireLazily('cli-table3') as typeof Table;
  return new tableClass({
    head,
    colAligns: align,
    style: { head: ctx.color ? ['cyan'] : [], border: ctx.color ? ['grey'] : [], compact: true, 'padding-left': 1, 'padding-right': 1 },
  });
}

/** `--json` and `--csv` pick one output each; asking for both is a usage error. */
export function exclusiveFormats(options: { json?: boolean | undefined; csv?: boolean | undefined }): void {
  if (options.json === true && options.csv === true) throw new UsageError('--json and --csv cannot be used together', { hint: 'pick one output format' });
}
