import { describe, expect, it } from 'vitest';
import { PredictionBody } from '../../../../src-shared/api/prediction-result.js';
import { predictWithUncertainty } from '../../../analysis/learners/prediction-uncertainty.js';
import type { GaussianProcessLearnerModel } from '../../../analysis/learners/gaussian-process-learner.js';
import { TaskError } from '../task.js';
import {
  fitOn,
  makeRows,
  modelFileOf,
  modelJob,
  readCsv,
  rowsCsv,
  runPrediction,
  featureValues,
} from './prediction-fixtures.testing.js';
import { CHUNK_ROWS } from './prediction.task.js';

const train = makeRows(120, 1);
const gbdt = fitOn(
  train,
  'gradient_boosting',
  { n_estimators: 20, num_leaves: 7, min_data_in_leaf: 3 },
  'regression',
);
const forest = fitOn(train, 'random_forest', { n_estimators: 25 }, 'regression');
const gp = fitOn(makeRows(40, 2), 'gaussian_process', { n_restarts: 0 }, 'regression');
const classifier = fitOn(
  train,
  'gradient_boosting',
  { n_estimators: 15, num_leaves: 5, min_data_in_leaf: 3 },
  'binary',
);

/** The doubles of a CSV column (String(x) round-trips every double exactly). */
const numbers = (cells: string[]) => Float64Array.from(cells, Number);
const bits = (a: Float64Array) => [...a].map((v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('prediction task on zerosec-model files', () => {
  it('regression GBDT: every row predicted bit for bit as the model does, across chunks, input columns passed through', async () => {
    const rows = makeRows(CHUNK_ROWS + 500, 3);
    const out = await runPrediction(rowsCsv(rows), modelJob({ '摩耗量.model.json': modelFileOf(gbdt) }));
    const csv = readCsv(out);
    expect(csv.header).toEqual([
      'row',
      'memo',
      '回転速度',
      'feed',
      'brush',
      '摩耗量_predicted',
      'out_of_range',
      'note',
    ]);
    expect(bits(numbers(csv.column('摩耗量_predicted')))).toEqual(
      bits(gbdt.predict(featureValues(rows), rows.n)),
    );
    expect(csv.column('memo')[7]).toBe('run 7');
    expect(csv.column('row')[0]).toBe('2');
    const body = PredictionBody.parse(out.body);
    expect(body.n).toBe(rows.n);
    expect(body.counts).toMatchObject({
      rows: rows.n,
      predicted: rows.n,
      missing_value: 0,
      unknown_category: 0,
    });
    expect(body.preview).toHaveLength(20);
    expect(body.columns).toEqual(csv.header);
    expect(out.files.map((f) => f.name)).toEqual(['predictions.csv', 'prediction-summary.xlsx']);
  });

  it('random forest: the prediction bit for bit and its spread (sd of the tree predictions)', async () => {
    const rows = makeRows(300, 4);
    const out = await runPrediction(rowsCsv(rows), modelJob({ '摩耗量.model.json': modelFileOf(forest) }));
    const csv = readCsv(out);
    const mean = numbers(csv.column('摩耗量_predicted'));
    expect(bits(mean)).toEqual(bits(forest.predict(featureValues(rows), rows.n)));
    const sd = numbers(csv.column('摩耗量_sd'));
    // Independent check: the sd of the trees' own predictions, each tree a one-tree forest of the same file.
    const x = forest.encode(featureValues(rows), rows.n);
    const spread = predictWithUncertainty(forest.model, x, rows.n).sd!;
    expect(bits(sd)).toEqual(bits(spread));
    expect(Math.min(...sd)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...sd)).toBeGreaterThan(0);
    expect(PredictionBody.parse(out.body).targets![0]).toMatchObject({
      uncertainty: 'tree_spread',
      sd_column: '摩耗量_sd',
    });
  });

  it('Gaussian process: mean bit for bit, sd = its predictive standard deviation', async () => {
    const rows = makeRows(50, 5);
    const out = await runPrediction(rowsCsv(rows), modelJob({ '摩耗量.model.json': modelFileOf(gp) }));
    const csv = readCsv(out);
    expect(bits(numbers(csv.column('摩耗量_predicted')))).toEqual(
      bits(gp.predict(featureValues(rows), rows.n)),
    );
    const std = (gp.model as GaussianProcessLearnerModel).predictWithStd(
      gp.encode(featureValues(rows), rows.n),
      rows.n,
    ).std;
    expect(bits(numbers(csv.column('摩耗量_sd')))).toEqual(bits(std));
  });

  it('binary classifier: label and P(positive class) as the model gives them', async () => {
    const rows = makeRows(200, 6);
    const out = await runPrediction(
      rowsCsv(rows),
      modelJob({ 'quality.model.json': modelFileOf(classifier) }),
    );
    const csv = readCsv(out);
    expect(csv.column('quality_predicted')).toEqual(classifier.predictLabels(featureValues(rows), rows.n));
    expect(bits(numbers(csv.column('quality_probability')))).toEqual(
      bits(classifier.predictProba(featureValues(rows), rows.n)),
    );
    const t = PredictionBody.parse(out.body).targets![0]!;
    expect(t.kind).toBe('classification');
    expect(Object.values(t.label_counts!).reduce((a, b) => a + b, 0)).toBe(rows.n);
  });

  it('a classification block in the model file: calibrated probability, three-way decision', async () => {
    const rows = makeRows(200, 7);
    const file = JSON.parse(modelFileOf(classifier)) as Record<string, unknown>;
    const withExtras = JSON.stringify({
      ...file,
      classification: {
        version: 1,
        positive_label: String((file.target as { classes: string[] }).classes[1]),
        negative_label: String((file.target as { classes: string[] }).classes[0]),
        calibration: { method: 'sigmoid', a: -4, b: 2 },
        thresholds: { tau_pos: 0.8, tau_neg: 0.2 },
        guarantee: {
          alpha: 0.05,
          beta: 0.05,
          confidence: 0.95,
          tau_pos_feasible: true,
          tau_neg_feasible: true,
        },
        ood: null,
      },
    });
    const out = await runPrediction(rowsCsv(rows), modelJob({ 'quality.model.json': withExtras }));
    const csv = readCsv(out);
    const raw = classifier.predictProba(featureValues(rows), rows.n);
    const p = numbers(csv.column('quality_probability'));
    raw.forEach((r, i) => expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-4 * r + 2)), 14));
    const d = csv.column('quality_decision');
    p.forEach((q, i) => expect(d[i]).toBe(q > 0.8 ? 'positive' : q < 0.2 ? 'negative' : 'gray'));
    const t = PredictionBody.parse(out.body).targets![0]!;
    expect(t).toMatchObject({ calibrated: true, thresholds: { tau_pos: 0.8, tau_neg: 0.2 } });
  });

  it('a feature column missing from the table is an error naming it, never zero-filled', async () => {
    const err = await runPrediction(
      rowsCsv(makeRows(10, 8), { drop: 'feed' }),
      modelJob({ 'a.model.json': modelFileOf(gbdt) }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskError);
    expect((err as TaskError).message).toMatch(
      /The feature column "feed" \(needed by the model of "摩耗量"\) is not in the table/,
    );
    expect((err as TaskError).details).toMatchObject({ column: 'feed' });
  });

  it('rows outside the training range are predicted and flagged with the features', async () => {
    const rows = makeRows(60, 9, 1.5); // speeds up to 4250 rpm, training went to 3000
    const out = await runPrediction(rowsCsv(rows), modelJob({ '摩耗量.model.json': modelFileOf(gbdt) }));
    const csv = readCsv(out);
    const range = (v: Float64Array) => [Math.min(...v), Math.max(...v)] as const;
    const [min, max] = range(train.speed);
    const [fMin, fMax] = range(train.feed);
    const flag = (name: string, v: number, lo: number, hi: number) =>
      v > hi ? [`${name}>max`] : v < lo ? [`${name}<min`] : [];
    const expected = [...rows.speed].map((s, i) =>
      [...flag('回転速度', s, min, max), ...flag('feed', rows.feed[i]!, fMin, fMax)].join('; '),
    );
    expect(csv.column('out_of_range')).toEqual(expected);
    const body = PredictionBody.parse(out.body);
    const above = [...rows.speed].filter((s) => s > max).length;
    const below = [...rows.speed].filter((s) => s < min).length;
    expect(above).toBeGreaterThan(5);
    expect(body.counts!.out_of_range).toBe(expected.filter((e) => e !== '').length);
    expect(body.features!.find((f) => f.name === '回転速度')).toMatchObject({
      min,
      max,
      n_above: above,
      n_below: below,
    });
    expect(out.warnings.map((w) => w.code)).toContain('out_of_training_range');
  });

  it('an unseen category fails naming row and column, or is flagged with unknown_category = flag', async () => {
    const rows = makeRows(12, 10);
    rows.brush[4] = 'wire';
    const job = modelJob({ '摩耗量.model.json': modelFileOf(gbdt) });
    await expect(runPrediction(rowsCsv(rows), job)).rejects.toThrow(
      /Row 6, column "brush": "wire" is a category/,
    );
    const out = await runPrediction(rowsCsv(rows), job, { unknown_category: 'flag' });
    const csv = readCsv(out);
    expect(csv.column('摩耗量_predicted')[4]).toBe('');
    expect(csv.column('note')[4]).toBe('unknown category: brush = wire');
    expect(csv.column('摩耗量_predicted')[5]).not.toBe('');
    expect(PredictionBody.parse(out.body).counts).toMatchObject({ predicted: 11, unknown_category: 1 });
  });

  it('predicts a generated candidate grid instead of the table', async () => {
    const out = await runPrediction(
      new TextEncoder().encode('x\n'),
      modelJob({ '摩耗量.model.json': modelFileOf(gbdt) }),
      {
        candidates: {
          factors: [
            { name: '回転速度', min: 1000, max: 2000, step: 500 },
            { name: 'feed', levels: [2, 4] },
            { name: 'brush', type: 'categorical', levels: ['nylon', 'steel'] },
          ],
        },
      },
    );
    const csv = readCsv(out);
    expect(csv.rows).toHaveLength(12);
    const values = {
      回転速度: numbers(csv.column('回転速度')),
      feed: numbers(csv.column('feed')),
      brush: csv.column('brush'),
    };
    expect(bits(numbers(csv.column('摩耗量_predicted')))).toEqual(bits(gbdt.predict(values, 12)));
    expect(PredictionBody.parse(out.body).source).toBe('candidates');
  });

  it('names targets the model job lacks', async () => {
    await expect(
      runPrediction(rowsCsv(makeRows(5, 11)), modelJob({ '摩耗量.model.json': modelFileOf(gbdt) }), {
        targets: ['sag'],
      }),
    ).rejects.toThrow(/no model of "sag"/);
  });
});
