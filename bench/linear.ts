/**
 * OLS speed and accuracy on 200,000 rows × 30 columns against numpy.linalg.lstsq on the same bytes (Debian's
 * python3-numpy). Prints times, the ratio, and how far each solution is from a reference computed in this run
 * (ours with iterative refinement vs numpy's SVD-based solver: their agreement and residual norms). Asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitOls } from '../backend/analysis/linear/ols.js';

const N = 200_000;
const P = 30;
const PYTHON = '/usr/bin/python3';

/** A deterministic, moderately ill-conditioned design: an intercept, correlated columns, noise. */
function makeData(): { x: Float64Array; y: Float64Array } {
  let state = 0x9e3779b9;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const x = new Float64Array(N * P);
  const y = new Float64Array(N);
  x.fill(1, 0, N);
  for (let j = 1; j < P; j++) {
    for (let i = 0; i < N; i++) {
      const base = j > 1 ? x[(j - 1) * N + i]! * 0.6 : 0;
      x[j * N + i] = base + rand() * (j * 10) + 1000 * (j % 3);
    }
  }
  for (let i = 0; i < N; i++) {
    let v = 0;
    for (let j = 0; j < P; j++) v += x[j * N + i]! * (j % 2 === 0 ? 0.5 : -0.25) * (1 + j / 10);
    y[i] = v + (rand() - 0.5) * 5;
  }
  return { x, y };
}

const { x, y } = makeData();
const terms = ['(Intercept)', ...Array.from({ length: P - 1 }, (_, j) => `x${j + 1}`)];

fitOls({ n: 2000, p: P, x: x.subarray(0, 2000 * P), y: y.subarray(0, 2000), terms, hasIntercept: true }); // warm up the JIT
const t0 = performance.now();
const ours = fitOls({ n: N, p: P, x, y, terms, hasIntercept: true });
const oursMs = performance.now() - t0;
const ourBeta = ours.coefficients.map((c) => c.estimate!);

const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-bench-linear-'));
try {
  // numpy wants row-major; write the column-major matrix and let numpy transpose (not timed).
  await writeFile(path.join(dir, 'x.f64'), Buffer.from(x.buffer, x.byteOffset, x.byteLength));
  await writeFile(path.join(dir, 'y.f64'), Buffer.from(y.buffer, y.byteOffset, y.byteLength));
  const script = `
import numpy as np, time, json, sys
d = sys.argv[1]
x = np.fromfile(d + '/x.f64', dtype='<f8').reshape(${P}, ${N}).T.copy()
y = np.fromfile(d + '/y.f64', dtype='<f8')
np.linalg.lstsq(x[:2000], y[:2000], rcond=None)
t = time.perf_counter()
beta, res, rank, sv = np.linalg.lstsq(x, y, rcond=None)
ms = (time.perf_counter() - t) * 1000
r = y - x @ beta
print(json.dumps({"ms": ms, "beta": beta.tolist(), "rss": float(r @ r), "cond": float(sv[0] / sv[-1])}))
`;
  const py = spawnSync(PYTHON, ['-c', script, dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (py.status !== 0) throw new Error(`numpy run failed (is python3-numpy installed?): ${py.stderr}`);
  const np = JSON.parse(py.stdout) as { ms: number; beta: number[]; rss: number; cond: number };
  const maxRel = Math.max(
    ...ourBeta.map((b, j) => Math.abs(b - np.beta[j]!) / Math.max(Math.abs(np.beta[j]!), 1e-300)),
  );
  console.log(`OLS ${N.toLocaleString()} × ${P} (condition number ${np.cond.toExponential(2)})`);
  console.log(
    `  ours (pivoted Householder QR + refinement): ${oursMs.toFixed(0)} ms, RSS ${ours.sse.toExponential(10)}`,
  );
  console.log(
    `  numpy.linalg.lstsq (LAPACK gelsd):          ${np.ms.toFixed(0)} ms, RSS ${np.rss.toExponential(10)}`,
  );
  console.log(`  time ratio ours / numpy: ${(oursMs / np.ms).toFixed(2)}×`);
  console.log(
    `  max relative difference of coefficients: ${maxRel.toExponential(2)}; RSS ratio ours / numpy: ${(ours.sse / np.rss).toFixed(12)}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
