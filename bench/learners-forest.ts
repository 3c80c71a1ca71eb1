/**
 * Random-forest speed against scikit-learn: fit and predict times for 200 trees at 10,000 and 100,000 rows × 20
 * features (Friedman #1 with 15 extra noise features, regression, max_features 1.0, fully grown trees), ours on
 * one thread beside RandomForestRegressor(n_jobs=2) from Debian's python3-sklearn on the same bytes. Prints times
 * and ratios (ours / scikit-learn), wall and CPU time (the CPU ratio is the fair one on a busy machine or while
 * ours runs on one thread), plus the held-out R² of both as a sanity check. Asserts nothing.
 *
 * Environment: BENCH_FOREST_ROWS (comma list, default "10000,100000"), BENCH_FOREST_TREES (default 200).
 * The worker pool that will grow our trees on several threads is not here yet, so the ratio compares our one
 * thread with scikit-learn's two; the CPU time printed for ours is the per-core cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitRandomForest } from '../backend/analysis/forest/random-forest.js';
import { r2 } from '../backend/analysis/model-selection/metrics.js';
import { createRng } from '../backend/analysis/random/rng.js';

const P = 20;
const N_TEST = 10_000;
const PYTHON = '/usr/bin/python3';
const ROWS = (process.env.BENCH_FOREST_ROWS ?? '10000,100000').split(',').map(Number);
const TREES = Number(process.env.BENCH_FOREST_TREES ?? 200);

/** Friedman #1 on the first 5 of P uniform features, noise sd 1; column-major. */
function makeData(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n * P);
  for (let k = 0; k < n * P; k++) x[k] = rng.next();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = (j: number) => x[i + j * n]!;
    y[i] =
      10 * Math.sin(Math.PI * c(0) * c(1)) + 20 * (c(2) - 0.5) ** 2 + 10 * c(3) + 5 * c(4) + rng.normal();
  }
  return { x, y };
}

interface SklearnTimes {
  fit: number;
  /** CPU seconds of the fit summed over scikit-learn's threads. */
  cpu: number;
  predict: number;
  r2: number;
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const PY_SCRIPT = `
import sys, time, json
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score
d, n, nt, p, trees = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
x = np.fromfile(d + '/x.f64', dtype='<f8').reshape(p, n).T.copy()
y = np.fromfile(d + '/y.f64', dtype='<f8')
xt = np.fromfile(d + '/xt.f64', dtype='<f8').reshape(p, nt).T.copy()
yt = np.fromfile(d + '/yt.f64', dtype='<f8')
m = RandomForestRegressor(n_estimators=trees, max_features=1.0, random_state=0, n_jobs=2)
c0 = time.process_time(); t0 = time.perf_counter(); m.fit(x, y); fit = time.perf_counter() - t0; cpu = time.process_time() - c0
t0 = time.perf_counter(); pred = m.predict(xt); predict = time.perf_counter() - t0
print(json.dumps({"fit": fit, "cpu": cpu, "predict": predict, "r2": r2_score(yt, pred)}))
`;

const test = makeData(N_TEST, 2);
console.log(
  `random forest, ${TREES} trees, ${P} features, regression (max_features 1.0), predict on ${N_TEST} rows`,
);
console.log('ours: one thread; scikit-learn: n_jobs=2');
for (const n of ROWS) {
  const train = makeData(n, 1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = fitRandomForest(
    { x: train.x, n, p: P, y: train.y, task: 'regression' },
    { nTrees: TREES, seed: 0 },
  );
  const oursFit = (performance.now() - t0) / 1000;
  const oursFitCpu = process.cpuUsage(c0).user / 1e6;
  const t1 = performance.now();
  const pred = model.predict(test.x, N_TEST);
  const oursPredict = (performance.now() - t1) / 1000;
  const oursR2 = r2(test.y, pred);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-bench-forest-'));
  let sk: SklearnTimes | null = null;
  try {
    await writeFile(path.join(dir, 'x.f64'), bytes(train.x));
    await writeFile(path.join(dir, 'y.f64'), bytes(train.y));
    await writeFile(path.join(dir, 'xt.f64'), bytes(test.x));
    await writeFile(path.join(dir, 'yt.f64'), bytes(test.y));
    const r = spawnSync(PYTHON, ['-c', PY_SCRIPT, dir, String(n), String(N_TEST), String(P), String(TREES)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status === 0) sk = JSON.parse(r.stdout.trim().split('\n').pop()!) as SklearnTimes;
    else console.log(`scikit-learn failed: ${r.stderr || r.error?.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const f = (s: number) => `${s.toFixed(2)} s`;
  console.log(`\n${n.toLocaleString('en')} rows`);
  console.log(
    `  fit wall ours ${f(oursFit)}` +
      (sk ? `   scikit-learn ${f(sk.fit)}   ratio ${(oursFit / sk.fit).toFixed(2)}` : ''),
  );
  console.log(
    `  fit cpu  ours ${f(oursFitCpu)}` +
      (sk ? `   scikit-learn ${f(sk.cpu)} (both threads)   ratio ${(oursFitCpu / sk.cpu).toFixed(2)}` : ''),
  );
  console.log(
    `  predict  ours ${f(oursPredict)}` +
      (sk ? `   scikit-learn ${f(sk.predict)}   ratio ${(oursPredict / sk.predict).toFixed(2)}` : ''),
  );
  console.log(`  held-out R²  ours ${oursR2.toFixed(4)}` + (sk ? `   scikit-learn ${sk.r2.toFixed(4)}` : ''));
}
console.log(
  `\nload average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
