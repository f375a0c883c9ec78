import { describe, expect, it } from 'vitest';
import { parseYahooCsv } from '../../src/core/csv.js';
import { DataError } from '../../src/core/errors.js';

const parse = (text: string, price?: 'adjclose' | 'close') => parseYahooCsv(text, { file: 'x.csv', ticker: 'X', price });
const HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('parseYahooCsv', () => {
  it('takes Adj Close when present, Close when forced', () => {
    const text = `${HEADER}\n2020-01-02,1,1,1,10,9.5,100\n2020-01-03,1,1,1,11,10.5,100`;
    expect(parse(text).prices).toEqual([9.5, 10.5]);
    expect(parse(text).priceField).toBe('adjclose');
    expect(parse(text, 'close').prices).toEqual([10, 11]);
    expect(parse(text, 'close').priceField).toBe('close');
  });

  it('accepts any header case, the adjclose spelling, CRLF, a BOM and no final newline', () => {
    const text = `\uFEFFdate,open,high,low,close,adjclose,volume\r\n2020-01-02,1,1,1,10,9.5,100\r\n`;
    expect(parse(text)).toMatchObject({ dates: ['2020-01-02'], prices: [9.5], droppedRows: 0 });
  });

  it('falls back to Close when there is no Adj Close column', () => {
    expect(parse('Date,Close\n2020-01-02,7').prices).toEqual([7]);
  });

  it('drops empty, null, NaN and non-positive prices and counts them', () => {
    const text = `${HEADER}\n2020-01-02,1,1,1,1,null,1\n2020-01-03,1,1,1,1,,1\n2020-01-06,1,1,1,1,NaN,1\n2020-01-07,1,1,1,1,0,1\n2020-01-08,1,1,1,1,-3,1\n2020-01-09,1,1,1,1,4,1`;
    const series = parse(text);
    expect(series.prices).toEqual([4]);
    expect(series.droppedRows).toBe(5);
  });

  it('sorts rows by date', () => {
    const series = parse(`${HEADER}\n2020-01-03,1,1,1,1,3,1\n2020-01-01,1,1,1,1,1,1\n2020-01-02,1,1,1,1,2,1`);
    expect(series.dates).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
    expect(series.prices).toEqual([1, 2, 3]);
  });

  it('rejects a duplicated date, naming it and its line', () => {
    const error = errorOf(() => parse(`${HEADER}\n2020-01-02,1,1,1,1,1,1\n2020-01-03,1,1,1,1,1,1\n2020-01-02,1,1,1,1,2,1`));
    expect(error.line).toBe(4);
    expect(error.message).toContain('2020-01-02');
    expect(error.message).toContain('x.csv:4');
  });

  it.each([
    ['an unparseable number', `${HEADER}\n2020-01-02,1,1,1,1,1,1\n2020-01-03,1,1,1,1,12x,1`, 3, 'unparseable price'],
    ['an unparseable date', `${HEADER}\n2020-01-02,1,1,1,1,1,1\n02/01/2020,1,1,1,1,1,1`, 3, 'unparseable date'],
    ['an impossible date', `${HEADER}\n2020-02-30,1,1,1,1,1,1`, 2, 'unparseable date'],
    ['a short row', `${HEADER}\n2020-01-02,1,1`, 2, 'expected 7 fields, found 3'],
    ['two rows glued together', `${HEADER}\n2020-01-02,1,1,1,1,1,77663002020-01-03,1,1,1,1,1,1`, 2, 'expected 7 fields, found 13'],
    ['no header', '2020-01-02,1,1,1,1,1,1', 1, 'no header'],
    ['no price column', 'Date,Open,Volume\n2020-01-02,1,1', 1, 'no price column'],
  ])('rejects %s with file and line', (_name, text, line, message) => {
    const error = errorOf(() => parse(text));
    expect(error.line).toBe(line);
    expect(error.file).toBe('x.csv');
    expect(error.message).toContain(message);
  });

  it.each([
    ['an empty file', '', 'empty'],
    ['a header only', HEADER, 'no data rows'],
    ['all prices null', `${HEADER}\n2020-01-02,null,null,null,null,null,null`, 'all 1 rows have no usable price'],
  ])('rejects %s', (_name, text, message) => {
    expect(errorOf(() => parse(text)).message).toContain(message);
  });
});
