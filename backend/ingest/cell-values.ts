/** One definition of "missing" and "a number" for every input format, so CSV and XLSX files give the same table. */
import type { ColumnKind } from './table.js';

/** Cell texts (after trimming) that mean "no value". Compared exactly, case included. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  '#N/A',
  'NaN',
  'nan',
  'null',
  'NULL',
]);

/** Plain decimal with optional exponent; a leading sign is allowed; "1." and ".5" are accepted. */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when the cell holds no value (see MISSING_TOKENS). */
export function isMissing(text: string | null): boolean {
  return text === null || MISSING_TOKENS.has(text.trim());
}

/**
 * Parses a cell as a finite number after NFKC normalisation (so full-width "１．５" is 1.5), or returns null.
 * Rejects thousands separators and decimal commas ("1,234"), Infinity/inf, hex ("0x10") and "1_000".
 */
export function parseNumber(text: string): number | null {
  const normalised = text.normalize('NFKC').trim();
  if (!NUMBER_PATTERN.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

export interface ClassifiedCells {
  kind: ColumnKind;
  /** Parsed values (NaN = missing) when kind is numeric; null otherwise. */
  values: Float64Array | null;
  missing: number;
}

/** Decides a column's kind from its cells (null = missing). Does not mutate `cells`. */
export function classifyCells(cells: readonly (string | null)[]): ClassifiedCells {
  const values = new Float64Array(cells.length);
  let missing = 0;
  let numeric = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? null;
    if (cell === null) {
      missing++;
      values[i] = NaN;
      continue;
    }
    if (!numeric) continue;
    const parsed = parseNumber(cell);
    if (parsed === null) numeric = false;
    else values[i] = parsed;
  }
  if (missing === cells.length) return { kind: 'empty', values: null, missing };
  return numeric ? { kind: 'numeric', values, missing } : { kind: 'categorical', values: null, missing };
}

/** A short hint on how to write a value that did not parse as a number, or '' when there is nothing useful to say. */
export function numberHint(text: string): string {
  const normalised = text.normalize('NFKC').trim();
  if (/\d,\d/.test(normalised)) return ' (use a dot as the decimal mark and no thousands separator)';
  if (/^[+-]?inf(inity)?$/i.test(normalised)) return ' (infinite values are not allowed)';
  if (/^[+-]?0[xob]/i.test(normalised) || /\d_\d/.test(normalised)) {
    return ' (write plain decimal numbers such as 12.5 or 1.2e-3)';
  }
  return '';
}
