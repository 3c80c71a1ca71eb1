/**
 * Gradient-boosting speed against XGBoost (issue 6 target: our fit ≤ 1.5× XGBoost's). 100 trees, 31 leaves,
 * learning rate 0.1, 255 bins, squared error, at 10,000 and 100,000 rows × 20 features, generated
 * deterministically; XGBoost 1.7 (Debian's python3-xgboost, hist, lossguide, max_leaves=31, at `nthread=2` as the issue
 * asks and at `nthread=1`, since on a busy machine OpenMP's spinning threads make the 2-thread time swing) runs
 * from a Python subprocess on the same bytes. XGBoost's fit is timed twice: train only, and DMatrix + train (its
 * quantile sketch is the counterpart of our binning, which our fit includes). Prints times, ratios and the
 * in-sample R² of both, plus CPU times (ours is single-threaded: the engine has no threads). Target line: fit
 * ≤ 1.5× XGBoost nthread=2. Asserts nothing. Run: npx tsx bench/learners-gbdt.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitGradientBoosting } from '../backend/analysis/boosting/gradient-boosting.js';
import { r2 } from '../backend/analysis/model-selection/metrics.js';

const P = 20;
const SIZES = [10_000, 100_000];
const PYTHON = '/usr/bin/python3';
const REPEATS = 3;

/** Column-major x (uniform, a few columns rounded to few levels) and a nonlinear y with noise. */
function makeData(n: number): { x: Float64Array; y: Float64Array } {
  let state = 0x2545f491;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const x = new Float64Array(n * P);
  for (let j = 0; j < P; j++) {
    for (let i = 0; i < n; i++) {
      const u = rand();
      x[j * n + i] = j % 5 === 4 ? Math.floor(u * 8) : u;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = (j: number) => x[j * n + i]!;
    y[i] =
      10 * Math.sin(Math.PI * c(0) * c(1)) +
      20 * (c(2) - 0.5) ** 2 +
      10 * c(3) +
      5 * c(5) +
      c(4) * c(6) +
      (c(9) > 0.5 ? 3 : 0) +
      (rand() - 0.5) * 2;
  }
  return { x, y };
}

const PARAMS = {
  nEstimators: 100,
  learningRate: 0.1,
  numLeaves: 31,
  maxDepth: 0,
  minDataInLeaf: 1,
  minChildWeight: 1,
  lambda: 1,
  maxBin: 255,
} as const;

const XGB_SCRIPT = `
import json, sys, time
import numpy as np, xgboost as xgb
d, n, p, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(d + '/x.f64', dtype='<f8').reshape(p, n).T.copy()
y = np.fromfile(d + '/y.f64', dtype='<f8')
out = {}
for nthread in (2, 1):
    params = dict(tree_method='hist', grow_policy='lossguide', max_leaves=31, max_depth=0, eta=0.1,
                  reg_lambda=1.0, min_child_weight=1.0, max_bin=256, nthread=nthread,
                  base_score=float(y.mean()), objective='reg:squarederror')
    best = None
    for _ in range(repeats):
        c0 = time.process_time()
        t0 = time.perf_counter()
        dm = xgb.DMatrix(x, label=y, nthread=nthread)
        t1 = time.perf_counter()
        booster = xgb.train(params, dm, num_boost_round=100)
        t2 = time.perf_counter()
        cpu = (time.process_time() - c0) * 1e3
        pred = booster.predict(dm)
        t3 = time.perf_counter()
        booster.predict(xgb.DMatrix(x, nthread=nthread))
        t4 = time.perf_counter()
        r = dict(dmatrix_ms=(t1 - t0) * 1e3, train_ms=(t2 - t1) * 1e3, fit_cpu_ms=cpu, predict_ms=(t4 - t3) * 1e3)
        if best is None or r['train_ms'] < best['train_ms']:
            best = r
    best['r2'] = 1 - float(((y - pred) ** 2).sum() / ((y - y.mean()) ** 2).sum())
    best['version'] = xgb.__version__
    out[str(nthread)] = best
print(json.dumps(out))
`;

interface XgbResult {
  dmatrix_ms: number;
  train_ms: number;
  fit_cpu_ms: number;
  predict_ms: number;
  r2: number;
  version: string;
}

// Warm up the JIT on a small problem.
{
  const w = makeData(5000);
  fitGradientBoosting(w.x, w.y, 5000, P, { ...PARAMS, nEstimators: 30 }).predict(w.x, 5000);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-bench-gbdt-'));
try {
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  console.log(
    `GBDT: 100 trees, 31 leaves, lr 0.1, 255 bins, squared error, ${P} features; best of ${REPEATS}`,
  );
  for (const n of SIZES) {
    const { x, y } = makeData(n);
    let fitMs = Infinity;
    let fitCpuMs = Infinity;
    let predictMs = Infinity;
    let ourR2 = Number.NaN;
    for (let r = 0; r < REPEATS; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const model = fitGradientBoosting(x, y, n, P, PARAMS);
      const t1 = performance.now();
      const cpu = process.cpuUsage(c0);
      if (t1 - t0 < fitMs) fitCpuMs = (cpu.user + cpu.system) / 1000;
      const pred = model.predict(x, n);
      const t2 = performance.now();
      fitMs = Math.min(fitMs, t1 - t0);
      predictMs = Math.min(predictMs, t2 - t1);
      ourR2 = r2(y, pred);
    }
    await writeFile(path.join(dir, 'x.f64'), Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    await writeFile(path.join(dir, 'y.f64'), Buffer.from(y.buffer, y.byteOffset, y.byteLength));
    const py = spawnSync(PYTHON, ['-c', XGB_SCRIPT, dir, String(n), String(P), String(REPEATS)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (py.status !== 0) throw new Error(`XGBoost run failed (is python3-xgboost installed?): ${py.stderr}`);
    const runs = JSON.parse(py.stdout) as Record<'1' | '2', XgbResult>;
    console.log(`\n${n.toLocaleString('en-US')} rows × ${P}`);
    console.log(
      `  ours:    fit ${fitMs.toFixed(0)} ms (CPU ${fitCpuMs.toFixed(0)} ms, one thread), ` +
        `predict ${predictMs.toFixed(0)} ms, in-sample R² ${ourR2.toFixed(4)}`,
    );
    for (const threads of ['2', '1'] as const) {
      const xg = runs[threads];
      const xgFit = xg.dmatrix_ms + xg.train_ms;
      console.log(
        `  XGBoost ${xg.version} nthread=${threads}: DMatrix ${xg.dmatrix_ms.toFixed(0)} ms + train ` +
          `${xg.train_ms.toFixed(0)} ms = ${xgFit.toFixed(0)} ms (CPU ${xg.fit_cpu_ms.toFixed(0)} ms), ` +
          `predict ${xg.predict_ms.toFixed(0)} ms, in-sample R² ${xg.r2.toFixed(4)}`,
      );
      console.log(
        `    ratio ours/XGBoost(nthread=${threads}): fit ${(fitMs / xgFit).toFixed(2)}× ` +
          `(vs train only ${(fitMs / xg.train_ms).toFixed(2)}×), predict ${(predictMs / xg.predict_ms).toFixed(2)}×, ` +
          `fit CPU time ${(fitCpuMs / xg.fit_cpu_ms).toFixed(2)}×`,
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
