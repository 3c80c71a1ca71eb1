/**
 * Learner speed against the established libraries (issue 6; target: our GBDT fit ≤ 1.5× XGBoost nthread=2).
 * Gradient boosting (100 trees, 31 leaves, lr 0.1, 255 bins, squared error) and random forest (200 trees,
 * max_features 1.0, fully grown) at 10,000 and 100,000 rows × 20 features, on deterministic generated data,
 * beside XGBoost 1.7 (Debian's python3-xgboost: hist, lossguide, max_leaves=31, at nthread=2 and nthread=1) and
 * scikit-learn 1.2's RandomForestRegressor(n_jobs=2), run from a Python subprocess on the same bytes.
 *
 * Ours: GBDT on one thread and with the histogram helper thread (backend/worker/histogram-thread, two threads,
 * bit-identical model); RF on one thread (its trees are not trained in parallel yet). Fit times include binning
 * (ours) and DMatrix construction (XGBoost's quantile sketch, the counterpart). Predict times are for the n
 * training rows. This machine's speed swings by a factor of two over tens of seconds (a shared VM), so the
 * GBDT fits run in `ROUNDS` interleaved rounds (XGBoost nthread=2 and 1, then ours with 2 threads and 1, one fit
 * each), and the table shows the best round of each, with CPU time (summed over all threads of the process),
 * ratios ours / reference, and in-sample and holdout R² (10,000 fresh rows) so that the speed comparison is
 * between models of the same quality. The verdict uses the median over rounds of the per-round ratio, which a
 * slow phase of the machine shifts for both sides alike; the best-of ratio is printed beside it. RF: one run
 * each. Prints, asserts nothing.
 *
 * Run: npx tsx bench/learners.ts [--quick] [--gbdt-only]   (--quick: 10,000 rows only; --gbdt-only: no forests,
 * which take minutes at 100,000 rows)
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitGradientBoosting } from '../backend/analysis/boosting/gradient-boosting.js';
import type { GradientBoostingParams } from '../backend/analysis/boosting/gradient-boosting.js';
import { fitRandomForest } from '../backend/analysis/forest/random-forest.js';
import { r2 } from '../backend/analysis/model-selection/metrics.js';
import { startHistogramThread } from '../backend/worker/histogram-thread/histogram-thread.js';

const P = 20;
const N_TEST = 10_000;
const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? [10_000] : [10_000, 100_000];
const WITH_RF = !process.argv.includes('--gbdt-only');
const ROUNDS = 5;
const RF_TREES = 200;
const PYTHON = '/usr/bin/python3';

/** Column-major n×p: uniform features (every fifth rounded to 8 levels) and a nonlinear target with noise. */
function makeData(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  let state = seed;
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

const GBDT = {
  nEstimators: 100,
  learningRate: 0.1,
  numLeaves: 31,
  maxDepth: 0,
  minDataInLeaf: 1,
  minChildWeight: 1,
  lambda: 1,
  maxBin: 255,
} satisfies GradientBoostingParams;

const PY_SCRIPT = `
import json, sys, time
import numpy as np, sklearn, xgboost as xgb
from sklearn.ensemble import RandomForestRegressor
d, n, nt, p, repeats, rf_repeats, rf_trees = sys.argv[1], *map(int, sys.argv[2:8])
x = np.fromfile(d + '/x.f64', dtype='<f8').reshape(p, n).T.copy()
y = np.fromfile(d + '/y.f64', dtype='<f8')
xt = np.fromfile(d + '/xt.f64', dtype='<f8').reshape(p, nt).T.copy()
yt = np.fromfile(d + '/yt.f64', dtype='<f8')
r2 = lambda t, f: 1 - float(((t - f) ** 2).sum() / ((t - t.mean()) ** 2).sum())

def timed(fn, repeats):
    best = None
    for _ in range(repeats):
        c0 = time.process_time(); t0 = time.perf_counter()
        model = fn()
        fit = time.perf_counter() - t0; cpu = time.process_time() - c0
        if best is None or fit < best[1]:
            best = (model, fit, cpu)
    return best

out = {'xgboost': xgb.__version__, 'sklearn': sklearn.__version__}
for nthread in ((2, 1) if repeats > 0 else ()):  # repeats 0: the random forest only
    params = dict(tree_method='hist', grow_policy='lossguide', max_leaves=31, max_depth=0, eta=0.1,
                  reg_lambda=1.0, min_child_weight=1.0, max_bin=256, nthread=nthread,
                  base_score=float(y.mean()), objective='reg:squarederror')
    fit = lambda: xgb.train(params, xgb.DMatrix(x, label=y, nthread=nthread), num_boost_round=100)
    booster, wall, cpu = timed(fit, repeats)
    t0 = time.perf_counter(); c0 = time.process_time()
    pred = booster.predict(xgb.DMatrix(x, nthread=nthread))
    pwall = time.perf_counter() - t0; pcpu = time.process_time() - c0
    out['xgb%d' % nthread] = dict(fit=wall, fit_cpu=cpu, predict=pwall, predict_cpu=pcpu, r2_in=r2(y, pred),
                                  r2_out=r2(yt, booster.predict(xgb.DMatrix(xt, nthread=nthread))))
if rf_repeats > 0:
    rf = lambda: RandomForestRegressor(n_estimators=rf_trees, max_features=1.0, random_state=0, n_jobs=2).fit(x, y)
    model, wall, cpu = timed(rf, rf_repeats)
    t0 = time.perf_counter(); c0 = time.process_time()
    pred = model.predict(x)
    pwall = time.perf_counter() - t0; pcpu = time.process_time() - c0
    out['rf'] = dict(fit=wall, fit_cpu=cpu, predict=pwall, predict_cpu=pcpu, r2_in=r2(y, pred),
                     r2_out=r2(yt, model.predict(xt)))
print(json.dumps(out))
`;

/** Seconds of wall and CPU time (CPU summed over the threads of the process). */
interface Timing {
  fit: number;
  fit_cpu: number;
  predict: number;
  predict_cpu: number;
  r2_in: number;
  r2_out: number;
}

/** What one Python run prints: no XGBoost timings when it was asked for the random forest only. */
type PyOutput = Omit<PyResult, 'xgb2' | 'xgb1'> & { xgb2?: Timing; xgb1?: Timing };

interface PyResult {
  xgboost: string;
  sklearn: string;
  xgb2: Timing;
  xgb1: Timing;
  rf?: Timing;
}

interface Model {
  predict(x: Float64Array, n: number): Float64Array;
}

/** Fits `repeats` times and keeps the run with the best wall time; then times one prediction of the n training rows. */
function measure(
  repeats: number,
  fit: () => Model,
  train: { x: Float64Array; y: Float64Array; n: number },
  test: { x: Float64Array; y: Float64Array },
): Timing {
  let best: { model: Model; fit: number; cpu: number } | null = null;
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const model = fit();
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (best === null || wall < best.fit) best = { model, fit: wall, cpu: (c.user + c.system) / 1e6 };
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const pred = best!.model.predict(train.x, train.n);
  const predict = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return {
    fit: best!.fit,
    fit_cpu: best!.cpu,
    predict,
    predict_cpu: (c.user + c.system) / 1e6,
    r2_in: r2(train.y, pred),
    r2_out: r2(test.y, best!.model.predict(test.x, N_TEST)),
  };
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function runPython(
  train: { x: Float64Array; y: Float64Array; n: number },
  test: { x: Float64Array; y: Float64Array },
  xgbRepeats: number,
  rfRepeats: number,
): Promise<PyOutput> {
  return (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-bench-learners-'));
    try {
      await writeFile(path.join(dir, 'x.f64'), bytes(train.x));
      await writeFile(path.join(dir, 'y.f64'), bytes(train.y));
      await writeFile(path.join(dir, 'xt.f64'), bytes(test.x));
      await writeFile(path.join(dir, 'yt.f64'), bytes(test.y));
      const args = [train.n, N_TEST, P, xgbRepeats, rfRepeats, RF_TREES].map(String);
      const py = spawnSync(PYTHON, ['-c', PY_SCRIPT, dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (py.status !== 0)
        throw new Error(
          `Python run failed (needs python3-xgboost, python3-sklearn): ${py.stderr || py.error?.message}`,
        );
      return JSON.parse(py.stdout.trim().split('\n').pop()!) as PyOutput;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const helper = await startHistogramThread();
try {
  // Warm up the JIT (and the helper thread) on a small problem.
  {
    const w = makeData(5000, 7);
    fitGradientBoosting(w.x, w.y, 5000, P, { ...GBDT, nEstimators: 30 }).predict(w.x, 5000);
    fitGradientBoosting(w.x, w.y, 5000, P, { ...GBDT, nEstimators: 30, histograms: helper });
    fitRandomForest({ x: w.x, n: 5000, p: P, y: w.y, task: 'regression' }, { nTrees: 5, seed: 0 });
  }
  console.log(`load average ${load()} on ${os.cpus().length} CPUs at the start`);
  const header = [
    'model',
    'rows',
    'implementation',
    'fit s',
    'fit CPU s',
    'predict s',
    'pred CPU s',
    'R² in',
    'R² out',
    'fit ×ref',
    'fit CPU ×ref',
    'predict ×ref',
  ];
  const table: string[][] = [];
  const verdicts: string[] = [];
  let versions = '';
  for (const n of SIZES) {
    const train = { ...makeData(n, 0x2545f491), n };
    const test = makeData(N_TEST, 0x1b873593);
    console.log(`${n.toLocaleString('en-US')} rows: load average ${load()} before`);
    const rounds: { xgb2: Timing; xgb1: Timing; ours2: Timing; ours1: Timing }[] = [];
    let pyLast: PyOutput | null = null;
    for (let r = 0; r < ROUNDS; r++) {
      const py = await runPython(train, test, 1, 0);
      pyLast = py;
      const { xgb2, xgb1 } = py;
      if (xgb2 === undefined || xgb1 === undefined)
        throw new Error('the Python run printed no XGBoost timings');
      const ours2 = measure(
        1,
        () => fitGradientBoosting(train.x, train.y, n, P, { ...GBDT, histograms: helper }),
        train,
        test,
      );
      const ours1 = measure(1, () => fitGradientBoosting(train.x, train.y, n, P, GBDT), train, test);
      rounds.push({ xgb2, xgb1, ours2, ours1 });
    }
    const best = (pick: (r: (typeof rounds)[number]) => Timing): Timing =>
      rounds.map(pick).reduce((a, b) => (b.fit < a.fit ? b : a));
    const oursGbdt1 = best((r) => r.ours1);
    const oursGbdt2 = best((r) => r.ours2);
    const oursRf = !WITH_RF
      ? null
      : measure(
          1,
          () =>
            fitRandomForest(
              { x: train.x, n, p: P, y: train.y, task: 'regression' },
              { nTrees: RF_TREES, maxFeatures: 'all', seed: 0 },
            ),
          train,
          test,
        );
    // The forest's Python run fits no XGBoost: the rounds above timed it.
    const pyRf = WITH_RF ? await runPython(train, test, 0, 1) : pyLast!;
    const py: PyResult = { ...pyRf, xgb2: best((r) => r.xgb2), xgb1: best((r) => r.xgb1) };
    const median = (v: number[]) => {
      const s = [...v].sort((a, b) => a - b);
      return s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    const medianRatio2 = median(rounds.map((r) => r.ours2.fit / r.xgb2.fit));
    const medianRatio1 = median(rounds.map((r) => r.ours1.fit / r.xgb1.fit));
    const rows = n.toLocaleString('en-US');
    const line = (model: string, impl: string, t: Timing, ref: Timing | null) => {
      const s = (v: number) => v.toFixed(3);
      const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
      table.push([
        model,
        rows,
        impl,
        s(t.fit),
        s(t.fit_cpu),
        s(t.predict),
        s(t.predict_cpu),
        t.r2_in.toFixed(4),
        t.r2_out.toFixed(4),
        ref ? x(t.fit, ref.fit) : '(ref)',
        ref ? x(t.fit_cpu, ref.fit_cpu) : '',
        ref ? x(t.predict, ref.predict) : '',
      ]);
    };
    line('GBDT', 'XGBoost nthread=2', py.xgb2, null);
    line('GBDT', 'XGBoost nthread=1', py.xgb1, py.xgb2);
    line('GBDT', 'ours, 2 threads', oursGbdt2, py.xgb2);
    line('GBDT', 'ours, 1 thread', oursGbdt1, py.xgb2);
    line('GBDT', 'ours, 1 thread ×ref: nthread=1', oursGbdt1, py.xgb1);
    if (oursRf !== null && py.rf !== undefined) {
      line('RF', 'scikit-learn n_jobs=2', py.rf, null);
      line('RF', 'ours, 1 thread', oursRf, py.rf);
    }
    // On an oversubscribed machine OpenMP's spinning threads can make nthread=2 many times slower than
    // nthread=1; a round like that says nothing about the ratio.
    const disturbed = rounds.filter((r) => r.xgb2.fit > r.xgb1.fit).length;
    const verdict =
      disturbed > ROUNDS / 2
        ? `not judged: XGBoost nthread=2 was slower than nthread=1 in ${disturbed} of ${ROUNDS} rounds (machine busy), rerun`
        : `target ≤ 1.5× ${medianRatio2 <= 1.5 ? 'met' : 'NOT met'}`;
    const perRound = rounds.map((r) => (r.ours2.fit / r.xgb2.fit).toFixed(2)).join(', ');
    verdicts.push(
      `${rows} rows: GBDT fit ours (2 threads) / XGBoost nthread=2, median of ${ROUNDS} rounds = ` +
        `${medianRatio2.toFixed(2)}× wall (rounds: ${perRound}; best / best ` +
        `${(oursGbdt2.fit / py.xgb2.fit).toFixed(2)}×, CPU ${(oursGbdt2.fit_cpu / py.xgb2.fit_cpu).toFixed(2)}×) → ` +
        `${verdict}; ours (1 thread) / XGBoost nthread=1 = ${medianRatio1.toFixed(2)}× wall (median), ` +
        `${(oursGbdt1.fit_cpu / py.xgb1.fit_cpu).toFixed(2)}× CPU (best rounds)`,
    );
    versions = `XGBoost ${py.xgboost}, scikit-learn ${py.sklearn}, Node ${process.version}`;
  }
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => (r[k] ?? '').length)));
  const fmt = (r: string[]) =>
    r.map((c, k) => (k < 3 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');
  console.log(
    `GBDT: 100 trees, 31 leaves, lr 0.1, 255 bins, squared error; RF: ${RF_TREES} trees, max_features 1.0; ` +
      `${P} features; holdout ${N_TEST.toLocaleString('en-US')} rows; GBDT: best of ${ROUNDS} interleaved ` +
      `rounds (RF: one run); ×ref = this line / the group's reference line (or the one named)`,
  );
  console.log(fmt(header));
  for (const r of table) console.log(fmt(r));
  for (const v of verdicts) console.log(v);
  console.log(versions);
  console.log(`load average ${load()} at the end`);
} finally {
  await helper.close();
}
