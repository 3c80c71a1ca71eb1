/**
 * Orders points lexicographically by their objectives in near-linear time, because every Pareto sweep here needs
 * a processing order in which a point's dominators come first, and a comparison sort of a million rows would be
 * the slowest part of the whole sort.
 *
 * Method: LSD radix sort, 16-bit digits, on the IEEE-754 bits mapped to unsigned integers that order like the
 * numbers (flip every bit of negatives, the sign bit of the rest; −0 is read as +0); passes whose digit is the
 * same for every row are skipped. The first objective is sorted first; runs of equal first values are then
 * ordered by the other objectives with a comparison sort when they are few, or, when ties are common (integer
 * data), the whole order is redone as a radix sort on every objective, last objective first (stable passes).
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const RADIX = 1 << 16;
/** Beyond this fraction of rows in runs of equal first values, a full multi-key radix sort is cheaper. */
const TIED_FRACTION_FOR_FULL_SORT = 0.125;

interface Scratch {
  bits: Float64Array;
  words: Uint32Array;
  digits: Uint16Array;
  count: Int32Array;
  spare: Int32Array;
}

/** Stable radix passes of `order` by objective j; returns the array holding the result (order or the spare). */
function radixByObjective(
  points: Float64Array,
  n: number,
  j: number,
  order: Int32Array,
  s: Scratch,
): Int32Array {
  const { bits, words, digits, count } = s;
  const lo = LITTLE_ENDIAN ? 0 : 1;
  const hi = 1 - lo;
  for (let i = 0; i < n; i++) bits[i] = points[j * n + i]! + 0; // + 0 turns −0 into +0
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + hi]!;
    if (h & 0x80000000) {
      words[2 * i + hi] = ~h;
      words[2 * i + lo] = ~words[2 * i + lo]!;
    } else {
      words[2 * i + hi] = h | 0x80000000;
    }
  }
  let src = order;
  let dst = s.spare;
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) digits[i] = (words[2 * i + word]! >>> shift) & 0xffff;
    count.fill(0);
    for (let i = 0; i < n; i++) count[digits[i]!]!++;
    if (count[digits[0]!] === n) continue; // one digit value for all rows: nothing to reorder
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const row = src[k]!;
      dst[count[digits[row]!]!++] = row;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  s.spare = dst;
  return src;
}

/**
 * Row indices of `points` (column-major n × m: objective j of row i at j·n + i; no NaN) in lexicographic order
 * of (objective 0, objective 1, …), ties kept in row order. Mutates nothing.
 */
export function lexOrder(points: Float64Array, n: number, m: number): Int32Array {
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  if (n < 2) return identity;
  const bits = new Float64Array(n);
  const s: Scratch = {
    bits,
    words: new Uint32Array(bits.buffer),
    digits: new Uint16Array(n),
    count: new Int32Array(RADIX),
    spare: new Int32Array(n),
  };
  const order = radixByObjective(points, n, 0, identity.slice(), s);
  if (m === 1) return order;

  // Runs of equal first values.
  const runs: number[] = [];
  let tied = 0;
  for (let k = 0; k < n;) {
    const v = points[order[k]!]!;
    let e = k + 1;
    while (e < n && points[order[e]!] === v) e++;
    if (e - k > 1) {
      runs.push(k, e);
      tied += e - k;
    }
    k = e;
  }
  if (tied === 0) return order;
  if (tied > TIED_FRACTION_FOR_FULL_SORT * n) {
    let full: Int32Array = identity;
    for (let j = m - 1; j >= 0; j--) full = radixByObjective(points, n, j, full, s);
    return full;
  }
  const compare = (a: number, b: number): number => {
    for (let j = 1; j < m; j++) {
      const x = points[j * n + a]!;
      const y = points[j * n + b]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return a - b;
  };
  for (let r = 0; r < runs.length; r += 2) {
    const run = Array.from(order.subarray(runs[r]!, runs[r + 1]!)).sort(compare);
    order.set(run, runs[r]!);
  }
  return order;
}
