/**
 * Prices as exact decimals. A CSV price such as 0.098958 is a decimal, and a crossover
 * where the price equals its moving average exactly (common in old, coarsely quoted
 * data) must not be decided by binary rounding. Each price is taken as the shortest
 * decimal that round-trips to its double (what JavaScript prints, i.e. what the file
 * said) and scaled to a common integer unit.
 */
export function toScaledIntegers(values: readonly number[]): { scaled: bigint[]; scale: number } {
  const parts = values.map(decimalParts);
  const scale = Math.max(0, ...parts.map((p) => -p.exponent));
  const scaled = parts.map((p) => p.digits * 10n ** BigInt(p.exponent + scale));
  return { scaled, scale };
}

/** x = digits * 10^exponent, exactly, from the shortest round-trip decimal of x. */
export function decimalParts(x: number): { digits: bigint; exponent: number } {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const [mantissa = '0', exp = '0'] = String(x).toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = BigInt(`${whole}${fraction}`);
  return { digits: negative ? -digits : digits, exponent: Number(exp) - fraction.length };
}
