import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NonlinearAnalysisBody } from '../../../../src-shared/api/nonlinear-result.js';
import { loadModelFile } from '../../../analysis/learners/model-pipeline.js';
import { createRng } from '../../../analysis/random/rng.js';
import { TaskError, type TaskOutput } from '../task.js';
import { csvTaskContext } from '../task-context.testing.js';
import { nonlinearAnalysisTask } from './nonlinear-analysis.task.js';

const context = csvTaskContext;

function file(out: TaskOutput, name: string): Uint8Array {
  const f = out.files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} among ${out.files.map((x) => x.name).join(', ')}`);
  return f.bytes;
}

/** Brush-like data: 4 numeric factors, a material column (text), two responses; the last rows replicate the first. */
function csv(n: number, seed: number, options: { permute?: boolean } = {}): string {
  const rng = createRng(seed);
  const lines = ['回転速度,送り速度,切込量,パス数,材料,摩耗量,上面ダレ量'];
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const rpm = 1000 + 1000 * rng.int(6);
    const feed = 500 + 500 * rng.int(7);
    const cut = [0.5, 1, 1.5][rng.int(3)]!;
    const passes = 1 + rng.int(3);
    const material = rng.next() < 0.5 ? 'Steel' : 'Alumi';
    const wear =
      0.002 * (rpm / 1000) ** 1.5 * cut + (material === 'Steel' ? 0.004 : 0) + 0.0005 * rng.normal();
    const sag = 0.1 + 0.05 * Math.sin(feed / 1000) * passes + 0.01 * rng.normal();
    rows.push([rpm, feed, cut, passes, material, wear.toFixed(6), sag.toFixed(6)].map(String));
  }
  if (options.permute) {
    const wear = rows.map((r) => r[5]!);
    rng.shuffle(wear);
    rows.forEach((r, i) => (r[5] = wear[i]!));
  }
  return [...lines, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

const FAST = { outer_splits: 3, cv_splits: 3, n_trials: 4 };

describe('nonlinear_analysis task', () => {
  it('two targets, forest + boosting: a valid body, OOF predictions, SHAP, and model files that predict as the final model', async () => {
    const text = csv(90, 1);
    const out = await nonlinearAnalysisTask(
      context(text, {
        target_columns: ['摩耗量', '上面ダレ量'],
        feature_columns: ['回転速度', '送り速度', '切込量', 'パス数', '材料'],
        models_to_use: ['random_forest', 'gradient_boosting'],
        ...FAST,
      }),
    );
    const body = NonlinearAnalysisBody.parse(out.body);
    expect(body.targets.map((t) => t.target)).toEqual(['摩耗量', '上面ダレ量']);
    const wear = body.targets[0]!;
    console.log(
      `nonlinear task: 摩耗量 ${wear.model}, OOF R² ${wear.metrics.oof_r2?.toFixed(3)}, in-sample R² ${wear.metrics.in_sample_r2?.toFixed(3)}`,
    );
    expect(wear.metrics.oof_r2).toBeGreaterThan(0.5);
    expect(wear.oof.row).toHaveLength(90);
    expect(wear.oof.row[0]).toBe(2);
    expect(wear.folds).toHaveLength(3);
    expect(wear.models.map((m) => m.model)).toEqual(['random_forest', 'gradient_boosting']);
    expect(wear.final.tuning.every((t) => t.n_trials === 4)).toBe(true);
    // SHAP: 5 features (材料 one-hot columns summed back into one feature); base + Σ = prediction per row.
    expect(wear.shap!.mean_abs).toHaveLength(5);
    expect(wear.shap!.values).toHaveLength(90);

    const pipeline = loadModelFile(new TextDecoder().decode(file(out, wear.model_file)));
    expect(pipeline.model.learner).toBe(wear.model);
    const lines = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const values = {
      回転速度: Float64Array.from(lines, (l) => Number(l[0])),
      送り速度: Float64Array.from(lines, (l) => Number(l[1])),
      切込量: Float64Array.from(lines, (l) => Number(l[2])),
      パス数: Float64Array.from(lines, (l) => Number(l[3])),
      材料: lines.map((l) => l[4]!),
    };
    const predicted = pipeline.predict(values, 90);
    const shap = wear.shap!;
    for (let r = 0; r < 90; r++) {
      const sum = shap.base_value + shap.values[r]!.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - predicted[r]!)).toBeLessThan(1e-9);
    }

    const oofCsv = new TextDecoder().decode(file(out, 'oof-predictions.csv'));
    expect(oofCsv.trim().split('\r\n')).toHaveLength(1 + 180);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file(out, 'nonlinear-analysis.xlsx') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概要 Summary',
      'モデル比較 Models',
      '外側分割 Folds',
      '重要度 Importance',
      '予測 OOF',
    ]);
  }, 120_000);

  it('is deterministic for a seed', async () => {
    const params = {
      target_columns: ['上面ダレ量'],
      models_to_use: ['extra_trees'],
      ...FAST,
      random_seed: 3,
    };
    const a = await nonlinearAnalysisTask(context(csv(40, 2), params));
    const b = await nonlinearAnalysisTask(context(csv(40, 2), params));
    expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body));
    expect(file(a, 'model-1.model.json')).toEqual(file(b, 'model-1.model.json'));
  }, 60_000);

  it('on a permuted target the nested-CV R² stays near zero (nothing leaks into the estimate)', async () => {
    const out = await nonlinearAnalysisTask(
      context(csv(120, 5, { permute: true }), {
        target_columns: ['摩耗量'],
        models_to_use: ['random_forest'],
        outer_splits: 5,
        cv_splits: 3,
        n_trials: 6,
      }),
    );
    const t = NonlinearAnalysisBody.parse(out.body).targets[0]!;
    console.log(
      `permuted 摩耗量: OOF R² ${t.metrics.oof_r2?.toFixed(3)}, in-sample R² ${t.metrics.in_sample_r2?.toFixed(3)}`,
    );
    expect(t.metrics.oof_r2).toBeLessThanOrEqual(0.05);
  }, 120_000);

  it('enable_pareto: predicts the candidate grid with the final models and keeps exactly the non-dominated candidates', async () => {
    const candidates = {
      factors: [
        { name: '回転速度', min: 1000, max: 6000, step: 1000 },
        { name: '送り速度', min: 500, max: 3500, step: 500 },
        { name: '切込量', levels: [0.5, 1, 1.5] },
        { name: 'パス数', levels: [1, 2, 3] },
        { name: '材料', type: 'categorical', levels: ['Steel', 'Alumi'] },
      ],
    };
    const out = await nonlinearAnalysisTask(
      context(csv(60, 4), {
        target_columns: ['摩耗量', '上面ダレ量'],
        feature_columns: ['回転速度', '送り速度', '切込量', 'パス数', '材料'],
        models_to_use: ['extra_trees'],
        ...FAST,
        enable_pareto: true,
        candidates,
      }),
    );
    const body = NonlinearAnalysisBody.parse(out.body);
    const pareto = body.pareto!;
    expect(pareto.n_candidates).toBe(6 * 7 * 3 * 3 * 2);
    // Brute force over every candidate with the saved models: the front is exactly the non-dominated set.
    const models = body.targets.map((t) => loadModelFile(new TextDecoder().decode(file(out, t.model_file))));
    const rows: Array<Record<string, number | string>> = [];
    for (const a of [1000, 2000, 3000, 4000, 5000, 6000])
      for (const b of [500, 1000, 1500, 2000, 2500, 3000, 3500])
        for (const c of [0.5, 1, 1.5])
          for (const d of [1, 2, 3])
            for (const m of ['Steel', 'Alumi'])
              rows.push({ 回転速度: a, 送り速度: b, 切込量: c, パス数: d, 材料: m });
    const values = {
      回転速度: Float64Array.from(rows, (r) => r['回転速度'] as number),
      送り速度: Float64Array.from(rows, (r) => r['送り速度'] as number),
      切込量: Float64Array.from(rows, (r) => r['切込量'] as number),
      パス数: Float64Array.from(rows, (r) => r['パス数'] as number),
      材料: rows.map((r) => r['材料'] as string),
    };
    const pred = models.map((m) => m.predict(values, rows.length));
    const dominated = (i: number) =>
      rows.some((_, j) => pred.every((p) => p[j]! <= p[i]!) && pred.some((p) => p[j]! < p[i]!));
    const key = (r: Record<string, unknown>) =>
      ['回転速度', '送り速度', '切込量', 'パス数', '材料'].map((k) => r[k]).join('|');
    const expected = new Set(rows.filter((_, i) => !dominated(i)).map(key));
    expect(pareto.n_front).toBe(expected.size);
    for (const f of pareto.front) expect(expected.has(key(f.values))).toBe(true);
    const csvRows = new TextDecoder().decode(file(out, 'pareto-candidates.csv')).trim().split('\r\n');
    expect(csvRows).toHaveLength(1 + expected.size);
    console.log(
      `enable_pareto: ${pareto.n_candidates} candidates, ${pareto.n_front} on the front (brute force agrees)`,
    );
  }, 120_000);

  it('names the problem: unknown column, too few rows, a missing value for a model that needs complete rows', async () => {
    await expect(
      nonlinearAnalysisTask(context(csv(30, 1), { target_columns: ['摩耗'], ...FAST })),
    ).rejects.toThrow(/摩耗/);
    const few = nonlinearAnalysisTask(context(csv(5, 1), { target_columns: ['摩耗量'], ...FAST }));
    await expect(few).rejects.toBeInstanceOf(TaskError);
    await expect(few).rejects.toThrow(/5 usable rows.*outer_splits/);

    await expect(
      nonlinearAnalysisTask(
        context(csv(30, 1), { target_columns: ['摩耗量', '上面ダレ量'], ...FAST, enable_pareto: true }),
      ),
    ).rejects.toThrow(/enable_pareto needs candidates/);

    const withGap = csv(40, 3).replace(/\n(\d+),(\d+),/, '\n$1,,');
    const out = await nonlinearAnalysisTask(
      context(withGap, { target_columns: ['摩耗量'], models_to_use: ['ridge'], ...FAST }),
    );
    expect(out.warnings.map((w) => w.message).join(' ')).toMatch(/1 row\(s\) with a missing feature/);
  }, 120_000);
});
