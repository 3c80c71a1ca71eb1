/**
 * When two cells hold "the same value". Stored cells, typed cells and filter values differ in form: 1, "1" and
 * "1.0" are one number; "Steel" and "Ｓｔｅｅｌ " one text; `2025-10-29` and Excel serial 45959 one date. Every
 * comparison in the engine (upsert keys, changes, filters, rules) goes through the identity text made here.
 */
import type { CellValue } from '../../src-shared/logs/experiment-log-api.js';
import type { ColumnType, DomainProfile } from '../../src-shared/logs/domain-profile.js';
import { isMissing, parseNumber } from '../ingest/cell-values.js';
import { columnIndex } from './column-names.js';
import { isoDayOf, parseDateCell } from './date-cell.js';

/**
 * A number's identity: 12 significant digits, so 0.1 + 0.2 equals 0.3 and a value computed twice equals
 * itself; -0 is 0.
 */
function numberIdentity(n: number): string {
  const rounded = Number(n.toPrecision(12));
  return `n:${rounded === 0 ? 0 : rounded}`;
}

/** True when a stored cell holds no value (null, or text that means missing such as '' or 'NA'). */
export function isEmptyCell(value: CellValue | undefined): value is null | undefined | string {
  return value === undefined || value === null || (typeof value === 'string' && isMissing(value));
}

/** A cell as a number (a number, or text that parses as one), or null. */
export function numericValue(value: CellValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return parseNumber(value);
  return null;
}

/**
 * The identity of a cell of a column of `type`, or null when it holds no value. Dates compare by the full stored
 * form unless `dayOnly` (upsert keys and date filters compare days).
 */
export function cellIdentity(value: CellValue | undefined, type: ColumnType, dayOnly = false): string | null {
  if (isEmptyCell(value)) return null;
  if (type === 'date') {
    const date = dayOnly ? isoDayOf(value) : parseDateCell(String(value));
    if (date !== null) return `d:${date}`;
  }
  const n = numericValue(value);
  if (n !== null) return numberIdentity(n);
  return `t:${String(value).normalize('NFKC').trim()}`;
}

/** The identity of a cell of a profile's column (its type looked up by canonical name). */
export function columnCellIdentity(
  profile: DomainProfile,
  column: string,
  value: CellValue | undefined,
  dayOnly = false,
): string | null {
  return cellIdentity(value, columnIndex(profile).typeOf(column), dayOnly);
}

/**
 * A stable text key of a row for upserts: the identities of the key columns in order, dates as ISO days
 * (a run is identified by its day, not by the minute it was typed). Missing key values are part of the key.
 */
export function canonicalKey(
  profile: DomainProfile,
  keyColumns: readonly string[],
  values: Record<string, CellValue>,
): string {
  return JSON.stringify(keyColumns.map((c) => columnCellIdentity(profile, c, values[c], true)));
}
