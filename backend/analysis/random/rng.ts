/** Seeded randomness for the engine, so every shuffle, fold and sample is reproducible from one integer (STYLE.md §6: no unseeded randomness). */

/**
 * Glossary:
 * - xoshiro128**: Blackman & Vigna's 32-bit generator (period 2^128 − 1), all in 32-bit integer arithmetic, so
 *   the stream is bit-identical on every JavaScript engine.
 * - SplitMix64: the seeding generator Vigna recommends; two of its outputs fill the 128-bit state. Done once
 *   per generator with BigInt, never in the hot path.
 */

export interface Rng {
  /** Next raw 32-bit output of xoshiro128**, an integer in [0, 2^32). Advances the state. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits (two raw outputs). Advances the state. */
  next(): number;
  /** Uniform integer in [0, n), unbiased (rejection sampling); n an integer in [1, 2^32]. Advances the state. */
  int(n: number): number;
  /** Fisher–Yates shuffle IN PLACE (mutates and returns `array`); every permutation equally likely. */
  shuffle<A extends MutableIndexable>(array: A): A;
  /** Standard normal deviate (Marsaglia's polar method; uses only uniform draws, log and sqrt). */
  normal(): number;
}

/** Anything with a length and writable numeric indices: arrays and typed arrays. */
export interface MutableIndexable {
  length: number;
  [index: number]: unknown;
}

const MASK64 = (1n << 64n) - 1n;
const TWO_32 = 4294967296;
const TWO_53_INV = 1 / 9007199254740992;

/** SplitMix64 as a stepping function: returns [next state, output]. Reference: Vigna, splitmix64.c. */
function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

function checkSeed(seed: number, where: string): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`${where}: seed must be a safe integer, got ${seed}`);
}

/**
 * Mixes a seed and a stream number into a new seed (a SplitMix64 step on both), so independent streams (one per
 * outer fold, say) can be derived from one user seed without overlapping sequences of consecutive seeds.
 * Returns a non-negative safe integer (53 bits).
 */
export function deriveSeed(seed: number, stream: number): number {
  checkSeed(seed, 'deriveSeed');
  checkSeed(stream, 'deriveSeed');
  const [, a] = splitMix64(BigInt.asUintN(64, BigInt(seed)));
  const [, b] = splitMix64((a ^ BigInt.asUintN(64, BigInt(stream))) & MASK64);
  return Number(b >> 11n);
}

/**
 * A xoshiro128** generator whose state is filled by SplitMix64 started at `seed` (any safe integer; negative
 * seeds are taken modulo 2^64, as C's uint64_t cast does). State words are the low and high halves of the first
 * two SplitMix64 outputs, in that order. Same seed → same stream on every platform.
 */
export function createRng(seed: number): Rng {
  checkSeed(seed, 'createRng');
  const [s1, a] = splitMix64(BigInt.asUintN(64, BigInt(seed)));
  const [, b] = splitMix64(s1);
  let s0 = Number(a & 0xffffffffn) | 0;
  let sA = Number(a >> 32n) | 0;
  let sB = Number(b & 0xffffffffn) | 0;
  let sC = Number(b >> 32n) | 0;
  // The all-zero state is the one fixed point; SplitMix64 cannot produce two zero outputs in a row, but be safe.
  if ((s0 | sA | sB | sC) === 0) s0 = 1;

  function nextUint32(): number {
    const m = Math.imul(sA, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = sA << 9;
    sB ^= s0;
    sC ^= sA;
    sA ^= sB;
    s0 ^= sC;
    sB ^= t;
    sC = (sC << 11) | (sC >>> 21);
    return result;
  }

  function next(): number {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_53_INV;
  }

  function int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32)
      throw new RangeError(`rng.int: n must be an integer in [1, 2^32], got ${n}`);
    // Accept u below the largest multiple of n that fits in 2^32; the rest would favour small residues.
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const u = nextUint32();
      if (u < limit) return u % n;
    }
  }

  function shuffle<A extends MutableIndexable>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  }

  function normal(): number {
    for (;;) {
      const u = 2 * next() - 1;
      const v = 2 * next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }

  return { nextUint32, next, int, shuffle, normal };
}
