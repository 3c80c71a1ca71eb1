/**
 * The hypervolume of a front: the volume it dominates up to a reference point, the standard single number for
 * "how good is this set of trade-offs". Exact for 2 and 3 objectives, a seeded Monte Carlo estimate beyond.
 *
 * All objectives minimised; the reference point must be worse than the points that count. A point not strictly
 * better than the reference in every objective adds nothing and is left out (counted in `outside`).
 * - 2 objectives: one sweep along f1, O(n log n).
 * - 3 objectives: sweep along f3 while keeping the (f1, f2) staircase and its area up to date (Beume, Fonseca,
 *   López-Ibáñez, Paquete & Vahrenhold 2009, "On the complexity of computing the hypervolume indicator"),
 *   O(n log n) searches plus array shifts.
 * - 4 to 6: uniform samples in the box [ideal, reference]; the estimate is box volume × fraction dominated, with
 *   standard error box volume × √(p(1 − p)/N).
 */
import { createRng } from '../random/rng.js';

export interface Hypervolume {
  value: number;
  method: 'exact' | 'monte_carlo';
  /** Monte Carlo only (null when exact). */
  standardError: number | null;
  samples: number | null;
  /** Points not strictly better than the reference in every objective. */
  outside: number;
}

/** Row-major copies of the points strictly better than `ref` in every objective. */
function inside(
  points: Float64Array,
  n: number,
  m: number,
  members: ArrayLike<number>,
  ref: ArrayLike<number>,
) {
  const rows: number[] = [];
  let outside = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    let ok = true;
    for (let j = 0; j < m && ok; j++) ok = points[j * n + i]! < ref[j]!;
    if (ok) rows.push(i);
    else outside++;
  }
  const x = new Float64Array(rows.length * m);
  rows.forEach((i, r) => {
    for (let j = 0; j < m; j++) x[r * m + j] = points[j * n + i]!;
  });
  return { x, count: rows.length, outside };
}

function hv2(x: Float64Array, count: number, r1: number, r2: number): number {
  const idx = Array.from({ length: count }, (_, k) => k).sort(
    (a, b) => x[2 * a]! - x[2 * b]! || x[2 * a + 1]! - x[2 * b + 1]!,
  );
  let best = r2;
  let volume = 0;
  for (const k of idx) {
    const y = x[2 * k + 1]!;
    if (y < best) {
      volume += (r1 - x[2 * k]!) * (best - y);
      best = y;
    }
  }
  return volume;
}

/** The (f1, f2) staircase of the points swept so far and the area it dominates up to (r1, r2). */
class AreaStaircase {
  private xs: number[] = [];
  private ys: number[] = [];
  area = 0;
  constructor(
    private readonly r1: number,
    private readonly r2: number,
  ) {}

  insert(px: number, py: number): void {
    const { xs, ys } = this;
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid]! <= px) lo = mid + 1;
      else hi = mid;
    }
    const s = lo - 1;
    if (s >= 0 && ys[s]! <= py) return; // already dominated: no new area
    const j = s >= 0 && xs[s] === px ? s : lo;
    let e = j;
    while (e < xs.length && ys[e]! >= py) e++;
    // New area: between px and the first kept point to the right, above py and below the old profile.
    let x = px;
    let h = j > 0 ? ys[j - 1]! : this.r2;
    let gain = 0;
    for (let t = j; t < e; t++) {
      gain += (xs[t]! - x) * (h - py);
      x = xs[t]!;
      h = ys[t]!;
    }
    gain += ((e < xs.length ? xs[e]! : this.r1) - x) * (h - py);
    this.area += gain;
    xs.splice(j, e - j, px);
    ys.splice(j, e - j, py);
  }
}

function hv3(x: Float64Array, count: number, ref: ArrayLike<number>): number {
  const idx = Array.from({ length: count }, (_, k) => k).sort((a, b) => x[3 * a + 2]! - x[3 * b + 2]!);
  const stairs = new AreaStaircase(ref[0]!, ref[1]!);
  let volume = 0;
  for (let t = 0; t < count; t++) {
    const k = idx[t]!;
    stairs.insert(x[3 * k]!, x[3 * k + 1]!);
    const z = x[3 * k + 2]!;
    const next = t + 1 < count ? x[3 * idx[t + 1]! + 2]! : ref[2]!;
    volume += stairs.area * (next - z);
  }
  return volume;
}

function monteCarlo(
  x: Float64Array,
  count: number,
  m: number,
  ref: ArrayLike<number>,
  samples: number,
  seed: number,
) {
  if (count === 0) return { value: 0, standardError: 0 };
  const lo = new Float64Array(m).fill(Infinity);
  for (let r = 0; r < count; r++) for (let j = 0; j < m; j++) lo[j] = Math.min(lo[j]!, x[r * m + j]!);
  let box = 1;
  for (let j = 0; j < m; j++) box *= ref[j]! - lo[j]!;
  // Points by f1 ascending: a sample can only be dominated by the prefix with f1 ≤ its own.
  const order = Array.from({ length: count }, (_, k) => k).sort((a, b) => x[a * m]! - x[b * m]!);
  const sorted = new Float64Array(count * m);
  order.forEach((k, r) => sorted.set(x.subarray(k * m, k * m + m), r * m));
  const rng = createRng(seed);
  const u = new Float64Array(m);
  let hits = 0;
  for (let s = 0; s < samples; s++) {
    for (let j = 0; j < m; j++) u[j] = lo[j]! + rng.next() * (ref[j]! - lo[j]!);
    for (let r = 0; r < count; r++) {
      const base = r * m;
      if (sorted[base]! > u[0]!) break;
      let j = 1;
      while (j < m && sorted[base + j]! <= u[j]!) j++;
      if (j === m) {
        hits++;
        break;
      }
    }
  }
  const p = hits / samples;
  return { value: box * p, standardError: box * Math.sqrt((p * (1 - p)) / samples) };
}

/**
 * Hypervolume of the points `members` (indices into column-major n × m `points`, all minimised) up to `ref`
 * (length m). Exact for m ≤ 3 unless `forceMonteCarlo`; otherwise `samples` uniform draws from a generator seeded
 * with `seed`. Mutates nothing.
 */
export function hypervolume(
  points: Float64Array,
  n: number,
  m: number,
  members: ArrayLike<number>,
  ref: ArrayLike<number>,
  options: { samples: number; seed: number; forceMonteCarlo?: boolean },
): Hypervolume {
  const { x, count, outside } = inside(points, n, m, members, ref);
  if (m <= 3 && !options.forceMonteCarlo) {
    const value = count === 0 ? 0 : m === 2 ? hv2(x, count, ref[0]!, ref[1]!) : hv3(x, count, ref);
    return { value, method: 'exact', standardError: null, samples: null, outside };
  }
  const mc = monteCarlo(x, count, m, ref, options.samples, options.seed);
  return { ...mc, method: 'monte_carlo', samples: options.samples, outside };
}
