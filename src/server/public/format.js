// Number formats shown on the pages. The exact values stay in each cell's data-value, so
// the tests can compare them with the CLI's --json output.

const money2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function money(value) {
  return value === null || value === undefined ? '—' : money2.format(value);
}

export function price(value) {
  if (value === null || value === undefined) return '—';
  return value >= 1000 ? money2.format(value) : value.toFixed(value >= 1 ? 2 : 4);
}

/** A fraction (0.0123) as a percent with `digits` decimals ("1.2300%"). */
export function fractionPct(value, digits = 4) {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A value already in percent (12.3) as "12.30%". */
export function pct(value, digits = 2) {
  return value === null || value === undefined ? '—' : `${value.toFixed(digits)}%`;
}

export function seconds(ms) {
  return ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`;
}

export function usd(value) {
  if (value === null || value === undefined) return '—';
  return value === 0 ? '$0' : value < 0.01 ? `$${value.toPrecision(3)}` : `$${money2.format(value)}`;
}

export function integer(value) {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/** A cell for table(): formatted text plus the exact number in data-value; `signed` colours gains and losses. */
export function numberCell(value, formatter, signed = false) {
  const sign = signed && typeof value === 'number' ? (value < 0 ? 'neg' : value > 0 ? 'pos' : '') : '';
  return { text: formatter(value), value: value ?? '', class: `num ${sign}`.trim() };
}
