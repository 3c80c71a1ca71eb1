import { describe, expect, it } from 'vitest';
import { ModelFileError, parseModelFile } from '../../../src-shared/models/model-file.js';
import { createRng } from '../random/rng.js';
import type { FeatureColumn, FeatureValues } from './feature-encoding.js';
import { FAST_PARAMS, sameBits } from './learner-data.testing.js';
import { LEARNERS } from './learner-registry.js';
import { fitModelPipeline, loadModelFile, saveModelFile, type TargetColumn } from './model-pipeline.js';

const BRUSH = ['nylon', 'steel', 'ceramic'];

/** A table like the deburring experiments: speed (rpm), feed (mm/s), brush (categorical); NaN/null optional. */
function table(n: number, seed: number, withMissing: boolean) {
  const rng = createRng(seed);
  const speed = new Float64Array(n);
  const feed = new Float64Array(n);
  const brush: (string | null)[] = [];
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    speed[i] = 500 + 2500 * rng.next();
    feed[i] = 1 + 9 * rng.next();
    const b = rng.int(3);
    brush.push(BRUSH[b]!);
    f[i] = speed[i]! / 1000 + Math.sin(feed[i]! / 2) + [0, 1, 0.4][b]! + 0.05 * rng.next();
  }
  if (withMissing) {
    speed[3] = Number.NaN;
    brush[5] = null;
  }
  const features: FeatureColumn[] = [
    { name: '回転速度 rpm', type: 'numeric', values: speed },
    { name: 'feed', type: 'numeric', values: feed },
    { name: 'brush', type: 'categorical', values: brush },
  ];
  const values: Record<string, FeatureValues> = Object.fromEntries(features.map((c) => [c.name, c.values]));
  return { features, values, f };
}

function target(task: string, f: Float64Array): TargetColumn {
  if (task === 'regression') return { name: 'wear', values: f };
  if (task === 'binary') return { name: 'quality', labels: Array.from(f, (v) => (v > 2.4 ? 'OK' : 'NG')) };
  return { name: 'grade', labels: Array.from(f, (v) => (v < 2 ? 'a' : v < 2.8 ? 'b' : 'c')) };
}

describe('model files: save → JSON → load predicts bit for bit', () => {
  for (const def of LEARNERS) {
    for (const task of def.tasks) {
      const missing = def.missingValues === 'native';
      it(`${def.name} (${task}), one-hot categorical${missing ? ', NaN and null values' : ''}`, () => {
        const n = 90;
        const train = table(n, 11, missing);
        const pipeline = fitModelPipeline({
          learner: def.name,
          params: { ...FAST_PARAMS[def.name], task },
          features: train.features,
          target: target(task, train.f),
          n,
        });
        const text = saveModelFile(pipeline, {
          trainedAt: '2025-01-02T03:04:05Z',
          metrics: { cv_score: 0.5 },
        });
        const loaded = loadModelFile(text);
        const fresh = table(40, 12, def.missingValues !== 'error');
        for (const rows of [
          { values: train.values, n },
          { values: fresh.values, n: 40 },
        ]) {
          expect(sameBits(loaded.predict(rows.values, rows.n), pipeline.predict(rows.values, rows.n))).toBe(
            true,
          );
          if (task !== 'regression')
            expect(
              sameBits(loaded.predictProba(rows.values, rows.n), pipeline.predictProba(rows.values, rows.n)),
            ).toBe(true);
        }
        // The file is deterministic, and loading and saving again reproduces it exactly.
        const again = fitModelPipeline({
          learner: def.name,
          params: { ...FAST_PARAMS[def.name], task },
          features: table(n, 11, missing).features,
          target: target(task, train.f),
          n,
        });
        expect(saveModelFile(again, { trainedAt: '2025-01-02T03:04:05Z', metrics: { cv_score: 0.5 } })).toBe(
          text,
        );
        expect(saveModelFile(loaded, { trainedAt: '2025-01-02T03:04:05Z', metrics: { cv_score: 0.5 } })).toBe(
          text,
        );

        const file = parseModelFile(text);
        expect(file.learner).toBe(def.name);
        expect(file.features[2]).toEqual({
          name: 'brush',
          type: 'categorical',
          categories: ['ceramic', 'nylon', 'steel'],
          min: null,
          max: null,
        });
        expect(file.preprocessing.columns.map((c) => c.category)).toEqual([
          null,
          null,
          'ceramic',
          'nylon',
          'steel',
        ]);
        expect(file.features[0]!.min).toBeGreaterThanOrEqual(500);
        if (task !== 'regression') {
          expect(file.target.classes).toEqual(task === 'binary' ? ['NG', 'OK'] : ['a', 'b', 'c']);
          expect(loaded.predictLabels(train.values, n).every((l) => file.target.classes!.includes(l))).toBe(
            true,
          );
        }
      });
    }
  }

  it('explanations per feature add the one-hot columns of a categorical feature together', () => {
    const n = 90;
    const t = table(n, 11, true);
    const pipeline = fitModelPipeline({
      learner: 'gradient_boosting',
      params: FAST_PARAMS.gradient_boosting,
      features: t.features,
      target: target('regression', t.f),
      n,
    });
    const e = pipeline.explain(t.values, n);
    expect(e.columns.length).toBe(5);
    for (let i = 0; i < n; i++) {
      expect(e.featureValues[i + 2 * n]).toBeCloseTo(
        e.values[i + 2 * n]! + e.values[i + 3 * n]! + e.values[i + 4 * n]!,
        12,
      );
      let s = e.baseValue[0]!;
      for (let f = 0; f < 3; f++) s += e.featureValues[i + f * n]!;
      expect(s).toBeCloseTo(e.prediction[i]!, 9);
    }
  });

  it('a transformed target is predicted in its original units, before and after loading', () => {
    const n = 60;
    const t = table(n, 5, false);
    const pipeline = fitModelPipeline({
      learner: 'ridge',
      params: { alpha: 0.1 },
      features: t.features,
      target: { name: 'wear', values: t.f.map(Math.exp), transform: { name: 'log', lambda: null, shift: 0 } },
      n,
    });
    const pred = pipeline.predict(t.values, n);
    const logPred = pipeline.model.predict(pipeline.encode(t.values, n), n);
    for (let i = 0; i < n; i++) expect(pred[i]).toBe(Math.exp(logPred[i]!));
    expect(sameBits(loadModelFile(saveModelFile(pipeline)).predict(t.values, n), pred)).toBe(true);
  });

  it('prediction rejects unknown categories, missing features and (for non-tree learners) missing values by name', () => {
    const n = 60;
    const t = table(n, 5, false);
    const pipeline = fitModelPipeline({
      learner: 'ols',
      features: t.features,
      target: target('regression', t.f),
      n,
    });
    expect(() => pipeline.predict({ ...t.values, brush: Array(n).fill('wood') }, n)).toThrow(
      /feature 'brush', row 0: category "wood" was not seen in training \(known: ceramic, nylon, steel\)/,
    );
    expect(() => pipeline.predict({ feed: t.values.feed!, brush: t.values.brush! }, n)).toThrow(
      /feature '回転速度 rpm' is missing from the input/,
    );
    const speed = (t.values['回転速度 rpm'] as Float64Array).slice();
    speed[7] = Number.NaN;
    expect(() => pipeline.predict({ ...t.values, '回転速度 rpm': speed }, n)).toThrow(
      /feature '回転速度 rpm', row 7: value is missing; this learner needs complete rows/,
    );
    expect(() =>
      fitModelPipeline({
        learner: 'ridge',
        features: table(n, 5, true).features,
        target: target('regression', t.f),
        n,
      }),
    ).toThrow(/feature '回転速度 rpm', row 3: value is missing/);
  });
});

describe('loading a bad model file fails with the field named', () => {
  const n = 60;
  const t = table(n, 5, false);
  const text = saveModelFile(
    fitModelPipeline({
      learner: 'gradient_boosting',
      params: FAST_PARAMS.gradient_boosting,
      features: t.features,
      target: target('regression', t.f),
      n,
    }),
  );
  const edit = (f: (file: Record<string, unknown> & { model: Record<string, unknown> }) => void): string => {
    const file = JSON.parse(text) as Record<string, unknown> & { model: Record<string, unknown> };
    f(file);
    return JSON.stringify(file);
  };
  const fails = (input: string, field: RegExp, message: RegExp) => {
    let error: unknown;
    try {
      loadModelFile(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).field).toMatch(field);
    expect((error as ModelFileError).message).toMatch(message);
  };

  it('a newer file version says so', () => {
    fails(
      edit((f) => (f.version = 2)),
      /^version$/,
      /version 2, newer than this version of 0\.00sec reads \(1\)/,
    );
  });
  it('a newer model version says so', () => {
    fails(
      edit((f) => (f.model.version = 3)),
      /^model\.version$/,
      /gradient-boosting model version 3 is not supported/,
    );
  });
  it('not JSON, not a model file', () => {
    fails('{"format":', /\(file\)/, /not valid JSON/);
    fails(JSON.stringify({ format: 'pickle' }), /^format$/, /expected 'zerosec-model'/);
  });
  it('a tree whose child points backwards', () => {
    fails(
      edit((f) => ((f.model.trees as { left: number[] }[])[0]!.left[0] = 0)),
      /^model\.trees\.0\.left\.0$/,
      /child 0 of node 0 must be in/,
    );
  });
  it('a threshold that is neither a number nor a float token', () => {
    fails(
      edit((f) => ((f.model.trees as { threshold: unknown[] }[])[2]!.threshold[0] = 'big')),
      /^model\.trees\.2\.threshold\.0$/,
      /expected a number or one of "NaN"/,
    );
  });
  it('features that do not match the model', () => {
    fails(
      edit((f) => (f.features as unknown[]).pop()),
      /^preprocessing\.columns$/,
      /do not match/,
    );
    fails(
      edit((f) => (f.learner = 'ridge')),
      /^model\.kind$/,
      /is not what learner 'ridge' writes/,
    );
    fails(
      edit((f) => delete (f.target as Record<string, unknown>).name),
      /^target\.name$/,
      /expected string/,
    );
  });
  it('a non-finite threshold round-trips exactly through its float token', () => {
    const file = JSON.parse(text) as { model: { trees: { threshold: unknown[] }[] } };
    file.model.trees[0]!.threshold[0] = 'Infinity';
    file.model.trees[0]!.threshold[1] = '-0';
    const loaded = parseModelFile(JSON.stringify(file));
    const th = (loaded.model as { trees: { threshold: number[] }[] }).trees[0]!.threshold;
    expect(th[0]).toBe(Infinity);
    expect(Object.is(th[1], -0)).toBe(true);
  });
});
