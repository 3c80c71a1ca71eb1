import { describe, expect, it } from 'vitest';
import {
  GP_KERNELS,
  contractKernelGradient,
  correlation,
  crossKernelScaled,
  kernelGradient,
  kernelMatrix,
  priorVariance,
  scaleRows,
} from './kernels.js';

const n = 6;
const p = 3;
const x = new Float64Array(n * p);
for (let i = 0; i < n * p; i++) x[i] = Math.cos(0.9 * i) * (1 + (i % 3));
// Row 5 duplicates row 0 (r = 0 off the diagonal).
for (let j = 0; j < p; j++) x[5 + j * n] = x[0 + j * n]!;
const theta = Float64Array.of(Math.log(1.7), Math.log(0.8), Math.log(2.5), Math.log(1.2), Math.log(0.03));

describe('kernels', () => {
  it('closed forms of ρ at r = 0 and r = 1', () => {
    for (const k of GP_KERNELS) expect(correlation(k, 0)).toBe(1);
    expect(correlation('rbf', 1)).toBeCloseTo(Math.exp(-0.5), 15);
    expect(correlation('matern12', 1)).toBeCloseTo(Math.exp(-1), 15);
    expect(correlation('matern32', 1)).toBeCloseTo((1 + Math.sqrt(3)) * Math.exp(-Math.sqrt(3)), 15);
    expect(correlation('matern52', 1)).toBeCloseTo((1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 15);
  });

  it.each(GP_KERNELS.map((k) => [k] as const))(
    '%s: K is symmetric with σ_f² + σ_n² on the diagonal; cross-kernel has no noise',
    (kind) => {
      const k = kernelMatrix(kind, x, n, p, theta);
      for (let i = 0; i < n; i++) {
        expect(k[i * n + i]).toBe(priorVariance(p, theta));
        for (let j = 0; j < n; j++) expect(k[i * n + j]).toBe(k[j * n + i]);
      }
      const xs = scaleRows(x, n, p, theta);
      const cross = crossKernelScaled(kind, xs, n, xs, n, p, theta);
      for (let i = 0; i < n; i++) {
        expect(cross[i * n + i]).toBeCloseTo(Math.exp(theta[0]!), 14);
        for (let j = 0; j < n; j++) if (i !== j) expect(cross[i * n + j]).toBeCloseTo(k[i * n + j]!, 14);
      }
    },
  );

  it.each(GP_KERNELS.map((k) => [k] as const))(
    '%s: ∂K/∂θ matches finite differences and the contraction',
    (kind) => {
      const grads = kernelGradient(kind, x, n, p, theta);
      const h = 1e-6;
      for (let t = 0; t < p + 2; t++) {
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[t] = plus[t]! + h;
        minus[t] = minus[t]! - h;
        const kp = kernelMatrix(kind, x, n, p, plus);
        const km = kernelMatrix(kind, x, n, p, minus);
        for (let e = 0; e < n * n; e++) {
          const fd = (kp[e]! - km[e]!) / (2 * h);
          expect(Math.abs(fd - grads[t]![e]!)).toBeLessThan(1e-8);
        }
      }
      const w = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = Math.sin(i + 2 * j);
          w[i * n + j] = v;
          w[j * n + i] = v;
        }
      }
      const out = contractKernelGradient(kind, x, n, p, theta, w, new Float64Array(p + 2));
      for (let t = 0; t < p + 2; t++) {
        let s = 0;
        for (let e = 0; e < n * n; e++) s += w[e]! * grads[t]![e]!;
        expect(Math.abs(out[t]! - s)).toBeLessThan(1e-12 * Math.max(1, Math.abs(s)));
      }
    },
  );
});
