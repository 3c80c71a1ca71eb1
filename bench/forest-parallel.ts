/**
 * Random-forest training speed on one thread vs the compute pool: 200 trees on Friedman #1 data (20 uniform
 * features, 5 of them informative) at 10,000 and 100,000 rows, regression, maxFeatures 'sqrt', maxDepth 12 (fully
 * grown trees on 100,000 rows take seconds each on the 2-core machine). Each size runs in the same process: the
 * serial map on the calling thread, then the pool (threads warmed first). Prints wall time, CPU time
 * (process.cpuUsage: all threads of the process), the speed-up and whether both models' JSON is identical.
 * Asserts nothing. Options: `--trees N`, `--rows 10000,100000`, `--threads K` (default: all cores).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fitForestParallel } from '../backend/analysis/forest/forest-kernel.js';
import {
  resolveForestParams,
  type ForestInput,
  type RandomForestModel,
} from '../backend/analysis/forest/random-forest.js';
import { serialMap, type ParallelMap } from '../backend/analysis/parallel/parallel-map.js';
import { createRng } from '../backend/analysis/random/rng.js';
import { ComputePool } from '../backend/worker/compute/compute-pool.js';

const { values } = parseArgs({
  options: {
    trees: { type: 'string', default: '200' },
    rows: { type: 'string', default: '10000,100000' },
    threads: { type: 'string' },
  },
});
const nTrees = Number(values.trees);
const sizes = values.rows.split(',').map(Number);
const P = 20;
const pool = new ComputePool(values.threads === undefined ? {} : { threads: Number(values.threads) });

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Friedman #1: y = 10 sin(π x₁x₂) + 20(x₃ − ½)² + 10x₄ + 5x₅ + N(0, 1), x uniform on [0, 1]^p. */
function friedman(n: number, p: number, seed: number): ForestInput {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.next());
  const y = Float64Array.from(
    { length: n },
    (_, i) =>
      10 * Math.sin(Math.PI * x[i]! * x[i + n]!) +
      20 * (x[i + 2 * n]! - 0.5) ** 2 +
      10 * x[i + 3 * n]! +
      5 * x[i + 4 * n]! +
      rng.normal(),
  );
  return { x, n, p, y, task: 'regression' };
}

async function timeFit(name: string, input: ForestInput, map: ParallelMap) {
  const params = resolveForestParams({ nTrees, maxFeatures: 'sqrt', maxDepth: 12, seed: 1 }, 'regression');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model: RandomForestModel = await fitForestParallel(input, params, map);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const nodes = model.trees.reduce((s, t) => s + t.feature.length, 0);
  console.log(
    `  ${name.padEnd(22)} wall ${fmt(wall)}, CPU ${fmt((cpu.user + cpu.system) / 1000)}, ` +
      `${nodes.toLocaleString('en-US')} nodes`,
  );
  return { wall, json: JSON.stringify(model) };
}

// Warm the threads (module loading is not training time).
await fitForestParallel(
  friedman(200, P, 0),
  resolveForestParams({ nTrees: pool.lanes * 2 }, 'regression'),
  pool,
);
for (const n of sizes) {
  const input = friedman(n, P, 2024);
  console.log(`${nTrees} trees, ${n.toLocaleString('en-US')} rows × ${P} features:`);
  const one = await timeFit('1 thread (in-process)', input, serialMap);
  const many = await timeFit(`pool, ${pool.lanes} threads`, input, pool);
  console.log(`  speed-up ${(one.wall / many.wall).toFixed(2)}×, same model JSON: ${one.json === many.json}`);
}
await pool.close();
