/**
 * Non-dominated sorting speed: 1,000,000 points × 3 objectives into every ranked front (target under 2 s), and
 * 100,000 points × 2 and × 5 objectives, on seeded uniform data; then the whole front analysis (crowding
 * distance of every front, hypervolume, knee, plot thinning) on the same sets. Prints wall and CPU time (the
 * machine may share its cores). Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { analyseFront, nonDominatedSort } from '../backend/analysis/pareto/index.js';
import { createRng } from '../backend/analysis/random/rng.js';

function uniform(n: number, m: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * m);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  return x;
}

function timed<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = run();
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
nonDominatedSort(uniform(20_000, 3, 9), 20_000, 3); // warm up the JIT
nonDominatedSort(uniform(20_000, 5, 9), 20_000, 5);

console.log('non-dominated sort, every ranked front (uniform data)');
console.log('points      objectives  fronts  front 1  wall       cpu');
const cases: [number, number][] = [
  [1_000_000, 3],
  [100_000, 2],
  [100_000, 5],
];
for (const [n, m] of cases) {
  const x = uniform(n, m, n + m);
  const r = timed(() => nonDominatedSort(x, n, m));
  let first = 0;
  for (let i = 0; i < n; i++) if (r.value.rank[i] === 0) first++;
  console.log(
    `${n.toLocaleString('en-US').padEnd(11)} ${String(m).padEnd(11)} ${String(r.value.count).padEnd(7)} ${String(first).padEnd(8)} ${fmt(r.wallMs)}  ${fmt(r.cpuMs)}`,
  );
}

console.log('\nfull analysis (sort + crowding distance of every front + hypervolume + knee + plot thinning)');
for (const [n, m] of cases) {
  const x = uniform(n, m, n + m);
  const columns = Array.from({ length: m }, (_, j) => x.subarray(j * n, (j + 1) * n));
  const r = timed(() =>
    analyseFront({
      columns,
      maximise: columns.map(() => false),
      maxPlotPoints: 5000,
      hypervolumeSamples: 200_000,
      seed: 42,
    }),
  );
  const hv = r.value.hypervolume;
  console.log(
    `${n.toLocaleString('en-US').padEnd(11)} ${String(m).padEnd(11)} hypervolume ${hv.method} ${hv.value.toPrecision(6)}${hv.standardError === null ? '' : ` ± ${hv.standardError.toPrecision(2)}`}  ${fmt(r.wallMs)}  ${fmt(r.cpuMs)}`,
  );
}
