/**
 * Prediction job speed: a 200-tree random forest (with its tree spread) predicting 1,000,000 rows — the engine
 * alone (encode + trees, typed arrays) and the whole task (CSV parse, per-row checks, predictions.csv written
 * chunk by chunk, XLSX summary). Prints rows per second; `BENCH_ROWS` changes the row count. Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { fitModelPipeline, saveModelFile } from '../backend/analysis/learners/model-pipeline.js';
import { predictWithUncertainty } from '../backend/analysis/learners/prediction-uncertainty.js';
import {
  featureColumns,
  featureValues,
  makeRows,
  modelJob,
  rowsCsv,
  runPrediction,
} from '../backend/worker/tasks/prediction/prediction-fixtures.testing.js';

const n = Number(process.env.BENCH_ROWS ?? 1_000_000);
const train = makeRows(1000, 1);
let t0 = performance.now();
const forest = fitModelPipeline({
  learner: 'random_forest',
  params: { n_estimators: 200, task: 'regression' },
  features: featureColumns(train),
  target: { name: '摩耗量', values: train.wear },
  n: train.n,
});
console.log(`fit: 200 trees on ${train.n} rows in ${(performance.now() - t0).toFixed(0)} ms`);

const rows = makeRows(n, 2);
const rate = (ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s`;

t0 = performance.now();
const x = forest.encode(featureValues(rows), n);
const { sd } = predictWithUncertainty(forest.model, x, n);
const engineMs = performance.now() - t0;
console.log(
  `engine: ${n.toLocaleString('en-US')} rows, mean + tree spread, ${engineMs.toFixed(0)} ms (${rate(engineMs)}); sd[0] = ${sd![0]!.toPrecision(4)}`,
);

const csv = rowsCsv(rows);
const job = modelJob({ '摩耗量.model.json': saveModelFile(forest) });
t0 = performance.now();
const out = await runPrediction(csv, job);
const taskMs = performance.now() - t0;
const bytes = out.files.find((f) => f.name === 'predictions.csv')!.bytes.length;
console.log(
  `task:   ${n.toLocaleString('en-US')} rows (${(csv.length / 1e6).toFixed(0)} MB CSV in, ${(bytes / 1e6).toFixed(0)} MB predictions.csv out), ${taskMs.toFixed(0)} ms (${rate(taskMs)})`,
);
