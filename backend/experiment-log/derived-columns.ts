/**
 * Computes a row's derived columns from its other values, with the expression syntax of the optimization job's
 * constraints (backend/analysis/doe/candidates/constraint-expression.ts): arithmetic for a `number` column
 * (rounded to `round` places), a condition for a `flag` (true → 1, false → 0). Derived columns are computed in
 * profile order, so one may use an earlier one.
 *
 * A missing input gives null (a flag: its `when_missing`); so does a result that is not a finite number (a
 * division by zero). A text input is usable only in `==`/`!=` with a quoted text (`material == 'Steel'`); an
 * input whose kind does not fit the expression (a text in arithmetic, a number compared with a text) makes the
 * value uncomputable too, as a missing input would.
 */
import {
  ConstraintError,
  compileArithmetic,
  compileConstraint,
  parseConstraint,
  type ConstraintColumn,
  type ConstraintNode,
  type ParsedConstraint,
} from '../analysis/doe/candidates/constraint-expression.js';
import type { DerivedColumn, DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type { CellValue } from '../../src-shared/logs/experiment-log-api.js';
import { isEmptyCell, numericValue } from './cell-identity.js';
import { columnIndex } from './column-names.js';

interface PreparedDerived {
  column: DerivedColumn;
  parsed: ParsedConstraint;
  /** Quoted texts in the expression: the levels a text column is compared with. */
  texts: string[];
}

const prepared = new WeakMap<DomainProfile, PreparedDerived[]>();

function textsOf(node: ConstraintNode, out: string[]): string[] {
  switch (node.kind) {
    case 'string':
      if (!out.includes(node.value)) out.push(node.value);
      break;
    case 'negate':
    case 'not':
      textsOf(node.operand, out);
      break;
    case 'arithmetic':
    case 'logical':
      textsOf(node.left, out);
      textsOf(node.right, out);
      break;
    case 'compare':
      for (const o of node.operands) textsOf(o, out);
      break;
    case 'number':
    case 'column':
      break;
  }
  return out;
}

/** Parses a profile's derived expressions once; throws ConstraintError for one that does not parse. */
function prepare(profile: DomainProfile): PreparedDerived[] {
  let list = prepared.get(profile);
  if (list === undefined) {
    list = profile.derived.map((column) => {
      const parsed = parseConstraint(column.expression);
      return { column, parsed, texts: textsOf(parsed.root, []) };
    });
    prepared.set(profile, list);
  }
  return list;
}

function roundTo(value: number, places: number | undefined): number {
  if (places === undefined) return value;
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/**
 * One derived value for one row. Compiled per row: a text input's levels depend on the row, and compiling a
 * small tree costs far less than the I/O around an import.
 */
function evaluate(profile: DomainProfile, d: PreparedDerived, values: Record<string, CellValue>): CellValue {
  const index = columnIndex(profile);
  const names = d.parsed.columns;
  const numeric = new Float64Array(names.length);
  const codes = new Int32Array(names.length);
  const slots = new Map<string, ConstraintColumn>();
  for (const [slot, name] of names.entries()) {
    const value = values[index.resolve(name) ?? name];
    if (isEmptyCell(value)) return d.column.type === 'flag' ? d.column.when_missing : null;
    const n = numericValue(value);
    if (n !== null) {
      numeric[slot] = n;
      slots.set(name, { kind: 'numeric', slot });
    } else {
      const text = String(value).normalize('NFKC').trim();
      const levels = d.texts.includes(text) ? d.texts : [...d.texts, text];
      codes[slot] = levels.indexOf(text);
      slots.set(name, { kind: 'categorical', slot, levels });
    }
  }
  const resolve = (name: string): ConstraintColumn | undefined => slots.get(name);
  try {
    if (d.column.type === 'flag') {
      return compileConstraint(d.parsed, resolve, names)(numeric, codes) ? 1 : 0;
    }
    const result = compileArithmetic(d.parsed, resolve, names)(numeric, codes);
    return Number.isFinite(result) ? roundTo(result, d.column.round) : null;
  } catch (error) {
    // A text where the expression needs a number: this row's value is not computable, like a missing input.
    if (error instanceof ConstraintError) return d.column.type === 'flag' ? d.column.when_missing : null;
    throw error;
  }
}

/**
 * The derived values of a row (every derived column, null when not computable, e.g. a text where the expression
 * needs a number). `values` is not changed. Throws ConstraintError only for an expression that does not parse.
 */
export function computeDerived(
  profile: DomainProfile,
  values: Record<string, CellValue>,
): Record<string, CellValue> {
  const working = { ...values };
  const out: Record<string, CellValue> = {};
  for (const d of prepare(profile)) {
    const value = evaluate(profile, d, working);
    working[d.column.name] = value;
    out[d.column.name] = value;
  }
  return out;
}

/** True when a file's value of a derived column differs from the recomputed one (beyond display rounding). */
export function derivedDiffers(fileValue: CellValue, computed: CellValue): boolean {
  const a = numericValue(fileValue);
  const b = numericValue(computed);
  if (a === null || b === null) return a !== b;
  return Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(b));
}
