/**
 * What the screens need to know about a log's columns, read from its profile (never from hard-coded names): the
 * grid's order with units, which columns get a numeric range or a value checklist in the filter, and the column
 * summaries the analysis form needs for rows that were never previewed in the browser.
 */
import type { DomainProfile } from '../../../src-shared/logs/domain-profile.js';
import type { CellValue, LogRow } from '../../../src-shared/logs/experiment-log-api.js';
import type { Language } from '../../i18n/messages.js';
import type { ColumnSummary } from '../data/table-preview.js';

export interface LogColumn {
  name: string;
  /** Shown in the header: the profile's label in the UI language, else the canonical name. */
  label: string;
  unit: string | undefined;
  kind: 'number' | 'text' | 'date' | 'category' | 'flag';
  role: 'factor' | 'response' | 'label' | 'date' | 'one_hot' | 'note' | 'derived';
}

/** The profile's columns in its order, then the derived ones (computed on import, so every row may carry them). */
export function logColumns(profile: DomainProfile, language: Language): LogColumn[] {
  const own = profile.columns.map((c): LogColumn => ({
    name: c.name,
    label: c.label?.[language] ?? c.name,
    unit: c.unit,
    kind: c.type,
    role: c.role,
  }));
  const known = new Set(own.map((c) => c.name));
  const derived = profile.derived
    .filter((d) => !known.has(d.name))
    .map((d): LogColumn => ({ name: d.name, label: d.name, unit: d.unit, kind: d.type, role: 'derived' }));
  return [...own, ...derived];
}

export function headerText(column: LogColumn): string {
  return column.unit ? `${column.label} (${column.unit})` : column.label;
}

/** Columns filtered by a value checklist: categories and labels (OK/NG), whose values are few and named. */
export function categoryColumns(columns: readonly LogColumn[]): LogColumn[] {
  return columns.filter((c) => c.kind === 'category' || (c.role === 'label' && c.kind === 'text'));
}

/** Columns filtered by a min/max range; one-hot members are filtered by their group instead. */
export function rangeColumns(columns: readonly LogColumn[]): LogColumn[] {
  return columns.filter((c) => (c.kind === 'number' || c.kind === 'flag') && c.role !== 'one_hot');
}

/** The values present in the rows for each column, sorted (numbers numerically), to offer as checkboxes. */
export function distinctValues(
  rows: readonly LogRow[],
  columns: readonly string[],
): Record<string, (string | number)[]> {
  const out: Record<string, (string | number)[]> = {};
  for (const column of columns) {
    const seen = new Set<string | number>();
    for (const row of rows) {
      const v = row.values[column];
      if (v !== null && v !== undefined && v !== '') seen.add(v);
    }
    out[column] = [...seen].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'ja'),
    );
  }
  return out;
}

/** The observed min/max of a numeric column, shown as the range boxes' placeholders. */
export function observedRange(rows: readonly LogRow[], column: string): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    const v = row.values[column];
    if (typeof v === 'number' && Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return min <= max ? { min, max } : null;
}

/**
 * Column summaries for the analysis form, as the file preview would give them: only columns some row has a value
 * in, numeric when every value present is a number. The order is the profile's, then any extra columns.
 */
export function summariseColumns(rows: readonly LogRow[], order: readonly string[]): ColumnSummary[] {
  const names = [...order];
  const known = new Set(order);
  for (const row of rows) {
    for (const key of Object.keys(row.values)) {
      if (!known.has(key)) {
        known.add(key);
        names.push(key);
      }
    }
  }
  const summaries: ColumnSummary[] = [];
  for (const name of names) {
    const values = rows.map((r) => r.values[name]).filter((v): v is Exclude<CellValue, null> => v != null);
    if (values.length === 0) continue;
    const numeric = values.every((v) => typeof v === 'number');
    const nums = numeric ? (values as number[]) : [];
    summaries.push({
      name,
      kind: numeric ? 'numeric' : 'text',
      missing: rows.length - values.length,
      min: numeric ? Math.min(...nums) : null,
      max: numeric ? Math.max(...nums) : null,
      mean: numeric ? nums.reduce((a, b) => a + b, 0) / nums.length : null,
    });
  }
  return summaries;
}

/** A stored value as text; numbers at 12 significant digits so binary noise (0.13999999999999999) is not shown. */
export function formatCell(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(Number(value.toPrecision(12))) : value;
}
