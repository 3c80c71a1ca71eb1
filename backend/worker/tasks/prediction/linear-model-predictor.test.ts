import { describe, expect, it } from 'vitest';
import type { LinearAnalysisBody } from '../../../../src-shared/api/linear-result.js';
import { linearAnalysisTask } from '../linear/linear-analysis.task.js';
import type { TaskOutput } from '../task.js';
import { makeRows, modelJob, readCsv, runPrediction } from './prediction-fixtures.testing.js';

/** A CSV with two continuous targets' worth of signal and a 0/1 label, for the linear job and then the prediction. */
function trainingCsv(n: number): Uint8Array {
  const r = makeRows(n, 21);
  const lines = ['回転速度,feed,brush,摩耗量,ok'];
  for (let i = 0; i < n; i++) {
    const ok = r.wear[i]! + 0.3 * Math.sin(7 * i) > 2.4 ? 1 : 0;
    lines.push(`${r.speed[i]},${r.feed[i]},${r.brush[i]},${r.wear[i]},${ok}`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

async function linearJob(csv: Uint8Array, parameters: Record<string, unknown>): Promise<TaskOutput> {
  return linearAnalysisTask({
    parameters: { outer_splits: 3, cv_splits: 3, ...parameters },
    input: csv,
    inputFileName: 'train.csv',
    signal: new AbortController().signal,
    progress: () => undefined,
  });
}

function modelFileOf(out: TaskOutput): string {
  return new TextDecoder().decode(out.files.find((f) => f.name === 'linear-model.json')!.bytes);
}

function maxRelativeDifference(a: number[], b: number[]): number {
  expect(a).toHaveLength(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.max(Math.abs(b[i]!), 1e-300)));
}

describe('prediction from linear-model.json reproduces the linear job', () => {
  const csv = trainingCsv(48);

  for (const [label, parameters] of [
    [
      'quadratic in coded units, log target, text column',
      {
        target_column: '摩耗量',
        model: 'quadratic',
        standardize: true,
        transform: 'log',
        feature_columns: ['回転速度', 'feed', 'brush'],
      },
    ],
    [
      'formula with interactions, OLS/ridge/lasso/elastic net choice',
      {
        target_column: '摩耗量',
        model: '回転速度 + feed + brush + 回転速度:feed + feed^2',
        feature_columns: ['回転速度', 'feed', 'brush'],
      },
    ],
    [
      'Box-Cox target, no intercept',
      {
        target_column: '摩耗量',
        transform: 'box_cox',
        fit_intercept: false,
        feature_columns: ['回転速度', 'feed', 'brush'],
      },
    ],
  ] as const) {
    it(`${label}: predictions = fitted values (max relative difference ≤ 1e-12)`, async () => {
      const linear = await linearJob(csv, parameters);
      const body = linear.body as LinearAnalysisBody;
      const out = await runPrediction(
        csv,
        modelJob({ 'linear-model.json': modelFileOf(linear) }, 'linear_analysis'),
      );
      const predicted = readCsv(out).column('摩耗量_predicted').map(Number);
      const fitted = body.targets[0]!.rows.map((r) => r.fitted!);
      const diff = maxRelativeDifference(predicted, fitted);
      console.log(`linear ${label}: ${body.targets[0]!.selected.model}, max relative difference ${diff}`);
      expect(diff).toBeLessThanOrEqual(1e-12);
    });
  }

  it('logistic target: probability = fitted probability, label 1 when above 0.5', async () => {
    const linear = await linearJob(csv, { target_column: 'ok', feature_columns: ['回転速度', 'feed'] });
    const body = linear.body as LinearAnalysisBody;
    expect(body.targets[0]!.family).toBe('binomial');
    const out = await runPrediction(
      csv,
      modelJob({ 'linear-model.json': modelFileOf(linear) }, 'linear_analysis'),
    );
    const rows = readCsv(out);
    const p = rows.column('ok_probability').map(Number);
    expect(
      maxRelativeDifference(
        p,
        body.targets[0]!.rows.map((r) => r.fitted!),
      ),
    ).toBeLessThanOrEqual(1e-12);
    expect(rows.column('ok_predicted')).toEqual(p.map((q) => (q > 0.5 ? '1' : '0')));
  });

  it('a row with a missing feature value gets no prediction and a note (never zero-filled)', async () => {
    const linear = await linearJob(csv, {
      target_column: '摩耗量',
      feature_columns: ['回転速度', 'feed', 'brush'],
    });
    const input = new TextEncoder().encode('回転速度,feed,brush\n1000,3,nylon\n,4,steel\n1500,5,ceramic\n');
    const out = await runPrediction(
      input,
      modelJob({ 'linear-model.json': modelFileOf(linear) }, 'linear_analysis'),
    );
    const rows = readCsv(out);
    expect(rows.column('摩耗量_predicted').map((c) => c === '')).toEqual([false, true, false]);
    expect(rows.column('note')[1]).toBe('missing value: 回転速度');
  });
});
