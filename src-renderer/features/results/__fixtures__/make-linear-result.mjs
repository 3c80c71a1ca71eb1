/**
 * Writes linear-result.json: a `linear_analysis` result.json in the per-target body of src-shared/api/linear-result.ts,
 * for the result view's tests. It fits OLS (normal equations) and 5-fold out-of-fold predictions on the bundled
 * brush-deburring sample, so the figures are coherent; p-values use a normal approximation and the candidate scores
 * of the regularised models are derived, not fitted: a UI fixture, not reference values.
 * Run: `node src-renderer/features/results/__fixtures__/make-linear-result.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const lines = readFileSync(here('../../../../resources/samples/brush-deburring.csv'), 'utf8')
  .trim()
  .split('\n');
const header = lines[0].split(',');
const data = lines.slice(1).map((l) => l.split(',').map(Number));
const col = (name) => data.map((r) => r[header.indexOf(name)]);
const FEATURES = ['回転速度', '送り速度', '切込量'];
const TERMS = ['(Intercept)', ...FEATURES];

function solve(a, b) {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}
const xtx = (x) => x[0].map((_, i) => x[0].map((_, j) => x.reduce((s, r) => s + r[i] * r[j], 0)));
const xty = (x, y) => x[0].map((_, i) => x.reduce((s, r, k) => s + r[i] * y[k], 0));
const inverse = (a) =>
  a.map((_, j) =>
    solve(
      a,
      a.map((_, i) => (i === j ? 1 : 0)),
    ),
  );
const erf = (x) => {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return x >= 0 ? y : -y;
};
const twoSidedP = (t) => 1 - erf(Math.abs(t) / Math.SQRT2);
const r6 = (v) => Number(v.toPrecision(6));

function fitTarget(target) {
  const y = col(target);
  const x = data.map((_, i) => [1, ...FEATURES.map((f) => col(f)[i])]);
  const n = y.length;
  const p = TERMS.length;
  const beta = solve(xtx(x), xty(x, y));
  const fitted = x.map((r) => r.reduce((s, v, j) => s + v * beta[j], 0));
  const resid = y.map((v, i) => v - fitted[i]);
  const sse = resid.reduce((s, v) => s + v * v, 0);
  const s2 = sse / (n - p);
  const inv = inverse(xtx(x));
  const lev = x.map((r) => r.reduce((s, a, i) => s + a * r.reduce((t, b, j) => t + inv[i][j] * b, 0), 0));
  const oof = new Array(n);
  for (let fold = 0; fold < 5; fold++) {
    const train = x.map((_, i) => i).filter((i) => i % 5 !== fold);
    const bf = solve(
      xtx(train.map((i) => x[i])),
      xty(
        train.map((i) => x[i]),
        train.map((i) => y[i]),
      ),
    );
    for (let i = fold; i < n; i += 5) oof[i] = x[i].reduce((s, v, j) => s + v * bf[j], 0);
  }
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const oofErr = y.map((v, i) => v - oof[i]);
  const mae = (e) => e.reduce((s, v) => s + Math.abs(v), 0) / e.length;
  const rmse = (e) => Math.sqrt(e.reduce((s, v) => s + v * v, 0) / e.length);
  const oofMae = mae(oofErr);
  const coefficients = TERMS.map((term, j) => {
    const se = Math.sqrt(s2 * inv[j][j]);
    const t = beta[j] / se;
    return {
      term,
      estimate: r6(beta[j]),
      std_error: r6(se),
      t: r6(t),
      p: r6(twoSidedP(t)),
      ci_low: r6(beta[j] - 2.056 * se),
      ci_high: r6(beta[j] + 2.056 * se),
    };
  });
  const equation =
    `${target} = ${r6(beta[0])}` +
    FEATURES.map((f, j) => ` ${beta[j + 1] < 0 ? '−' : '+'} ${r6(Math.abs(beta[j + 1]))}·${f}`).join('');
  const candidate = (model, alpha, l1, k) => ({
    model,
    alpha,
    l1_ratio: l1,
    oof_mae: r6(oofMae * k),
    oof_rmse: r6(rmse(oofErr) * k),
    oof_r2: r6(1 - ((rmse(oofErr) * k) ** 2 * n) / sst),
    oof_mae_sd: r6(oofMae * 0.18 * k),
  });
  return {
    target,
    family: 'gaussian',
    features: FEATURES,
    terms: TERMS,
    n,
    n_dropped: 0,
    transform: { name: 'none', lambda: null, shift: 0, chosen_by: 'user' },
    selected: { model: 'ols', alpha: null, l1_ratio: null, reason: 'lowest out-of-fold MAE' },
    candidates: [
      candidate('ols', null, null, 1),
      candidate('ridge', 0.1, null, 1.02),
      candidate('lasso', 0.01, null, 1.04),
      candidate('elastic_net', 0.01, 0.5, 1.03),
    ],
    coefficients,
    coefficients_coded: [],
    standardized_coefficients: FEATURES.map((f) => ({ term: f, beta: null })),
    vif: FEATURES.map((f) => ({ term: f, vif: 1.05 })),
    aliased_terms: [],
    anova: [
      {
        source: 'model',
        df: p - 1,
        sum_sq: r6(sst - sse),
        mean_sq: r6((sst - sse) / (p - 1)),
        f: r6((sst - sse) / (p - 1) / s2),
        p: null,
      },
      { source: 'residual', df: n - p, sum_sq: r6(sse), mean_sq: r6(s2), f: null, p: null },
    ],
    metrics: {
      oof_r2: r6(1 - oofErr.reduce((s, v) => s + v * v, 0) / sst),
      oof_rmse: r6(rmse(oofErr)),
      oof_mae: r6(oofMae),
      in_sample_r2: r6(1 - sse / sst),
      in_sample_adj_r2: r6(1 - sse / (n - p) / (sst / (n - 1))),
      in_sample_rmse: r6(rmse(resid)),
      in_sample_mae: r6(mae(resid)),
    },
    equation,
    rows: y.map((actual, i) => ({
      row: i + 2,
      actual,
      fitted: r6(fitted[i]),
      // One row without an out-of-fold value exercises the view's fallback to the in-sample fit.
      oof_predicted: i === 7 ? null : r6(oof[i]),
      residual: r6(resid[i]),
      studentized_residual: r6(resid[i] / Math.sqrt(s2 * (1 - lev[i]))),
      leverage: r6(lev[i]),
      cooks_distance: r6((resid[i] ** 2 / (p * s2)) * (lev[i] / (1 - lev[i]) ** 2)),
    })),
  };
}

const result = {
  job_id: '6f1c2a8e-4b7d-4e2a-9c1f-3d5b7a9e0c21',
  job_type: 'linear_analysis',
  schema_version: 1,
  engine_version: '0.1.0',
  input_sha256: 'a'.repeat(64),
  started_at: '2026-11-30T01:00:00.000Z',
  finished_at: '2026-11-30T01:00:02.500Z',
  parameters: { target_columns: ['摩耗量', '上面ダレ量'], feature_columns: FEATURES },
  warnings: [],
  body: {
    targets: [fitTarget('摩耗量'), fitTarget('上面ダレ量')],
    validation: {
      outer_splits: 5,
      inner_splits: 5,
      holdout_fraction: 0,
      selection_metric: 'mae',
      random_seed: 42,
    },
  },
};
writeFileSync(here('./linear-result.json'), JSON.stringify(result, null, 2) + '\n');
