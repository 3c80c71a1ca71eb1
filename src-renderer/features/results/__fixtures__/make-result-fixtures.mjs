/**
 * Writes the result.json fixtures of the job types whose engines land later (optimization, nonlinear_analysis,
 * classification, prediction, pareto), in the bodies of src-shared/api/results.ts, for the result views' tests and
 * the Playwright run. The numbers are computed, so the plots are coherent: a greedy D-optimal pick from a factor
 * grid (main effects, range coding) with its criteria, VIFs, correlations, FDS and PCA; a true Pareto front of
 * seeded random conditions; nonlinear scores computed from made-up OOF predictions of an additive truth (whose SHAP
 * values are exact). Classification metrics are made up. A UI fixture, not reference values.
 * Run: `node src-renderer/features/results/__fixtures__/make-result-fixtures.mjs`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const r6 = (v) => Number(v.toPrecision(6));
const SHA = 'a3f1c9e8b7d6054f2e1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5';
const envelope = (jobType, jobId, parameters, body, warnings = []) => ({
  job_id: jobId,
  job_type: jobType,
  schema_version: 1,
  engine_version: '0.1.0',
  input_sha256: SHA,
  started_at: '2026-11-30T01:00:00.000Z',
  finished_at: '2026-11-30T01:00:07.250Z',
  warnings,
  parameters,
  body,
});
const write = (name, value) => writeFileSync(here(name), JSON.stringify(value, null, 2) + '\n');

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gauss–Jordan inverse and log-determinant of a small symmetric matrix. */
function invert(a) {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  let logDet = 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    logDet += Math.log(Math.abs(m[c][c]));
    const d = m[c][c];
    for (let k = 0; k < 2 * n; k++) m[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let k = 0; k < 2 * n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return { inverse: m.map((row) => row.slice(n)), logDet };
}
const info = (rows) =>
  rows[0].map((_, i) => rows[0].map((_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)));
const quad = (x, m) => x.reduce((s, xi, i) => s + xi * x.reduce((t, xj, j) => t + m[i][j] * xj, 0), 0);

/** Eigenvectors of a symmetric matrix by cyclic Jacobi rotations, largest eigenvalue first. */
function eigen(a) {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v = a.map((_, i) => a.map((_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p][q]) < 1e-14) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
  }
  return a
    .map((_, i) => ({ value: m[i][i], vector: v.map((row) => row[i]) }))
    .sort((x, y) => y.value - x.value);
}

// ---- optimization: 12 new runs from a 5 × 4 × 3 grid, 3 runs already done ----
{
  const FACTORS = [
    { name: '回転速度', type: 'continuous', min: 1000, max: 2200, step: 300 },
    { name: '送り速度', type: 'continuous', min: 300, max: 750, step: 150 },
    { name: '切込量', type: 'continuous', levels: [0.2, 0.3, 0.4] },
  ];
  const levels = FACTORS.map(
    (f) =>
      f.levels ??
      Array.from({ length: Math.round((f.max - f.min) / f.step) + 1 }, (_, i) => f.min + i * f.step),
  );
  const coding = Object.fromEntries(
    FACTORS.map((f, i) => {
      const lo = Math.min(...levels[i]);
      const hi = Math.max(...levels[i]);
      return [f.name, { center: (lo + hi) / 2, scale: (hi - lo) / 2 }];
    }),
  );
  const candidates = [];
  for (const a of levels[0]) for (const b of levels[1]) for (const c of levels[2]) candidates.push([a, b, c]);
  const coded = (row) =>
    row.map((v, i) => (v - coding[FACTORS[i].name].center) / coding[FACTORS[i].name].scale);
  const model = (row) => [1, ...coded(row)];
  const existing = [
    [1300, 450, 0.3],
    [1600, 450, 0.3],
    [1900, 600, 0.2],
  ];
  const design = existing.map(model);
  const chosen = [];
  const N_NEW = 12;
  for (let k = 0; k < N_NEW; k++) {
    const m = info(design).map((row, i) => row.map((v, j) => v + (i === j ? 1e-6 : 0)));
    const { inverse } = invert(m);
    let best = 0;
    let bestVar = -Infinity;
    candidates.forEach((cand, i) => {
      const v = quad(model(cand), inverse);
      if (v > bestVar + 1e-12) {
        bestVar = v;
        best = i;
      }
    });
    chosen.push(best);
    design.push(model(candidates[best]));
  }
  const N = design.length;
  const p = design[0].length;
  const xtx = info(design);
  const { inverse, logDet } = invert(xtx);
  const variances = candidates.map((c) => quad(model(c), inverse));
  const terms = ['(Intercept)', ...FACTORS.map((f) => f.name)];
  const cols = FACTORS.map((_, j) => design.map((r) => r[j + 1]));
  const mean = (x) => x.reduce((s, v) => s + v, 0) / x.length;
  const corr = (x, y) => {
    const mx = mean(x);
    const my = mean(y);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) ** 2;
      syy += (y[i] - my) ** 2;
    }
    return sxy / Math.sqrt(sxx * syy);
  };
  const r = cols.map((x) => cols.map((y) => corr(x, y)));
  const rInv = invert(r).inverse;
  const sorted = [...variances].sort((a, b) => a - b);
  const codedCands = candidates.map(coded);
  const centre = [0, 1, 2].map((j) => mean(codedCands.map((c) => c[j])));
  const cov = [0, 1, 2].map((i) =>
    [0, 1, 2].map(
      (j) =>
        codedCands.reduce((s, c) => s + (c[i] - centre[i]) * (c[j] - centre[j]), 0) / (codedCands.length - 1),
    ),
  );
  const eig = eigen(cov);
  const total = eig.reduce((s, e) => s + e.value, 0);
  const project = (row) => {
    const c = coded(row).map((v, j) => v - centre[j]);
    return eig.slice(0, 2).map((e) => r6(e.vector.reduce((s, w, j) => s + w * c[j], 0)));
  };
  const valuesOf = (row) => Object.fromEntries(FACTORS.map((f, i) => [f.name, row[i]]));
  const runs = [
    ...existing.map((row, i) => ({
      run: i + 1,
      source: 'existing',
      candidate_index: candidates.findIndex((c) => c.every((v, j) => v === row[j])),
      values: valuesOf(row),
    })),
    ...chosen.map((ci, i) => ({
      run: existing.length + i + 1,
      source: 'new',
      candidate_index: ci,
      values: valuesOf(candidates[ci]),
    })),
  ];
  const body = {
    criterion: 'D',
    algorithm: 'fedorov',
    model: 'main_effects',
    terms,
    factors: FACTORS.map((f) => f.name),
    coding,
    n_candidates: candidates.length,
    n_existing: existing.length,
    n_new: N_NEW,
    runs,
    criteria: {
      log_det: r6(logDet),
      d_efficiency: r6((100 * Math.exp(logDet / p)) / N),
      a: r6(inverse.reduce((s, row, i) => s + row[i], 0)),
      i: r6(mean(variances)),
      g_efficiency: r6((100 * p) / (N * Math.max(...variances))),
    },
    vif: FACTORS.map((f, i) => ({ term: f.name, vif: r6(rInv[i][i]) })),
    correlation: { terms: FACTORS.map((f) => f.name), matrix: r.map((row) => row.map(r6)) },
    fds: {
      fraction: sorted.map((_, i) => r6((i + 0.5) / sorted.length)),
      variance: sorted.map(r6),
    },
    projection: {
      explained: eig.slice(0, 2).map((e) => r6(e.value / total)),
      candidates: candidates.map(project),
      existing: existing.map(project),
      selected: chosen.map((ci) => project(candidates[ci])),
    },
    starts: 20,
    best_start: 7,
  };
  write(
    'optimization-result.json',
    envelope(
      'optimization',
      '0b7e3c1a-2d4f-4a6b-8c9d-1e2f3a4b5c6d',
      {
        num_points: N_NEW,
        random_seed: 42,
        factors: FACTORS,
        model: 'main_effects',
        intercept: true,
        coding: 'range',
        criterion: 'D',
        algorithm: 'fedorov',
        n_starts: 20,
        randomize_run_order: true,
      },
      body,
    ),
  );
}

// ---- nonlinear_analysis: nested-CV folds, per-model scores, OOF predictions and SHAP of an additive truth ----
{
  const rand = mulberry32(11);
  const FEATURES = ['回転速度', '送り速度', '切込量'];
  const OUTER = 5;
  const mean = (x) => x.reduce((s, v) => s + v, 0) / x.length;
  const sd = (x) => {
    const m = mean(x);
    return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, x.length - 1));
  };
  const scoresOf = (actual, predicted) => {
    const pairs = actual.map((a, i) => [a, predicted[i]]).filter(([, p]) => p !== null);
    const err = pairs.map(([a, p]) => a - p);
    const m = mean(pairs.map(([a]) => a));
    const sst = pairs.reduce((s, [a]) => s + (a - m) ** 2, 0);
    const sse = err.reduce((s, e) => s + e * e, 0);
    return {
      mae: r6(mean(err.map(Math.abs))),
      rmse: r6(Math.sqrt(sse / err.length)),
      r2: r6(1 - sse / sst),
    };
  };
  const summary = (list) =>
    Object.fromEntries(['mae', 'rmse', 'r2'].map((k) => [k, r6(mean(list.map((s) => s[k])))]));
  const spread = (list) =>
    Object.fromEntries(['mae', 'rmse', 'r2'].map((k) => [k, r6(sd(list.map((s) => s[k])))]));
  /** One target: `parts` are the additive effects g_j(x_j), so SHAP_j = g_j(x_j) − mean g_j exactly. */
  const study = ({ target, n, parts, noise, models, finalModel, shap, missingOof }) => {
    const x = Array.from({ length: n }, () => [
      1000 + Math.round(rand() * 12) * 100,
      300 + Math.round(rand() * 9) * 50,
      [0.2, 0.3, 0.4][Math.floor(rand() * 3)],
    ]);
    const effects = x.map((row) => parts.map((g, j) => g(row[j])));
    const base = 1.5;
    const y = effects.map((e) => r6(base + e.reduce((s, v) => s + v, 0) + (rand() - 0.5) * noise));
    const fold = Array.from({ length: n }, (_, i) => (i % OUTER) + 1);
    const predicted = y.map((v, i) => (missingOof.includes(i) ? null : r6(v + (rand() - 0.5) * noise * 2)));
    const folds = Array.from({ length: OUTER }, (_, f) => {
      const idx = fold.flatMap((v, i) => (v === f + 1 ? [i] : []));
      return {
        fold: f + 1,
        chosen: models[f % 3 === 2 ? 1 : 0] ?? models[0],
        n_test: idx.length,
        scores: scoresOf(
          idx.map((i) => y[i]),
          idx.map((i) => predicted[i]),
        ),
      };
    });
    const foldScores = folds.map((f) => f.scores);
    const perModel = models.map((model, m) => {
      const shifted = foldScores.map((s) => ({
        mae: r6(s.mae * (1 + 0.15 * m)),
        rmse: r6(s.rmse * (1 + 0.15 * m)),
        r2: r6(s.r2 - 0.05 * m),
      }));
      return {
        model,
        mean: summary(shifted),
        sd: spread(shifted),
        params: folds.map((_, f) =>
          model === 'gaussian_process'
            ? { kernel: 'matern52', length_scale: r6(0.5 + 0.1 * f), noise: r6(0.01 * (f + 1)) }
            : { n_estimators: 100 + 50 * f, max_depth: 3 + (f % 3), learning_rate: r6(0.05 + 0.01 * f) },
        ),
      };
    });
    const oofAll = scoresOf(y, predicted);
    const fitted = y.map((v) => v + (rand() - 0.5) * noise * 0.5);
    const inSample = scoresOf(y, fitted);
    const meanEffects = parts.map((_, j) => mean(effects.map((e) => e[j])));
    const shapRows = Array.from({ length: n }, (_, i) => i);
    return {
      target,
      model: finalModel,
      metrics: {
        oof_r2: oofAll.r2,
        oof_rmse: oofAll.rmse,
        oof_mae: oofAll.mae,
        oof_r2_fold_mean: summary(foldScores).r2,
        oof_r2_fold_sd: spread(foldScores).r2,
        in_sample_r2: inSample.r2,
        in_sample_rmse: inSample.rmse,
      },
      n,
      n_dropped: 0,
      model_file: `${target}.model.json`,
      folds,
      models: perModel,
      final: {
        model: finalModel,
        params: perModel.find((m) => m.model === finalModel).params[0],
        tuning: perModel.map((m, k) => ({
          model: m.model,
          inner_rmse: r6(oofAll.rmse * (0.95 + 0.1 * k)),
          params: m.params[0],
          n_trials: 50,
          n_pruned: 12 + 5 * k,
        })),
      },
      oof: { row: x.map((_, i) => i + 2), actual: y, predicted, fold },
      shap: shap
        ? {
            base_value: r6(mean(y)),
            mean_abs: parts.map((_, j) => r6(mean(effects.map((e) => Math.abs(e[j] - meanEffects[j]))))),
            rows: shapRows.map((i) => i + 2),
            values: shapRows.map((i) => effects[i].map((v, j) => r6(v - meanEffects[j]))),
            feature_values: shapRows.map((i) => x[i]),
          }
        : null,
    };
  };
  const targets = [
    study({
      target: '摩耗量',
      n: 40,
      parts: [(rpm) => 0.002 * rpm, (feed) => -0.004 * feed, (depth) => 6 * depth * depth * 10],
      noise: 0.4,
      models: ['random_forest', 'gradient_boosting'],
      finalModel: 'gradient_boosting',
      shap: true,
      missingOof: [],
    }),
    study({
      target: '上面ダレ量',
      n: 30,
      parts: [(rpm) => -0.003 * rpm, (feed) => 0.01 * feed, (depth) => 12 * depth],
      noise: 2,
      models: ['gaussian_process', 'random_forest'],
      finalModel: 'gaussian_process',
      shap: false,
      missingOof: [7],
    }),
  ];
  write(
    'nonlinear-result.json',
    envelope(
      'nonlinear_analysis',
      '1c8f4d2b-3e5a-4b7c-9d0e-2f3a4b5c6d7e',
      {
        target_columns: targets.map((t) => t.target),
        feature_columns: FEATURES,
        models_to_use: ['random_forest', 'gradient_boosting', 'gaussian_process'],
        outer_splits: OUTER,
        cv_splits: 5,
        n_trials: 50,
        enable_shap: true,
        enable_pareto: false,
        random_seed: 42,
      },
      { features: FEATURES, grouping: 'replicates', targets },
      [{ code: 'ZS_WARN_FEW_ROWS', message: '上面ダレ量: 30 rows; cross-validated scores vary widely.' }],
    ),
  );
}

// ---- classification: OOF probabilities of a seeded simulation, with the curves, counts and fold scores they give ----
{
  const rand = mulberry32(11);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const n = 160;
  const folds = 5;
  const rows = Array.from({ length: n }, (_, i) => {
    const y = rand() < 0.35 ? 1 : 0;
    const z = (y ? 1.1 : -1.1) + normal();
    return { y, p: 1 / (1 + Math.exp(-z)), fold: (i % folds) + 1, ood: rand() < 0.02 };
  });
  const tauPos = 0.712;
  const tauNeg = 0.184;
  const decision = (r) => (r.ood ? 'gray' : r.p > tauPos ? 'p' : r.p < tauNeg ? 'n' : 'gray');
  const auc = (list) => {
    const pos = list.filter((r) => r.y === 1);
    const neg = list.filter((r) => r.y === 0);
    let s = 0;
    for (const a of pos) for (const b of neg) s += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
    return s / (pos.length * neg.length);
  };
  const byScore = [...rows].sort((a, b) => b.p - a.p);
  const nPos = rows.filter((r) => r.y === 1).length;
  const roc = { fpr: [0], tpr: [0] };
  const pr = { recall: [], precision: [] };
  let tp = 0;
  byScore.forEach((r, k) => {
    tp += r.y;
    roc.fpr.push(r6((k + 1 - tp) / (n - nPos)));
    roc.tpr.push(r6(tp / nPos));
    pr.recall.unshift(r6(tp / nPos));
    pr.precision.unshift(r6(tp / (k + 1)));
  });
  pr.recall.push(0);
  pr.precision.push(1);
  const bins = Array.from({ length: 10 }, () => ({ p: 0, y: 0, n: 0 }));
  for (const r of rows) {
    const b = bins[Math.min(9, Math.max(0, Math.ceil(r.p * 10) - 1))];
    b.p += r.p;
    b.y += r.y;
    b.n += 1;
  }
  const used = bins.filter((b) => b.n > 0);
  const count = (d, y) => rows.filter((r) => decision(r) === d && r.y === y).length;
  const three_way = Object.fromEntries(
    ['p', 'n', 'gray'].map((d) => [d, { positive: count(d, 1), negative: count(d, 0) }]),
  );
  const confusion = {
    tp: three_way.p.positive,
    fp: three_way.p.negative,
    fn: nPos - three_way.p.positive,
    tn: n - nPos - three_way.p.negative,
  };
  const scores = (list) => {
    const neg = list.filter((r) => r.y === 0);
    return {
      roc_auc: r6(auc(list)),
      pr_auc: null,
      brier: r6(list.reduce((s, r) => s + (r.p - r.y) ** 2, 0) / list.length),
      fpr_at_tau_pos: r6(neg.filter((r) => r.p > tauPos).length / neg.length),
      coverage: r6(list.filter((r) => decision(r) !== 'gray').length / list.length),
    };
  };
  const foldScores = Array.from({ length: folds }, (_, f) => scores(rows.filter((r) => r.fold === f + 1)));
  const stat = (f) => {
    const keys = ['roc_auc', 'pr_auc', 'brier', 'fpr_at_tau_pos', 'coverage'];
    const of = (k) => foldScores.map((s) => s[k]).filter((v) => v !== null);
    return Object.fromEntries(keys.map((k) => [k, of(k).length ? r6(f(of(k))) : null]));
  };
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  const sd = (v) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
  const all = scores(rows);
  write(
    'classification-result.json',
    envelope(
      'classification',
      '2d9a5e3c-4f6b-4c8d-8e1f-3a4b5c6d7e8f',
      {
        target_column: '合否',
        positive_label: 'NG',
        models_to_use: ['gradient_boosting', 'logistic'],
        outer_splits: folds,
        cv_splits: 5,
        n_trials_inner: 50,
        alpha: 0.05,
        beta: 0.05,
        confidence: 0.95,
        ood_quantile: 0.99,
        random_seed: 42,
      },
      {
        target: '合否',
        positive_label: 'NG',
        negative_label: 'OK',
        features: ['回転速度', '送り速度', '切込量', 'パス数'],
        grouping: 'replicates',
        n,
        n_positive: nPos,
        n_negative: n - nPos,
        n_dropped: 2,
        model: 'gradient_boosting',
        model_file: 'model-1.model.json',
        metrics: {
          oof_roc_auc: all.roc_auc,
          oof_brier: all.brier,
          oof_fpr_at_tau_pos: all.fpr_at_tau_pos,
          oof_coverage: all.coverage,
          oof_precision: r6(confusion.tp / (confusion.tp + confusion.fp)),
          oof_recall: r6(confusion.tp / nPos),
          in_sample_roc_auc: 0.996,
          oof_mcc: null,
        },
        cv: {
          folds: foldScores.map((s, f) => ({
            fold: f + 1,
            chosen: f === 2 ? 'logistic_regression' : 'gradient_boosting',
            calibration: f === 1 ? 'isotonic' : 'sigmoid',
            n_test: rows.filter((r) => r.fold === f + 1).length,
            n_test_positive: rows.filter((r) => r.fold === f + 1 && r.y === 1).length,
            tau_pos: r6(tauPos + 0.01 * (f - 2)),
            tau_neg: r6(tauNeg - 0.005 * (f - 2)),
            tau_pos_feasible: true,
            scores: s,
          })),
          mean: stat(mean),
          sd: stat(sd),
          models: [
            { model: 'gradient_boosting', roc_auc_mean: 0.93, roc_auc_sd: 0.031, params: [] },
            { model: 'logistic_regression', roc_auc_mean: 0.91, roc_auc_sd: 0.04, params: [] },
          ],
        },
        final: {
          model: 'gradient_boosting',
          params: { n_estimators: 240, learning_rate: 0.05, num_leaves: 8 },
          calibration: {
            method: 'sigmoid',
            candidates: [
              { method: 'sigmoid', brier: 0.081, ece: 0.034 },
              { method: 'isotonic', brier: 0.085, ece: 0.029 },
            ],
          },
          tuning: [
            { model: 'gradient_boosting', inner_roc_auc: 0.94, params: {}, n_trials: 50, n_pruned: 12 },
            { model: 'logistic_regression', inner_roc_auc: 0.92, params: {}, n_trials: 50, n_pruned: 9 },
          ],
        },
        thresholds: {
          tau_pos: {
            value: tauPos,
            feasible: true,
            n: n - nPos,
            error_rate: 0.05,
            observed_errors: 1,
            error_rate_upper_bound: 0.046,
          },
          tau_neg: {
            value: tauNeg,
            feasible: true,
            n: nPos,
            error_rate: 0.05,
            observed_errors: 0,
            error_rate_upper_bound: 0.052,
          },
          alpha: 0.05,
          beta: 0.05,
          confidence: 0.95,
        },
        ood: {
          available: true,
          columns: ['回転速度', '送り速度', '切込量', 'パス数'],
          quantile: 0.99,
          threshold: 3.644,
          n_flagged: rows.filter((r) => r.ood).length,
          reason: null,
        },
        confusion,
        three_way,
        curves: {
          roc,
          pr,
          calibration: {
            prob_pred: used.map((b) => r6(b.p / b.n)),
            prob_true: used.map((b) => r6(b.y / b.n)),
            counts: used.map((b) => b.n),
          },
        },
        oof_file: 'oof-predictions.csv',
      },
    ),
  );
}

// ---- prediction: the body names the columns; the rows are in predictions.csv ----
{
  const rand = mulberry32(7);
  const columns = ['回転速度', '送り速度', '切込量', '摩耗量_pred', '摩耗量_std', 'flag'];
  const lines = [columns.join(',')];
  const N = 250;
  for (let i = 0; i < N; i++) {
    const rpm = 1000 + Math.round(rand() * 12) * 100;
    const feed = 300 + Math.round(rand() * 9) * 50;
    const depth = [0.2, 0.3, 0.4][Math.floor(rand() * 3)];
    const pred = 0.002 * rpm - 0.004 * feed + 6 * depth + 1.5;
    const std = 0.05 + rand() * 0.1;
    const flag = rpm > 2000 ? 'extrapolation' : '';
    lines.push([rpm, feed, depth, r6(pred), r6(std), flag].join(','));
  }
  writeFileSync(here('prediction-rows.csv'), lines.join('\n') + '\n');
  write(
    'prediction-result.json',
    envelope(
      'prediction',
      '3e0b6f4d-5a7c-4d9e-9f2a-4b5c6d7e8f90',
      { model_job_id: '1c8f4d2b-3e5a-4b7c-9d0e-2f3a4b5c6d7e' },
      { model_job_id: '1c8f4d2b-3e5a-4b7c-9d0e-2f3a4b5c6d7e', n: N, columns },
    ),
  );
}

// ---- pareto: the non-dominated set of 500 seeded conditions, two objectives minimised, one maximised ----
{
  const rand = mulberry32(42);
  const objectives = [
    { column: '摩耗量', direction: 'min' },
    { column: '上面ダレ量', direction: 'min' },
    { column: '加工速度', direction: 'max' },
  ];
  const rows = [];
  for (let i = 0; i < 500; i++) {
    const rpm = 1000 + rand() * 1200;
    const feed = 300 + rand() * 450;
    const depth = 0.2 + rand() * 0.2;
    rows.push({
      回転速度: r6(rpm),
      送り速度: r6(feed),
      切込量: r6(depth),
      摩耗量: r6(0.002 * rpm + 0.003 * feed + 4 * depth + rand() * 0.5),
      上面ダレ量: r6(8 - 0.002 * rpm + 10 * depth + rand()),
      加工速度: r6(feed * depth * (0.9 + rand() * 0.2)),
    });
  }
  const sign = (o) => (o.direction === 'min' ? 1 : -1);
  const dominates = (a, b) =>
    objectives.every((o) => sign(o) * a[o.column] <= sign(o) * b[o.column]) &&
    objectives.some((o) => sign(o) * a[o.column] < sign(o) * b[o.column]);
  const front = rows.filter((r) => !rows.some((q) => dominates(q, r)));
  write(
    'pareto-result.json',
    envelope(
      'pareto',
      '4f1c7a5e-6b8d-4e0f-8a3b-5c6d7e8f9012',
      { objectives },
      { objectives, n_evaluated: rows.length, n_front: front.length, front },
    ),
  );
}
