// Independent random streams addressed by (seed, block, stream): each is a xoshiro128++
// generator (Blackman & Vigna: four 32-bit words, adds, xors and rotations, all output bits
// of good quality) whose state is a murmur3-mixed hash of the three coordinates. Any worker
// can open stream (seed, block, stream) and gets the same numbers: this is what makes a
// Monte Carlo run identical for any number of shards. Everything is 32-bit integer
// arithmetic, identical on every engine.

/**
 * Draws per block (2^20). Each block's strata counts cost O(sqrt(size)) to draw, so large
 * blocks make that overhead vanish; a shard starting mid-block skips (cheaply) at most the
 * block's tail draws before its start.
 */
export const DRAWS_PER_BLOCK = 1_048_576;

/** Largest seed accepted: seeds are non-negative safe integers. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * xoshiro128++ state of stream `stream` of block `block` of a seed (block and stream below
 * 2^32). The seed's two 32-bit halves, the block and the stream all feed every state word
 * through murmur3 mixes; a few outputs are discarded so nearby coordinates start far apart.
 */
export function blockState(seed: number, block: number, stream = 0): Int32Array {
  const seedLo = seed >>> 0;
  const seedHi = Math.floor(seed / 4294967296) >>> 0;
  const k0 = mix32(seedLo ^ 0x9e3779b9);
  const k1 = mix32(seedHi ^ mix32(k0 + 0x7f4a7c15));
  const k2 = mix32((block >>> 0) ^ mix32(k1 + 0x243f6a88));
  const k3 = mix32((stream >>> 0) ^ mix32(k2 + 0x85a308d3));
  const state = new Int32Array([mix32(k0 ^ k2), mix32(k1 ^ k3 ^ 0x13198a2e), mix32(k2 + k3 + 0x03707344), mix32(k3 ^ k0 ^ 0xa4093822)]);
  // The all-zero state is the generator's one fixed point.
  if (state.every((word) => word === 0)) state[0] = 1;
  for (let i = 0; i < 8; i++) nextWord(state);
  return state;
}

/** One xoshiro128++ output (unsigned 32-bit), advancing the state in place. */
export function nextWord(state: Int32Array): number {
  let s0 = state[0] as number;
  let s1 = state[1] as number;
  let s2 = state[2] as number;
  let s3 = state[3] as number;
  const sum = (s0 + s3) | 0;
  const result = (((sum << 7) | (sum >>> 25)) + s0) | 0;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return result >>> 0;
}

/** Is this a valid seed? (non-negative safe integer) */
export function isValidSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_52 = 1 / 4503599627370496;

/** A uniform in (0, 1) from two words: 52 random bits, never 0 or 1. */
export function nextUniform(state: Int32Array): number {
  const hi = nextWord(state) >>> 12;
  const lo = nextWord(state);
  // (m + 1/2) / 2^52 for m in 0..2^52-1: exactly representable, strictly inside (0, 1).
  return (hi * TWO_POW_32 + lo + 0.5) * TWO_POW_MINUS_52;
}
