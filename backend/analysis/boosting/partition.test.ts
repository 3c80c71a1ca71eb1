import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { partitionInto, partitionIntoBackward } from './partition.js';

describe('partitionInto', () => {
  // 8 rows of one feature (col 0): bins 0..3, and 4 = the missing bin.
  const bins = Uint8Array.of(0, 3, 1, 4, 2, 0, 4, 3);

  it('splits stably: bin <= b left from leftAt, the rest in order from rightAt; NaN right by default', () => {
    const src = Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    const dst = new Int32Array(8).fill(-1);
    expect(partitionInto(bins, 0, 1, 4, 0, src, 0, 8, dst, 0, 3)).toBe(3);
    expect([...dst]).toEqual([0, 2, 5, 1, 3, 4, 6, 7]);
  });

  it('sends the missing bin left when missingLeft = 1, and writes exactly one dst element per row', () => {
    const src = Int32Array.of(7, 1, 3, 4, 6, 0);
    const dst = new Int32Array(10).fill(-1);
    // rows 1 (bin 3), 3 (missing), 4 (bin 2), 6 (missing): left are 3, 4, 6; right is 1.
    expect(partitionInto(bins, 0, 2, 4, 1, src, 1, 5, dst, 2, 8)).toBe(3);
    expect([...dst]).toEqual([-1, -1, 3, 4, 6, -1, -1, -1, 1, -1]);
  });

  it('handles b = −1 (nothing by value goes left) and the column offset', () => {
    const two = Uint16Array.of(9, 9, 9, 0, 1, 2); // feature 1 of 3 rows starts at col = 3
    const src = Int32Array.of(0, 1, 2);
    const dst = new Int32Array(3);
    expect(partitionInto(two, 3, 0, 3, 0, src, 0, 3, dst, 0, 1)).toBe(1);
    expect([...dst]).toEqual([0, 1, 2]);
    expect(partitionInto(two, 3, -1, 3, 0, src, 0, 3, dst, 0, 0)).toBe(0);
    expect([...dst]).toEqual([0, 1, 2]);
  });

  it('forwards on the first half and backwards on the second fill the same places as one pass', () => {
    const rng = createRng(5);
    const n = 1000;
    const col = Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 17)); // 16 = missing
    const src = Int32Array.from({ length: 700 }, (_, k) => k + 150);
    for (const [b, ml] of [
      [7, 0],
      [7, 1],
      [-1, 1],
      [15, 0],
    ] as const) {
      const whole = new Int32Array(n).fill(-1);
      const nLeft = partitionInto(col, 0, b, 16, ml, src, 100, 650, whole, 100, 0);
      // Now with the left count known, as the grower has it.
      const one = new Int32Array(n).fill(-1);
      expect(partitionInto(col, 0, b, 16, ml, src, 100, 650, one, 100, 100 + nLeft)).toBe(nLeft);
      const two = new Int32Array(n).fill(-1);
      const lA = partitionInto(col, 0, b, 16, ml, src, 100, 375, two, 100, 100 + nLeft);
      const lB = partitionIntoBackward(col, 0, b, 16, ml, src, 375, 650, two, 100 + nLeft, 650);
      expect(lA + lB).toBe(nLeft);
      expect([...two]).toEqual([...one]);
      // Each side ascending (stable) and the union is exactly the node's rows.
      const left = [...one.subarray(100, 100 + nLeft)];
      const right = [...one.subarray(100 + nLeft, 650)];
      expect(left).toEqual([...left].sort((x, y) => x - y));
      expect(right).toEqual([...right].sort((x, y) => x - y));
      expect([...left, ...right].sort((x, y) => x - y)).toEqual([...src.subarray(100, 650)]);
      expect(one.subarray(0, 100).every((v) => v === -1) && one.subarray(650).every((v) => v === -1)).toBe(
        true,
      );
    }
  });
});
