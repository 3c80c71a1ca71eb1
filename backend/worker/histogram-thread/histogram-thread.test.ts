import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { binTrainingMatrix } from '../../analysis/boosting/binning.js';
import { fitGradientBoosting } from '../../analysis/boosting/gradient-boosting.js';
import { SerialHistogramBuilder } from '../../analysis/boosting/histogram-builder.js';
import type { GradientBoostingParams } from '../../analysis/boosting/gradient-boosting.js';
import { createRng } from '../../analysis/random/rng.js';
import { startHistogramThread } from './histogram-thread.js';
import type { HistogramThread } from './histogram-thread.js';

/** Column-major n×p features with 10% NaN in feature 1, a nonlinear target, and 3-class labels. */
function data(n: number, p: number, seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.next());
  for (let i = 0; i < n; i++) if (rng.next() < 0.1) x[n + i] = Number.NaN;
  const f = (i: number) => 4 * Math.sin(3 * x[i]!) + (x[2 * n + i]! > 0.5 ? 2 : 0) + x[3 * n + i]!;
  const y = Float64Array.from({ length: n }, (_, i) => f(i) + rng.normal() * 0.3);
  const binary = Float64Array.from({ length: n }, (_, i) => (f(i) + rng.normal() > 2.5 ? 1 : 0));
  const classes = Float64Array.from({ length: n }, (_, i) => Math.min(2, Math.floor(f(i) / 2.5)));
  return { x, y, binary, classes };
}

const json = (m: { toJSON(): unknown }) => JSON.stringify(m.toJSON());

describe('histogram helper thread', () => {
  let thread: HistogramThread;
  // Every node is split with the helper (threshold 0), so the shared path is what is compared.
  beforeAll(async () => {
    thread = await startHistogramThread({ minSharedUpdates: 0, minSharedBinValues: 0 });
  });
  afterAll(async () => {
    await thread.close();
  });
  afterEach(() => {
    // A fit closes its builder; nothing may stay open between tests.
    expect(thread.openBuilders).toBe(0);
  });

  const n = 600;
  const p = 7; // odd: the helper takes 3 features, the caller 4
  const d = data(n, p, 3);
  const base = { nEstimators: 25, numLeaves: 12, minDataInLeaf: 3 } satisfies GradientBoostingParams;

  it.each([
    ['squared error (histogram width 2)', d.y, { loss: 'squared-error' }],
    ['Huber, row and column sampling', d.y, { loss: 'huber', subsample: 0.7, colsampleByTree: 0.6 }],
    ['log-loss (width 3)', d.binary, { loss: 'log-loss', lambda: 0.5, alpha: 0.1 }],
  ] as const)('gives a bit-identical model with and without the helper: %s', (_, y, extra) => {
    const params = { ...base, ...extra, seed: 4 };
    const serial = json(fitGradientBoosting(d.x, y, n, p, params));
    const threaded = json(fitGradientBoosting(d.x, y, n, p, { ...params, histograms: thread }));
    expect(threaded).toBe(serial);
  });

  it('is bit-identical for softmax, whose per-class gradients are views at an offset', () => {
    const params = { ...base, loss: 'softmax', nClasses: 3 } as const;
    const serial = json(fitGradientBoosting(d.x, d.classes, n, p, params));
    const threaded = json(fitGradientBoosting(d.x, d.classes, n, p, { ...params, histograms: thread }));
    expect(threaded).toBe(serial);
  });

  it('releases the buffers of an aborted fit and serves the next fit', () => {
    const controller = new AbortController();
    let rounds = 0;
    expect(() =>
      fitGradientBoosting(
        d.x,
        d.y,
        n,
        p,
        { ...base, histograms: thread },
        {
          signal: controller.signal,
          onProgress: () => {
            if (++rounds === 3) controller.abort();
          },
        },
      ),
    ).toThrow();
    expect(thread.openBuilders).toBe(0);
    const again = json(fitGradientBoosting(d.x, d.y, n, p, { ...base, histograms: thread }));
    expect(again).toBe(json(fitGradientBoosting(d.x, d.y, n, p, base)));
  });

  it('builds alone, with the same sums, when given arrays it does not share', () => {
    const b = binTrainingMatrix(d.x, n, p, 255);
    const hb = thread.open(b, 1);
    const rng = createRng(5);
    const grad = Float64Array.from({ length: n }, () => rng.normal());
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const sharedGrad = hb.float64(n);
    sharedGrad.set(grad);
    const sharedRows = hb.int32(n);
    sharedRows.set(rows);
    const plain = hb.take();
    hb.build(rows, 10, 500, grad, grad, plain);
    const split = hb.take();
    hb.build(sharedRows, 10, 500, sharedGrad, sharedGrad, split);
    expect(Array.from(split)).toEqual(Array.from(plain));
    hb.close();
    expect(thread.openBuilders).toBe(0);
  });

  it('splits a node into the same places as the serial builder, and refuses a wrong left count', () => {
    const b = binTrainingMatrix(d.x, n, p, 255);
    const f = 1; // the feature with NaN
    const cut = 100;
    let nLeft = 0;
    for (let i = 0; i < n; i++) if (b.columnBins[f * n + i]! <= cut) nLeft++;
    const serial = new SerialHistogramBuilder(b, 1);
    const hb = thread.open(b, 1);
    try {
      const src = hb.int32(n);
      for (let i = 0; i < n; i++) src[i] = i;
      const mine = new Int32Array(n);
      serial.splitNode(
        src,
        mine,
        0,
        n,
        f,
        cut,
        false,
        nLeft,
        true,
        new Float64Array(n),
        new Float64Array(n),
        null,
      );
      const theirs = hb.alternateRows();
      const g = hb.float64(n);
      hb.splitNode(src, theirs, 0, n, f, cut, false, nLeft, true, g, g, null);
      expect(Array.from(theirs)).toEqual(Array.from(mine));
      expect(() => serial.splitNode(src, mine, 0, n, f, cut, false, nLeft + 1, true, g, g, null)).toThrow(
        /internal: the partition sent \d+ rows left where the histogram counted \d+/,
      );
      expect(() => hb.splitNode(src, theirs, 0, n, f, cut, false, nLeft - 1, true, g, g, hb.take())).toThrow(
        /internal: the partition sent/,
      );
    } finally {
      hb.close();
      serial.close();
    }
  });
});

describe('histogram helper thread: binning', () => {
  it('bins half of the features on the helper with the same result, and throws the same error on ±∞', async () => {
    const t = await startHistogramThread({ minSharedBinValues: 0 });
    try {
      const n = 3000;
      const p = 5;
      const { x } = data(n, p, 8);
      for (let i = 0; i < n; i += 7) x[4 * n + i] = Math.round(x[4 * n + i]! * 4); // few distinct values
      for (const maxBin of [255, 300, 16]) {
        const mine = binTrainingMatrix(x, n, p, maxBin);
        const theirs = t.binTrainingMatrix(x, n, p, maxBin);
        expect(theirs.features.map((f) => [f.nBins, f.nMissing, [...f.upper]])).toEqual(
          mine.features.map((f) => [f.nBins, f.nMissing, [...f.upper]]),
        );
        expect(theirs.columnBins.constructor).toBe(mine.columnBins.constructor);
        expect(Array.from(theirs.columnBins)).toEqual(Array.from(mine.columnBins));
        expect(Array.from(theirs.slots)).toEqual(Array.from(mine.slots));
      }
      const bad = x.slice();
      bad[3 * n + 5] = Infinity; // the caller's half
      bad[n + 9] = -Infinity; // the helper's half: reported first, as the serial binning does
      expect(() => t.binTrainingMatrix(bad, n, p, 255)).toThrow(/x\[row 9, feature 1\] is -Infinity/);
      bad[n + 9] = 0;
      expect(() => t.binTrainingMatrix(bad, n, p, 255)).toThrow(/x\[row 5, feature 3\] is Infinity/);
      // The thread still works, and a fit through it matches the serial fit.
      const d = data(n, p, 9);
      const params = { nEstimators: 10, numLeaves: 8 };
      expect(json(fitGradientBoosting(d.x, d.y, n, p, { ...params, histograms: t }))).toBe(
        json(fitGradientBoosting(d.x, d.y, n, p, params)),
      );
    } finally {
      await t.close();
    }
  });
});

describe('histogram helper thread lifecycle', () => {
  it('refuses new fits once closed, and closing twice is harmless', async () => {
    const t = await startHistogramThread();
    const d = data(50, 4, 1);
    await t.close();
    await t.close();
    expect(() => fitGradientBoosting(d.x, d.y, 50, 4, { nEstimators: 2, histograms: t })).toThrow(/closed/);
  });
});
