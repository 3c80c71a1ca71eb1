import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { binTrainingMatrix } from './binning.js';
import { MAX_KERNEL_SPAN, rowsKernel } from './histogram-kernels.js';
import {
  accumulateAllRows,
  accumulateHistogram,
  buildHistogram,
  histogramWidth,
  scaledSlotsFitUint16,
  scaleSlotBlock,
  scaleSlots,
  subtractHistogram,
} from './histogram.js';

function setup(n: number, p: number) {
  const rng = createRng(11);
  const x = Float64Array.from({ length: n * p }, () =>
    rng.next() < 0.05 ? Number.NaN : Math.floor(rng.next() * 40),
  );
  const b = binTrainingMatrix(x, n, p, 16);
  const grad = Float64Array.from({ length: n }, () => rng.normal());
  const hess = Float64Array.from({ length: n }, () => rng.next());
  return { b, grad, hess, rows: Int32Array.from({ length: n }, (_, i) => i) };
}

/** Brute force: sums per slot by direct loops. */
function naive(b: ReturnType<typeof setup>['b'], rows: number[], grad: Float64Array, hess: Float64Array) {
  const total = b.offset[b.p]!;
  const g = new Float64Array(total);
  const h = new Float64Array(total);
  const c = new Float64Array(total);
  for (const i of rows) {
    for (let j = 0; j < b.p; j++) {
      const s = b.slots[i * b.p + j]!;
      g[s]! += grad[i]!;
      h[s]! += hess[i]!;
      c[s]! += 1;
    }
  }
  return { g, h, c };
}

describe('buildHistogram', () => {
  it.each([7, 8])(
    'sums gradient, hessian and count per slot (width 3, p = %d, unrolled loop + tail)',
    (p) => {
      const { b, grad, hess, rows } = setup(300, p);
      const out = new Float64Array(b.offset[p]! * 3);
      buildHistogram(b.slots, p, rows, 10, 250, grad, hess, 0, out);
      const ref = naive(
        b,
        Array.from({ length: 240 }, (_, k) => k + 10),
        grad,
        hess,
      );
      for (let s = 0; s < b.offset[p]!; s++) {
        expect(out[3 * s]).toBeCloseTo(ref.g[s]!, 12);
        expect(out[3 * s + 1]).toBeCloseTo(ref.h[s]!, 12);
        expect(out[3 * s + 2]).toBe(ref.c[s]);
      }
    },
  );

  it('with a constant hessian stores [Σg, count] only (width 2) and never reads hess', () => {
    const { b, grad, rows } = setup(200, 5);
    expect(histogramWidth(1)).toBe(2);
    const out = new Float64Array(b.offset[5]! * 2);
    buildHistogram(b.slots, 5, rows, 0, 200, grad, new Float64Array(0), 1, out);
    const ref = naive(
      b,
      Array.from({ length: 200 }, (_, k) => k),
      grad,
      new Float64Array(200),
    );
    for (let s = 0; s < b.offset[5]!; s++) {
      expect(out[2 * s]).toBeCloseTo(ref.g[s]!, 12);
      expect(out[2 * s + 1]).toBe(ref.c[s]);
    }
  });

  it('subtraction trick: parent − left child = right child (counts exactly)', () => {
    const { b, grad, hess, rows } = setup(400, 6);
    const len = b.offset[6]! * 3;
    const parent = new Float64Array(len);
    const left = new Float64Array(len);
    const right = new Float64Array(len);
    buildHistogram(b.slots, 6, rows, 0, 400, grad, hess, 0, parent);
    buildHistogram(b.slots, 6, rows, 0, 130, grad, hess, 0, left);
    buildHistogram(b.slots, 6, rows, 130, 400, grad, hess, 0, right);
    subtractHistogram(parent, left);
    for (let s = 0; s < len; s++) {
      if (s % 3 === 2) expect(parent[s]).toBe(right[s]);
      else expect(parent[s]).toBeCloseTo(right[s]!, 10);
    }
  });
});

describe('accumulateHistogram (scaled slots, feature ranges)', () => {
  const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, 2 * a.length));

  it.each([
    [2, 1],
    [3, 0],
  ] as const)(
    'two feature ranges (as two threads build them) give the bit-identical histogram, width %d',
    (width, constHess) => {
      const p = 7;
      const { b, grad, hess, rows } = setup(500, p);
      const total = b.offset[p]!;
      const scaled = new Uint16Array(b.slots.length);
      scaleSlots(b.slots, width, scaled);
      const whole = new Float64Array(total * width);
      accumulateHistogram(scaled, p, 0, p, rows, 20, 480, grad, hess, constHess, whole);
      const parts = new Float64Array(total * width);
      accumulateHistogram(scaled, p, 3, p, rows, 20, 480, grad, hess, constHess, parts);
      accumulateHistogram(scaled, p, 0, 3, rows, 20, 480, grad, hess, constHess, parts);
      expect(bits(parts)).toEqual(bits(whole));
      const ref = new Float64Array(total * width);
      buildHistogram(b.slots, p, rows, 20, 480, grad, hess, constHess, ref);
      expect(bits(whole)).toEqual(bits(ref));
    },
  );

  it('scales slot codes by the width, into Int32Array when they pass 16 bits', () => {
    expect(scaledSlotsFitUint16(21845, 3)).toBe(true);
    expect(scaledSlotsFitUint16(21846, 3)).toBe(false);
    expect(scaledSlotsFitUint16(32768, 2)).toBe(true);
    const slots = Uint16Array.of(0, 5, 40000);
    const out = new Int32Array(3);
    scaleSlots(slots, 3, out);
    expect([...out]).toEqual([0, 15, 120000]);
  });

  it('adds nothing for an empty row range or an empty feature range', () => {
    const { b, grad, hess, rows } = setup(50, 4);
    const scaled = new Uint16Array(b.slots.length);
    scaleSlots(b.slots, 3, scaled);
    const out = new Float64Array(b.offset[4]! * 3);
    accumulateHistogram(scaled, 4, 0, 4, rows, 30, 30, grad, hess, 0, out);
    accumulateHistogram(scaled, 4, 2, 2, rows, 0, 50, grad, hess, 0, out);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it.each([
    [2, 1],
    [3, 0],
  ] as const)(
    'unrolled kernels add exactly what a plain row-order loop adds, past one kernel span (p = 70), width %d',
    (width, constHess) => {
      const p = MAX_KERNEL_SPAN + 6;
      const n = 120;
      const { b, grad, hess, rows } = setup(n, p);
      const total = b.offset[p]!;
      const scaled = new Int32Array(b.slots.length);
      scaleSlots(b.slots, width, scaled);
      const plain = new Float64Array(total * width);
      for (let k = 5; k < n; k++) {
        const i = rows[k]!;
        for (let j = 0; j < p; j++) {
          const s = scaled[i * p + j]!;
          plain[s]! += grad[i]!;
          if (width === 3) plain[s + 1]! += hess[i]!;
          plain[s + width - 1]! += 1;
        }
      }
      const out = new Float64Array(total * width);
      accumulateHistogram(scaled, p, 0, p, rows, 5, n, grad, hess, constHess, out);
      expect(bits(out)).toEqual(bits(plain));
      // All rows: the same sums without the counts.
      const all = new Float64Array(total * width);
      const full = new Float64Array(total * width);
      accumulateAllRows(scaled, p, 0, p, n, grad, hess, constHess, all);
      accumulateHistogram(scaled, p, 0, p, rows, 0, n, grad, hess, constHess, full);
      for (let s = 0; s < total; s++) {
        expect(all[s * width]).toBe(full[s * width]);
        if (width === 3) expect(all[s * width + 1]).toBe(full[s * width + 1]);
        expect(all[s * width + width - 1]).toBe(0);
      }
    },
  );

  it('a feature block holds the scaled codes of its features with its own row stride', () => {
    const { b } = setup(40, 7);
    const whole = new Uint16Array(b.slots.length);
    scaleSlots(b.slots, 3, whole);
    const block = new Int32Array(40 * 3);
    scaleSlotBlock(b.slots, 7, 2, 5, 3, block);
    for (let i = 0; i < 40; i++)
      for (let j = 2; j < 5; j++) expect(block[i * 3 + j - 2]).toBe(whole[i * 7 + j]);
  });

  it('refuses kernel spans outside 1..MAX_KERNEL_SPAN', () => {
    expect(() => rowsKernel(0, 2)).toThrow(RangeError);
    expect(() => rowsKernel(MAX_KERNEL_SPAN + 1, 3)).toThrow(/1\.\.64/);
    expect(rowsKernel(3, 2)).toBe(rowsKernel(3, 2));
  });
});
