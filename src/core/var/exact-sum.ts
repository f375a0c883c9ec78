// Exact floating-point summation (Shewchuk's non-overlapping partials, as Python's
// math.fsum). The sum of a multiset does not depend on the order of the additions or on
// how it was split between shards, so Expected Shortfall is bit-identical for any R.

export class ExactSum {
  // Non-overlapping partials in increasing magnitude; a handful in practice, grown on demand.
  private partials = new Float64Array(16);
  private used = 0;

  add(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`cannot sum ${value}`);
    if (this.used === this.partials.length) {
      const grown = new Float64Array(this.partials.length * 2);
      grown.set(this.partials);
      this.partials = grown;
    }
    const p = this.partials;
    let x = value;
    let kept = 0;
    for (let j = 0; j < this.used; j++) {
      let y = p[j] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[kept++] = lo;
      x = hi;
    }
    p[kept++] = x;
    this.used = kept;
  }

  /** Add count * value exactly (Dekker's two-product by Veltkamp splitting). */
  addMultiple(value: number, count: number): void {
    const [hi, lo] = twoProduct(value, count);
    this.add(hi);
    if (lo !== 0) this.add(lo);
  }

  /** Add another exact sum given as its partials (from a shard result). */
  addPartials(partials: readonly number[]): void {
    for (const partial of partials) this.add(partial);
  }

  /** The exact sum as non-overlapping partials, plain numbers for JSON. */
  toPartials(): number[] {
    return Array.from(this.partials.subarray(0, this.used));
  }

  /** The exact sum correctly rounded to the nearest double. */
  value(): number {
    const p = this.partials;
    let n = this.used;
    if (n === 0) return 0;
    let hi = p[--n] as number;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n] as number;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Round half-way cases correctly: the rest of the partials decide the direction.
    if (n > 0 && ((lo < 0 && (p[n - 1] as number) < 0) || (lo > 0 && (p[n - 1] as number) > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
    return hi;
  }
}

const SPLITTER = 134217729; // 2^27 + 1

function twoProduct(a: number, b: number): [number, number] {
  const product = a * b;
  const [aHi, aLo] = split(a);
  const [bHi, bLo] = split(b);
  const error = aLo * bLo - (product - aHi * bHi - aLo * bHi - aHi * bLo);
  return [product, error];
}

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** The exact sum of values, correctly rounded. */
export function exactSum(values: Iterable<number>): number {
  const sum = new ExactSum();
  for (const value of values) sum.add(value);
  return sum.value();
}
