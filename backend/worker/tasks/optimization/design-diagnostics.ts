/** Maps the engine's design criteria and PCA projection (backend/analysis/doe) onto the result body's shapes. */
import { evaluateDesign } from '../../../analysis/doe/criteria.js';
import { designProjection } from '../../../analysis/doe/pca-projection.js';
import type { OptimizationBody } from '../../../../src-shared/api/optimization-result.js';

export interface DesignDiagnostics {
  criteria: OptimizationBody['criteria'];
  vif: OptimizationBody['vif'];
  correlation: OptimizationBody['correlation'];
  fds: OptimizationBody['fds'];
}

/** Column-major design matrix: the `nFixed` fixed rows, then the selected candidate rows. */
function designMatrix(
  candidates: Float64Array,
  nCandidates: number,
  fixed: Float64Array,
  nFixed: number,
  selected: Int32Array,
  p: number,
): Float64Array {
  const n = nFixed + selected.length;
  const x = new Float64Array(n * p);
  for (let k = 0; k < p; k++) {
    for (let r = 0; r < nFixed; r++) x[k * n + r] = fixed[k * nFixed + r]!;
    for (let s = 0; s < selected.length; s++)
      x[k * n + nFixed + s] = candidates[k * nCandidates + selected[s]!]!;
  }
  return x;
}

export function designDiagnostics(
  candidates: Float64Array,
  nCandidates: number,
  fixed: Float64Array,
  nFixed: number,
  selected: Int32Array,
  terms: readonly string[],
): DesignDiagnostics {
  const p = terms.length;
  const n = nFixed + selected.length;
  const c = evaluateDesign(
    designMatrix(candidates, nCandidates, fixed, nFixed, selected, p),
    n,
    p,
    candidates,
    nCandidates,
  );
  return {
    criteria: { log_det: c.logDet, d_efficiency: c.dEfficiency, a: c.a, i: c.i, g_efficiency: c.gEfficiency },
    vif: c.columns.map((col, k) => ({ term: terms[col]!, vif: c.vif[k] ?? null })),
    correlation: { terms: c.columns.map((col) => terms[col]!), matrix: c.correlation },
    fds: c.fds,
  };
}

export function pcaProjection(
  coded: { values: Float64Array; q: number; n: number },
  existing: { values: Float64Array; q: number; n: number },
  selected: Int32Array,
  seed: number,
): OptimizationBody['projection'] {
  const p = designProjection(coded.values, coded.n, coded.q, existing.values, existing.n, selected, seed);
  return {
    explained: [...p.explained],
    candidates: p.candidates,
    existing: p.existing,
    selected: p.selected,
  };
}
