import { describe, expect, it } from 'vitest';
import { partitionRows } from './partition.js';

describe('partitionRows', () => {
  // 8 rows of one feature (col 0): bins 0..3, and 4 = the missing bin.
  const bins = Uint8Array.of(0, 3, 1, 4, 2, 0, 4, 3);

  it('splits stably: bin <= b left in place, the rest in order into tmp; NaN right by default', () => {
    const rows = Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    const tmp = new Int32Array(8);
    const l = partitionRows(bins, 0, 1, 4, 0, rows, 0, 8, tmp, 0);
    expect(l).toBe(3);
    expect([...rows.subarray(0, 3)]).toEqual([0, 2, 5]);
    expect([...tmp.subarray(0, 5)]).toEqual([1, 3, 4, 6, 7]);
  });

  it('sends the missing bin left when missingLeft = 1, and writes only rows[start..end) and tmp[tmpAt..tmpAt + end − start)', () => {
    const rows = Int32Array.of(7, 1, 3, 4, 6, 0);
    const tmp = new Int32Array(10).fill(-1);
    const l = partitionRows(bins, 0, 2, 4, 1, rows, 1, 5, tmp, 6);
    // rows 1 (bin 3), 3 (missing), 4 (bin 2), 6 (missing): left are 3, 4, 6.
    expect(l).toBe(3);
    expect([...rows]).toEqual([7, 3, 4, 6, 6, 0]);
    // tmp[6] is the one right row; tmp[7] is scratch (rows are written to both sides).
    expect([...tmp]).toEqual([-1, -1, -1, -1, -1, -1, 1, 6, -1, -1]);
  });

  it('handles b = −1 (nothing by value goes left) and the column offset', () => {
    const two = Uint16Array.of(9, 9, 9, 0, 1, 2); // feature 1 of 3 rows starts at col = 3
    const rows = Int32Array.of(0, 1, 2);
    const tmp = new Int32Array(3);
    expect(partitionRows(two, 3, 0, 3, 0, rows, 0, 3, tmp, 0)).toBe(1);
    expect(rows[0]).toBe(0);
    expect([...tmp.subarray(0, 2)]).toEqual([1, 2]);
    const again = Int32Array.of(0, 1, 2);
    expect(partitionRows(two, 3, -1, 3, 0, again, 0, 3, tmp, 0)).toBe(0);
  });
});
