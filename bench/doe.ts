/**
 * Design-of-experiments speed: the exchange on 50,000 random candidates (6 factors, full quadratic, 40 runs,
 * 20 starts; issue #5: at least 2.2× faster than the previous exchange, with a ln det at least as good) and the
 * streaming grid generator on 1,000,000 candidates from 8 factor definitions, then a design on them. Each design
 * runs three times in the same process: the previous algorithm (bench/doe-reference-exchange.ts) and the current
 * one on the calling thread, then the current one on the compute pool; each line prints wall and CPU time
 * (process.cpuUsage, all threads; on a shared machine CPU time is the steadier figure), ln det and the best start,
 * and the ratios against the previous algorithm. Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { factorColumn, generateGrid } from '../backend/analysis/doe/candidates/index.js';
import { optimalDesignParallel } from '../backend/analysis/doe/exchange-kernel.js';
import { referenceOptimalDesign } from './doe-reference-exchange.js';
import type { DesignProblem, DesignSolution } from '../backend/analysis/doe/exchange.js';
import { serialMap } from '../backend/analysis/parallel/parallel-map.js';
import { ComputePool } from '../backend/worker/compute/compute-pool.js';
import { buildDesign, designSpec, type ColumnData } from '../backend/analysis/linear/design-spec.js';
import { createRng } from '../backend/analysis/random/rng.js';

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pool = new ComputePool();

/** Runs the previous algorithm and the design on one thread, then on the pool; prints all three and the ratios. */
async function timeDesign(label: string, problem: DesignProblem): Promise<void> {
  const line = async (name: string, run: () => Promise<DesignSolution>) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const sol = await run();
    const wall = performance.now() - t0;
    const cpuUsage = process.cpuUsage(c0);
    const cpu = (cpuUsage.user + cpuUsage.system) / 1000;
    console.log(
      `  ${name.padEnd(24)} wall ${fmt(wall)}, CPU ${fmt(cpu)}, ` +
        `log det = ${sol.logDet?.toFixed(4)}, best start ${sol.bestStart}`,
    );
    return { wall, cpu, sol };
  };
  console.log(label);
  const ref = await line('previous, 1 thread', async () => referenceOptimalDesign(problem));
  const one = await line('1 thread (in-process)', () => optimalDesignParallel(problem, serialMap));
  // Warm the threads first (module loading is not design time).
  await optimalDesignParallel({ ...problem, nStarts: pool.lanes }, pool);
  const many = await line(`pool, ${pool.lanes} threads`, () => optimalDesignParallel(problem, pool));
  const same = Array.from(one.sol.selected).join() === Array.from(many.sol.selected).join();
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(
    `  vs previous: 1 thread ${ratio(ref.wall, one.wall)} wall, ${ratio(ref.cpu, one.cpu)} CPU; ` +
      `pool ${ratio(ref.wall, many.wall)} wall; ln det ${(one.sol.logDet! - ref.sol.logDet!).toFixed(4)} ` +
      `(${one.sol.logDet! >= ref.sol.logDet! - 1e-9 ? 'not worse' : 'WORSE'})`,
  );
  console.log(`  pool speed-up ${ratio(one.wall, many.wall)}, same design on the pool: ${same}`);
}

function modelMatrix(model: string, data: ColumnData, names: string[], n: number) {
  const spec = designSpec(model, names, data, { intercept: true, standardize: false });
  return { x: buildDesign(spec, data, n), p: spec.terms.length };
}

// 1. 50,000 random candidates in [-1, 1]^6, full quadratic (28 terms), 40 runs, 20 starts.
{
  const N = 50_000;
  const names = Array.from({ length: 6 }, (_, j) => `x${j + 1}`);
  const rng = createRng(2024);
  const data: ColumnData = { numeric: {}, text: {} };
  for (const name of names) data.numeric[name] = Float64Array.from({ length: N }, () => 2 * rng.next() - 1);
  const { x, p } = modelMatrix('quadratic', data, names, N);
  await timeDesign(
    `exchange: ${N.toLocaleString('en-US')} candidates × ${p} terms, 40 runs, 20 starts (issue #5: ≥ 2.2× the previous):`,
    {
      candidates: x,
      nCandidates: N,
      p,
      fixed: new Float64Array(0),
      nFixed: 0,
      nNew: 40,
      criterion: 'D',
      nStarts: 20,
      seed: 42,
    },
  );
}

// 2. 1,000,000 candidates generated from 8 factor definitions (10 · 10 · 10 · 5 · 5 · 4 · 2 · 5 levels).
{
  const factors = [
    { name: '回転速度', min: 1000, max: 5500, step: 500 }, // 10
    { name: '送り速度', min: 100, max: 1000, step: 100 }, // 10
    { name: '切込量', min: 0.1, max: 1.0, step: 0.1 }, // 10
    { name: '突出量', min: 2, max: 10, step: 2 }, // 5
    { name: '載せ率', levels: [0.2, 0.4, 0.6, 0.8, 1.0] }, // 5
    { name: 'パス数', levels: [1, 2, 3, 4] }, // 4
    { name: 'UPカット', levels: [0, 1] }, // 2
    { name: '材料', type: 'categorical' as const, levels: ['SUS', 'AL', 'CU', 'TI', 'NI'] }, // 5
  ];
  const t0 = performance.now();
  const grid = generateGrid({ factors });
  const ms = performance.now() - t0;
  console.log(
    `generate: ${grid.set.count.toLocaleString('en-US')} candidates from ${factors.length} factors in ${fmt(ms)} ` +
      `(${Math.round(grid.set.count / (ms / 1000)).toLocaleString('en-US')} rows/s, ${grid.set.chunks.length} chunks)`,
  );
  const t1 = performance.now();
  const constrained = generateGrid({ factors, constraints: ['送り速度 * パス数 <= 2000', "材料 != 'TI'"] });
  const ms1 = performance.now() - t1;
  console.log(
    `generate with 2 constraints: ${constrained.set.count.toLocaleString('en-US')} kept of ${constrained.generated.toLocaleString('en-US')} in ${fmt(ms1)} ` +
      `(${Math.round(constrained.generated / (ms1 / 1000)).toLocaleString('en-US')} combinations/s)`,
  );

  const N = grid.set.count;
  const data: ColumnData = { numeric: {}, text: {} };
  grid.set.factors.forEach((f, j) => {
    const col = factorColumn(grid.set, j);
    if (f.kind === 'numeric') {
      let min = Infinity;
      let max = -Infinity;
      for (const v of col) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      data.numeric[f.name] = Float64Array.from(col, (v) => (v - (max + min) / 2) / ((max - min) / 2));
    } else if (f.kind === 'categorical') data.text[f.name] = Array.from(col, (k) => f.levels[k]!);
  });
  for (const model of ['linear'] as const) {
    const t2 = performance.now();
    const { x, p } = modelMatrix(
      model,
      data,
      factors.map((f) => f.name),
      N,
    );
    const build = performance.now() - t2;
    await timeDesign(
      `design on ${N.toLocaleString('en-US')} generated candidates, main effects (${p} terms), ${p + 10} runs, ` +
        `5 starts (model matrix ${fmt(build)}):`,
      {
        candidates: x,
        nCandidates: N,
        p,
        fixed: new Float64Array(0),
        nFixed: 0,
        nNew: p + 10,
        criterion: 'D',
        nStarts: 5,
        seed: 42,
      },
    );
  }
}
await pool.close();
