/**
 * A full nonlinear analysis against scikit-learn + XGBoost + Optuna (issue 7 target: ours takes at most half their
 * time): 500 rows × 12 features, 3 targets, random forest + gradient boosting, 5 outer folds, 5 inner folds,
 * 30 trials per study. Ours is the job's task (the same code a worker runs, in this process, SHAP included);
 * theirs is backend/analysis/__fixtures__/nonlinear/sklearn_nested_cv.py on the same CSV (one core each).
 * Prints wall and CPU time, out-of-fold R² per target and the ratio. Asserts nothing.
 *
 * Run: npx tsx bench/nonlinear.ts [--trials 30] [--targets 3] [--skip-python]
 * (the Python side takes tens of minutes at 30 trials; --trials 5 gives a quick look).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { NonlinearAnalysisBody } from '../src-shared/api/nonlinear-result.js';
import { createRng } from '../backend/analysis/random/rng.js';
import { nonlinearAnalysisTask } from '../backend/worker/tasks/nonlinear/nonlinear-analysis.task.js';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '30' },
    targets: { type: 'string', default: '3' },
    'skip-python': { type: 'boolean', default: false },
  },
});
const N = 500;
const P = 12;
const TRIALS = Number(args.trials);
const TARGETS = ['wear', 'sag', 'roughness'].slice(0, Number(args.targets));
const FEATURES = Array.from({ length: P }, (_, j) => `x${j + 1}`);

function csv(): string {
  const rng = createRng(2026);
  const lines = [[...FEATURES, 'wear', 'sag', 'roughness'].join(',')];
  for (let i = 0; i < N; i++) {
    const x = FEATURES.map(() => rng.next());
    const wear =
      10 * Math.sin(Math.PI * x[0]! * x[1]!) +
      20 * (x[2]! - 0.5) ** 2 +
      10 * x[3]! +
      5 * x[4]! +
      rng.normal();
    const sag = 3 * x[5]! * x[6]! + Math.exp(x[7]!) + 0.3 * rng.normal();
    const rough = (x[8]! > 0.5 ? 2 : 0) + x[9]! ** 2 + 0.5 * x[0]! + 0.2 * rng.normal();
    lines.push([...x.map((v) => v.toFixed(6)), wear.toFixed(6), sag.toFixed(6), rough.toFixed(6)].join(','));
  }
  return lines.join('\n') + '\n';
}

const text = csv();
console.log(
  `nonlinear bench: ${N} rows × ${P} features, targets ${TARGETS.join(', ')}, RF + GBDT, 5 outer × 5 inner folds, ${TRIALS} trials`,
);

const c0 = process.cpuUsage();
const t0 = performance.now();
const out = await nonlinearAnalysisTask({
  parameters: {
    target_columns: TARGETS,
    feature_columns: FEATURES,
    models_to_use: ['random_forest', 'gradient_boosting'],
    outer_splits: 5,
    cv_splits: 5,
    n_trials: TRIALS,
    random_seed: 0,
  },
  input: new TextEncoder().encode(text),
  inputFileName: 'bench.csv',
  signal: new AbortController().signal,
  progress: () => undefined,
});
const oursWall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
const oursCpu = (cpu.user + cpu.system) / 1e6;
const body = NonlinearAnalysisBody.parse(out.body);
console.log(
  `ours:   wall ${oursWall.toFixed(1)} s, CPU ${oursCpu.toFixed(1)} s; OOF R² ` +
    body.targets.map((t) => `${t.target} ${t.metrics.oof_r2?.toFixed(3)}`).join(', '),
);

if (!args['skip-python']) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-bench-'));
  const file = path.join(dir, 'bench.csv');
  await writeFile(file, text);
  const script = new URL('../backend/analysis/__fixtures__/nonlinear/sklearn_nested_cv.py', import.meta.url)
    .pathname;
  const res = spawnSync(
    '/usr/bin/python3',
    [
      script,
      '--csv',
      file,
      '--targets',
      TARGETS.join(','),
      '--features',
      FEATURES.join(','),
      '--outer',
      '5',
      '--inner',
      '5',
      '--trials',
      String(TRIALS),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  await rm(dir, { recursive: true, force: true });
  if (res.status !== 0) {
    console.log(`python: failed (${res.status}): ${res.stderr.slice(-2000)}`);
  } else {
    const theirs = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as Record<string, { oof_r2: number }> & {
      wall_seconds: number;
      cpu_seconds: number;
    };
    console.log(
      `python: wall ${theirs.wall_seconds.toFixed(1)} s, CPU ${theirs.cpu_seconds.toFixed(1)} s; OOF R² ` +
        TARGETS.map((t) => `${t} ${theirs[t]!.oof_r2.toFixed(3)}`).join(', '),
    );
    console.log(
      `ratio ours/python: wall ${(oursWall / theirs.wall_seconds).toFixed(2)}, CPU ${(oursCpu / theirs.cpu_seconds).toFixed(2)} (target ≤ 0.5)`,
    );
  }
}
