/** Names the dependent model terms when no nonsingular design exists, so the user learns which factor or term to change. */
import { norm2 } from '../linear/householder-qr.js';
import { DesignError } from './design-error.js';
import type { PreparedDesignProblem } from './exchange.js';

/** "'a', column 3" for error messages: term names where known, else 0-based column numbers. */
export function describeColumns(columns: readonly number[], terms: readonly string[] | undefined): string {
  return columns.map((c) => (terms?.[c] !== undefined ? `'${terms[c]}'` : `column ${c}`)).join(', ');
}

/** The DesignError for a candidate set (with fixed rows) whose rows do not span all p terms. */
export function rankError(prep: PreparedDesignProblem): DesignError {
  const { p, nCandidates: n, rows, fixedRows, nFixed, excluded, terms } = prep;
  let m = nFixed;
  for (let j = 0; j < n; j++) if (excluded[j] === 0) m++;
  const stacked = new Float64Array(m * p);
  let r = 0;
  for (let i = 0; i < nFixed; i++, r++)
    for (let k = 0; k < p; k++) stacked[k * m + r] = fixedRows[i * p + k]!;
  for (let j = 0; j < n; j++) {
    if (excluded[j] !== 0) continue;
    for (let k = 0; k < p; k++) stacked[k * m + r] = rows[j * p + k]!;
    r++;
  }
  // Columns in model order (intercept and main effects first): a term is dependent when its column lies in the
  // span of the earlier independent ones (modified Gram–Schmidt, twice, relative residual ≤ 1e-9).
  const basis: Float64Array[] = [];
  const dependent: number[] = [];
  for (let k = 0; k < p; k++) {
    const col = stacked.slice(k * m, (k + 1) * m);
    const norm = norm2(col, 0, m);
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        let s = 0;
        for (let i = 0; i < m; i++) s += q[i]! * col[i]!;
        for (let i = 0; i < m; i++) col[i]! -= s * q[i]!;
      }
    const res = norm2(col, 0, m);
    if (!(res > 1e-9 * norm)) {
      dependent.push(k);
      continue;
    }
    for (let i = 0; i < m; i++) col[i]! /= res;
    basis.push(col);
  }
  if (dependent.length === 0) dependent.push(p - 1);
  const what =
    basis.length < p
      ? `rank ${basis.length} of ${p}: ${describeColumns(dependent, terms)} ${dependent.length === 1 ? 'is' : 'are'} ` +
        'a linear combination of the earlier terms'
      : `nearly dependent terms near ${describeColumns(dependent, terms)}`;
  return new DesignError(
    `the model terms are linearly dependent over the candidate set (${what}); ` +
      'e.g. a factor with a single level, a squared term of a two-level factor, or a constraint that fixes a factor',
    'rank_deficient',
    dependent,
  );
}
