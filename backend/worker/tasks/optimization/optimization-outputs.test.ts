import { describe, expect, it } from 'vitest';
import { generateGrid } from '../../../analysis/doe/candidates/index.js';
import { candidatesCsv } from './optimization-outputs.js';
import { designDiagnostics, pcaProjection } from './design-diagnostics.js';

const decode = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

describe('candidatesCsv', () => {
  const grid = generateGrid({
    factors: [
      { name: 'x', min: 0, max: 99, step: 1 },
      { name: '材料', type: 'categorical', levels: ['=SUS', 'A,L'] },
    ],
    chunkSize: 64,
  });

  it('streams every candidate with neutralised, quoted text', () => {
    const csv = candidatesCsv(grid.set);
    const lines = decode(csv.bytes).split('\r\n');
    expect(csv.truncated).toBe(false);
    expect(lines[0]).toBe('\uFEFFcandidate_index,x,材料');
    expect(lines[1]).toBe("0,0,'=SUS");
    expect(lines[2]).toBe('1,0,"A,L"');
    expect(lines[200]).toBe('199,99,"A,L"');
    expect(lines).toHaveLength(202);
  });

  it('cuts to the row limit when the whole file would be too large', () => {
    const csv = candidatesCsv(grid.set, { maxBytes: 1000, rowLimit: 150 });
    expect(csv.truncated).toBe(true);
    expect(csv.rows).toBe(150);
    expect(decode(csv.bytes).split('\r\n')).toHaveLength(152);
  });
});

describe('design diagnostics', () => {
  it('a 2² factorial for main effects from a 3×3 grid: D and G efficiency 100 %, VIF 1, orthogonal terms', () => {
    // Candidates: 3×3 grid of (−1, 0, 1)², model 1 + a + b, column-major.
    const n = 9;
    const x = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      x[i] = 1;
      x[n + i] = Math.floor(i / 3) - 1;
      x[2 * n + i] = (i % 3) - 1;
    }
    const corners = Int32Array.of(0, 2, 6, 8);
    const d = designDiagnostics(x, n, new Float64Array(0), 0, corners, ['(Intercept)', 'a', 'b']);
    expect(d.criteria.log_det).toBeCloseTo(3 * Math.log(4), 12);
    expect(d.criteria.d_efficiency).toBeCloseTo(100, 10);
    expect(d.criteria.a).toBeCloseTo(0.75, 12);
    expect(d.criteria.g_efficiency).toBeCloseTo(100, 10);
    // Mean over the grid of (1 + a² + b²)/4 = (1 + 2/3 + 2/3)/4.
    expect(d.criteria.i).toBeCloseTo((1 + 4 / 3) / 4, 12);
    // VIF and correlations describe the terms other than the intercept.
    expect(d.vif).toEqual([
      { term: 'a', vif: 1 },
      { term: 'b', vif: 1 },
    ]);
    expect(d.correlation.terms).toEqual(['a', 'b']);
    expect(d.correlation.matrix).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(d.fds.variance[0]).toBeCloseTo(0.25, 12);
    expect(d.fds.variance.at(-1)).toBeCloseTo(0.75, 12);
  });

  it('a singular design gives null criteria', () => {
    const x = Float64Array.of(1, 1, 1, 0, 0, 0);
    const d = designDiagnostics(x, 3, new Float64Array(0), 0, Int32Array.of(0, 1), ['(Intercept)', 'a']);
    // No information: log det and the inverse-based criteria do not exist; the efficiencies are 0.
    expect(d.criteria).toEqual({ log_det: null, d_efficiency: 0, a: null, i: null, g_efficiency: 0 });
  });

  it('PCA finds the direction of largest spread', () => {
    // Points on the line y = 2x plus a small orthogonal wobble.
    const n = 50;
    const v = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const t = i / 10 - 2.5;
      const w = (i % 2 === 0 ? 1 : -1) * 0.01;
      v[i] = t - 2 * w;
      v[n + i] = 2 * t + w;
    }
    const proj = pcaProjection(
      { values: v, q: 2, n },
      { values: new Float64Array(0), q: 2, n: 0 },
      Int32Array.of(0),
      1,
    );
    expect(proj.explained[0]).toBeGreaterThan(0.999);
    expect(proj.explained[0]! + proj.explained[1]!).toBeCloseTo(1, 12);
    const [p0] = proj.selected;
    // Distance from the mean along the line equals the full distance (wobble aside).
    expect(Math.abs(p0![0])).toBeCloseTo(Math.hypot(v[0]! + 0.05, v[n]! + 0.1), 1);
  });
});
