import { describe, expect, it } from 'vitest';
import { ClassificationBody } from '../../../../src-shared/api/classification-result.js';
import {
  classifyRows,
  restoreClassificationBlock,
} from '../../../analysis/classification/classification-block.js';
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import { loadModelFile, saveModelFile } from '../../../analysis/learners/model-pipeline.js';
import { rocAuc } from '../../../analysis/model-selection/metrics.js';
import { createRng } from '../../../analysis/random/rng.js';
import { TaskError, type TaskOutput } from '../task.js';
import { csvTaskContext } from '../task-context.testing.js';
import { classificationTask } from './classification.task.js';

const context = csvTaskContext;

const text = (out: TaskOutput, name: string) => {
  const f = out.files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} among ${out.files.map((x) => x.name).join(', ')}`);
  return new TextDecoder().decode(f.bytes).replace(/^\uFEFF/, '');
};

interface Rows {
  speed: Float64Array;
  feed: Float64Array;
  depth: Float64Array;
  label: string[];
}

/** Continuous brush-like conditions; NG (positive) is likelier at high speed × depth. */
function rows(n: number, seed: number, options: { permute?: boolean; labels?: [string, string] } = {}): Rows {
  const rng = createRng(seed);
  const [pos, neg] = options.labels ?? ['NG', 'OK'];
  const speed = Float64Array.from({ length: n }, () => 1000 + 7000 * rng.next());
  const feed = Float64Array.from({ length: n }, () => 500 + 3500 * rng.next());
  const depth = Float64Array.from({ length: n }, () => 0.5 + rng.next());
  const label = Array.from(speed, (s, i) => {
    const z = 3 * ((s - 4500) / 3500) + 2 * (depth[i]! - 1) + 0.6 * rng.normal();
    return z > 0.3 ? pos : neg;
  });
  if (options.permute) rng.shuffle(label);
  return { speed, feed, depth, label };
}

function csvOf(r: Rows, options: { blankLabels?: number[] } = {}): string {
  const lines = ['回転速度,送り速度,切込量,合否'];
  r.label.forEach((l, i) =>
    lines.push(
      [
        r.speed[i]!.toFixed(1),
        r.feed[i]!.toFixed(1),
        r.depth[i]!.toFixed(3),
        options.blankLabels?.includes(i) ? '' : l,
      ].join(','),
    ),
  );
  return lines.join('\n') + '\n';
}

const FAST = { outer_splits: 3, cv_splits: 3, n_trials_inner: 3 };

describe('classification task', () => {
  it('OK/NG with positive NG: a valid body, OOF file, XLSX, and a model file whose classification block round-trips', async () => {
    const r = rows(150, 1);
    const out = await classificationTask(
      context(csvOf(r, { blankLabels: [3, 7] }), {
        target_column: '合否',
        positive_label: 'NG',
        models_to_use: ['random_forest', 'logistic'],
        ...FAST,
      }),
    );
    const body = ClassificationBody.parse(out.body);
    expect(body).toMatchObject({ positive_label: 'NG', negative_label: 'OK', n: 148, n_dropped: 2 });
    expect(body.n_positive).toBe(r.label.filter((l, i) => l === 'NG' && i !== 3 && i !== 7).length);
    expect(out.warnings.map((w) => w.message).join(' ')).toMatch(/2 row\(s\) without a label/);
    const m = body.metrics;
    console.log(
      `classification task: ${body.model}, OOF ROC-AUC ${m.oof_roc_auc?.toFixed(3)} (folds ${body.cv.mean.roc_auc?.toFixed(3)} ± ${body.cv.sd.roc_auc?.toFixed(3)}), ` +
        `in-sample ${m.in_sample_roc_auc?.toFixed(3)}, τ+ ${body.thresholds.tau_pos.value.toFixed(3)}, τ− ${body.thresholds.tau_neg.value.toFixed(3)}, ` +
        `realised FPR at τ+ per fold ${body.cv.folds.map((f) => f.scores.fpr_at_tau_pos?.toFixed(3)).join(' ')}, calibration ${body.final.calibration.method}, OOD ${body.ood.available ? `d > ${body.ood.threshold?.toFixed(2)}` : body.ood.reason}`,
    );
    expect(m.oof_roc_auc).toBeGreaterThan(0.85);
    expect(body.cv.folds).toHaveLength(3);
    const c = body.confusion;
    expect(c.tn + c.fp + c.fn + c.tp).toBe(148);
    const tw = body.three_way;
    expect(tw.p.positive + tw.p.negative).toBe(c.tp + c.fp);
    expect(tw.p.positive + tw.n.positive + tw.gray.positive).toBe(body.n_positive);
    expect(body.curves.roc.fpr[0]).toBe(0);
    expect(body.curves.roc.tpr.at(-1)).toBe(1);

    const oof = text(out, 'oof-predictions.csv').trim().split('\r\n');
    expect(oof[0]).toBe('row,label,oof_probability,decision,ood,fold');
    expect(oof).toHaveLength(149);
    expect(oof[1]).toMatch(/^2,(NG|OK),[0-9.e-]+,(P|N|gray),[01]?,[123]$/);
    expect(out.files.map((f) => f.name)).toEqual([
      'oof-predictions.csv',
      'classification.xlsx',
      'model-1.model.json',
    ]);

    const modelText = text(out, 'model-1.model.json');
    const pipeline = loadModelFile(modelText);
    expect(saveModelFile(pipeline, { metrics: body.metrics })).toBe(modelText);
    const block = pipeline.classification!;
    expect(block).toMatchObject({
      positive_label: 'NG',
      negative_label: 'OK',
      thresholds: { tau_pos: body.thresholds.tau_pos.value, tau_neg: body.thresholds.tau_neg.value },
      guarantee: { alpha: 0.05, confidence: 0.95 },
    });
    expect(block.calibration.method).toBe(body.final.calibration.method);
    expect(pipeline.target.classes).toEqual(['OK', 'NG']);
    const values = { 回転速度: r.speed, 送り速度: r.feed, 切込量: r.depth };
    const v = classifyRows(restoreClassificationBlock(block), pipeline.predictProba(values, 150), values);
    v.probability.forEach((p, i) => {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      if (v.ood?.[i] !== 1)
        expect(v.decision[i]).toBe(p > block.thresholds.tau_pos ? 1 : p < block.thresholds.tau_neg ? 0 : -1);
    });
    // Training rows are in distribution (at most a few flagged by a 99 % gate).
    if (v.ood) expect(v.ood.reduce((a, b) => a + b, 0)).toBeLessThan(10);
  }, 120_000);

  it('no leakage: on a permuted target OOF ROC-AUC is within 0.5 ± 0.07 while a forest fits it in-sample', async () => {
    const n = 300;
    const r = rows(n, 2, { permute: true, labels: ['1', '0'] });
    const out = await classificationTask(
      context(csvOf(r), {
        target_column: '合否',
        positive_label: 1,
        models_to_use: ['random_forest', 'logistic'],
        outer_splits: 5,
        cv_splits: 3,
        n_trials_inner: 4,
      }),
    );
    const body = ClassificationBody.parse(out.body);
    const y = Float64Array.from(r.label, (l) => (l === '1' ? 1 : 0));
    const x = new Float64Array(n * 3);
    x.set(r.speed, 0);
    x.set(r.feed, n);
    x.set(r.depth, 2 * n);
    const forest = learnerByName('random_forest').fit(x, y, n, 3, { task: 'binary', seed: 1 });
    const inSample = rocAuc(y, forest.predictProba(x, n));
    const oofAuc = body.metrics.oof_roc_auc!;
    console.log(
      `permuted target (n = ${n}): nested-CV OOF ROC-AUC ${oofAuc.toFixed(3)} (folds ${body.cv.mean.roc_auc?.toFixed(3)} ± ${body.cv.sd.roc_auc?.toFixed(3)}), in-sample ROC-AUC of a default forest ${inSample.toFixed(3)}, final model's in-sample ${body.metrics.in_sample_roc_auc?.toFixed(3)}`,
    );
    expect(Math.abs(oofAuc - 0.5)).toBeLessThanOrEqual(0.07);
    expect(inSample).toBeGreaterThan(0.95);
  }, 300_000);

  it('labels: 1/0 with positive 1 or "1", and clear errors for one class, three values or an absent positive label', async () => {
    const run = (csv: string, params: Record<string, unknown>) =>
      classificationTask(
        context(csv, { target_column: 'y', models_to_use: ['logistic'], ...FAST, ...params }),
      ).catch((e: unknown) => e);
    const csv = (labels: string[]) =>
      ['x,y', ...labels.map((l, i) => `${(i * 0.37) % 5},${l}`)].join('\n') + '\n';
    const one = await run(csv(Array(30).fill('OK')), { positive_label: 'OK' });
    expect(one).toBeInstanceOf(TaskError);
    expect((one as TaskError).message).toMatch(/only one value \('OK'\)/);
    const three = await run(csv(Array.from({ length: 30 }, (_, i) => ['OK', 'NG', 'NG?'][i % 3]!)), {
      positive_label: 'NG',
    });
    expect((three as TaskError).message).toMatch(/exactly two distinct values.*found 3: 'OK', 'NG', 'NG\?'/);
    const absent = await run(csv(Array.from({ length: 30 }, (_, i) => (i % 2 ? 'Yes' : 'No'))), {
      positive_label: 'yes',
    });
    expect((absent as TaskError).message).toMatch(
      /positive_label "yes" is not a value of "y"; its values are 'No', 'Yes'/,
    );
    expect((absent as TaskError).details).toMatchObject({ field: 'parameters.positive_label' });
    const labels = Array.from({ length: 40 }, (_, i) => (i % 2 ? '1' : '0.0'));
    for (const positive of [1, '1']) {
      const out = (await run(csv(labels), { positive_label: positive })) as TaskOutput;
      const body = ClassificationBody.parse(out.body);
      expect(body).toMatchObject({ positive_label: '1', negative_label: '0', n_positive: 20 });
    }
  }, 120_000);
});
