import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { thinFront } from './epsilon-thinning.js';
import { normaliseFront } from './knee-point.js';

/** s points on the simplex x + y + z = 1 (a front), column-major. */
function simplexFront(s: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(3 * s);
  for (let i = 0; i < s; i++) {
    const a = -Math.log(1 - rng.next());
    const b = -Math.log(1 - rng.next());
    const c = -Math.log(1 - rng.next());
    const t = a + b + c;
    x[i] = a / t;
    x[s + i] = b / t;
    x[2 * s + i] = c / t;
  }
  return x;
}

describe('thinFront', () => {
  it('keeps everything when the front is small enough', () => {
    const x = normaliseFront(
      simplexFront(40, 1),
      40,
      3,
      Array.from({ length: 40 }, (_, i) => i),
    );
    expect(thinFront(x, 40, 3, 50)).toEqual({
      kept: Int32Array.from({ length: 40 }, (_, i) => i),
      epsilon: null,
    });
  });

  it('keeps at most maxPoints, always the must-keep ones, and every dropped point is ε-dominated by a kept one', () => {
    const s = 5000;
    const members = Array.from({ length: s }, (_, i) => i);
    const x = normaliseFront(simplexFront(s, 2), s, 3, members);
    const must = [17, 4242];
    const t = thinFront(x, s, 3, 300, must);
    expect(t.kept.length).toBeLessThanOrEqual(300);
    expect(t.kept.length).toBeGreaterThan(150);
    expect(t.epsilon).toBeGreaterThan(0);
    for (const k of must) expect(t.kept).toContain(k);
    const eps = t.epsilon!;
    for (let k = 0; k < s; k += 7) {
      const covered = [...t.kept].some((q) =>
        [0, 1, 2].every((j) => x[q * 3 + j]! - eps <= x[k * 3 + j]! + 1e-12),
      );
      expect(covered).toBe(true);
    }
  });
});
