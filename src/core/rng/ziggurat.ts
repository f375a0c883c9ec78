// Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, in Doornik's 2005
// ZIGNOR form: 128 layers, the layer index and the signed uniform taken from disjoint bits
// so they are independent). About 98.8% of draws cost two xoshiro128++ outputs, one multiply and
// one compare. Draws are bounded: |z| < 14.4 (the tail uses uniforms >= 2^-54).
import { blockState, DRAWS_PER_BLOCK, nextWord } from './stream.js';

const LAYERS = 128;
/** Start of the tail (x_1) and area of each layer, for 128 layers. */
const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;

/** No draw reaches this in absolute value (tail start + |log 2^-54| / tail start < 14.4). */
export const NORMAL_DRAW_BOUND = 15;

// X[i]: right edge of layer i (X[0] is the bottom layer's equivalent width); RATIO[i] = X[i+1]/X[i].
const X = new Float64Array(LAYERS + 1);
const RATIO = new Float64Array(LAYERS);
// DENSITY[i] = exp(-X[i]^2 / 2): the unnormalised density at each layer edge, for wedges.
const DENSITY = new Float64Array(LAYERS + 1);
{
  let f = Math.exp(-0.5 * TAIL_START * TAIL_START);
  X[0] = LAYER_AREA / f;
  X[1] = TAIL_START;
  X[LAYERS] = 0;
  for (let i = 2; i < LAYERS; i++) {
    const previous = X[i - 1] as number;
    const xi = Math.sqrt(-2 * Math.log(LAYER_AREA / previous + f));
    X[i] = xi;
    f = Math.exp(-0.5 * xi * xi);
  }
  for (let i = 0; i < LAYERS; i++) RATIO[i] = (X[i + 1] as number) / (X[i] as number);
  for (let i = 0; i <= LAYERS; i++) DENSITY[i] = Math.exp(-0.5 * (X[i] as number) * (X[i] as number));
}

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_24 = 1 / 16777216;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * The standard normal draws of one block of a seed, in order. `fill` continues where the
 * previous call stopped, so draw j of the block is the same number however it is chunked.
 */
export class BlockNormals {
  private readonly state: Int32Array;
  private position = 0;

  constructor(seed: number, block: number) {
    this.state = blockState(seed, block);
  }

  /** Draws produced so far. */
  get drawn(): number {
    return this.position;
  }

  /** Write the next `count` draws into out[0..count). */
  fill(out: Float64Array, count: number): void {
    this.drawKeeping(out, count, 1, Number.POSITIVE_INFINITY);
  }

  /**
   * Make the next `count` draws but keep, in order, only those with sign * z <= bound
   * (sign = 1: the lower tail up to bound; -1: the upper tail from -bound). Returns how
   * many were kept. The kernel uses this to skip the draws that cannot reach a loss window
   * without storing them: the stream advances exactly as with `fill`.
   */
  drawKeeping(out: Float64Array, count: number, sign: 1 | -1, bound: number): number {
    const wanted = count | 0;
    if (wanted !== count || count < 0 || count > out.length || this.position + count > DRAWS_PER_BLOCK) {
      throw new RangeError(`cannot draw ${count} more from a block at ${this.position}`);
    }
    const state = this.state;
    // Locals, not module bindings, in the hot loop (V8 re-checks module bindings).
    const ratio = RATIO;
    const edge = X;
    const scale = TWO_POW_MINUS_24;
    // `| 0` tells V8 the words are int32, so they stay integers in registers.
    let s0 = (state[0] as number) | 0;
    let s1 = (state[1] as number) | 0;
    let s2 = (state[2] as number) | 0;
    let s3 = (state[3] as number) | 0;
    let n = 0;
    let kept = 0;
    while (n < wanted) {
      // One xoshiro128++ output, inlined: the hot path of the whole product.
      const sum = (s0 + s3) | 0;
      const word = (((sum << 7) | (sum >>> 25)) + s0) | 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // Bits 0-6 pick the layer; bits 7-31, as a signed 25-bit integer j, give
      // u = (j + 1/2) / 2^24 in (-1, 1): symmetric, never 0, independent of the layer.
      const u = ((word >> 7) + 0.5) * scale;
      const layer = word & 127;
      if (Math.abs(u) < (ratio[layer] as number)) {
        const z = u * (edge[layer] as number);
        if (sign * z <= bound) out[kept++] = z;
        n++;
        continue;
      }
      state[0] = s0;
      state[1] = s1;
      state[2] = s2;
      state[3] = s3;
      const z = slowPath(state, layer, u);
      s0 = (state[0] as number) | 0;
      s1 = (state[1] as number) | 0;
      s2 = (state[2] as number) | 0;
      s3 = (state[3] as number) | 0;
      if (Number.isNaN(z)) continue;
      if (sign * z <= bound) out[kept++] = z;
      n++;
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
    this.position = (this.position + wanted) | 0;
    return kept;
  }
}

/** A uniform in (0, 1) with 53 random bits, never 0 (so its log is finite). */
function nextOpenUniform(state: Int32Array): number {
  const hi = nextWord(state) >>> 11;
  const lo = nextWord(state);
  return (hi * TWO_POW_32 + lo) * TWO_POW_MINUS_53 + TWO_POW_MINUS_53 / 2;
}

/** The bottom layer's tail or a wedge; NaN means "rejected, draw again". */
function slowPath(state: Int32Array, layer: number, u: number): number {
  if (layer === 0) {
    let x: number;
    let y: number;
    do {
      x = Math.log(nextOpenUniform(state)) / TAIL_START;
      y = Math.log(nextOpenUniform(state));
    } while (-2 * y < x * x);
    return u < 0 ? x - TAIL_START : TAIL_START - x;
  }
  // A wedge: accept x if a uniform height within the layer lies under the density.
  const x = u * (X[layer] as number);
  const bottom = DENSITY[layer] as number;
  const top = DENSITY[layer + 1] as number;
  return top + nextOpenUniform(state) * (bottom - top) < Math.exp(-0.5 * x * x) ? x : Number.NaN;
}
