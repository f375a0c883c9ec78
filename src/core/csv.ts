// Yahoo Finance daily CSV -> PriceSeries, per CONTRACTS.md "Prices".
import { DataError } from './errors.js';
import type { PriceField, PriceSeries } from './prices.js';

export interface ParseOptions {
  /** Name used in error messages (a path, or `s3://...`). */
  readonly file: string;
  readonly ticker: string;
  /** `close` forces the Close column; default: Adj Close when present, else Close. */
  readonly price?: PriceField | undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Values Yahoo writes for a day without a price; such rows are dropped, not errors. */
const MISSING = new Set(['', 'null', 'nan', 'na', 'n/a']);

export function parseYahooCsv(text: string, options: ParseOptions): PriceSeries {
  const { file } = options;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerIndex = 0;
  while (headerIndex < lines.length && (lines[headerIndex] as string).trim() === '') headerIndex++;
  if (headerIndex >= lines.length) throw new DataError('the file is empty', { file });

  const header = splitRow(lines[headerIndex] as string).map((name) => name.toLowerCase().replace(/[\s_]/g, ''));
  const headerLine = headerIndex + 1;
  const dateColumn = header.indexOf('date');
  if (dateColumn < 0) {
    throw new DataError('no header with a Date column (expected Date,Open,High,Low,Close,Adj Close,Volume)', { file, line: headerLine });
  }
  const adjColumn = header.indexOf('adjclose');
  const closeColumn = header.indexOf('close');
  const useAdj = options.price !== 'close' && adjColumn >= 0;
  const priceColumn = useAdj ? adjColumn : closeColumn;
  if (priceColumn < 0) {
    const wanted = options.price === 'close' ? 'a Close column' : 'an Adj Close or Close column';
    throw new DataError(`no price column: the header has no ${wanted}`, { file, line: headerLine });
  }
  const priceField: PriceField = useAdj ? 'adjclose' : 'close';

  const rows: { date: string; price: number; line: number }[] = [];
  let dropped = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = splitRow(raw);
    const date = cells[dateColumn];
    if (date === undefined || !isValidDate(date)) {
      throw new DataError(`unparseable date ${JSON.stringify(date ?? '')} (expected YYYY-MM-DD)`, { file, line });
    }
    // A row with more or fewer fields than the header is two rows glued together, or half of one.
    if (cells.length !== header.length) throw new DataError(`expected ${header.length} fields, found ${cells.length}`, { file, line });
    const cell = cells[priceColumn] as string;
    if (MISSING.has(cell.toLowerCase())) {
      dropped++;
      continue;
    }
    if (!NUMBER.test(cell)) throw new DataError(`unparseable price ${JSON.stringify(cell)}`, { file, line });
    const price = Number(cell);
    if (!Number.isFinite(price) || price <= 0) {
      dropped++;
      continue;
    }
    rows.push({ date, price, line });
  }
  if (rows.length === 0) {
    const why = dropped > 0 ? `all ${dropped} rows have no usable price` : 'no data rows after the header';
    throw new DataError(why, { file });
  }

  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1] as (typeof rows)[number];
    const row = rows[i] as (typeof rows)[number];
    if (prev.date === row.date) {
      throw new DataError(`duplicate date ${row.date} (also on line ${prev.line})`, { file, line: row.line });
    }
  }
  return {
    ticker: options.ticker,
    dates: rows.map((row) => row.date),
    prices: rows.map((row) => row.price),
    priceField,
    droppedRows: dropped,
  };
}

function splitRow(line: string): string[] {
  // Yahoo files never quote fields; strip quotes some spreadsheet exports add.
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

function isValidDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}
