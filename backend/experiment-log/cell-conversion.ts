/**
 * Turns a cell's text into the stored value of a column of a given type:
 * - number: a plain decimal (full-width digits allowed); any other text is an error, never a silent null;
 * - date: see date-cell.ts; text that is not a date is an error;
 * - category: numbers stay numbers (so 15 and "15" are one level), other text stays text;
 * - text: the text as typed.
 * A missing cell (empty, NA, …; see backend/ingest/cell-values.ts) is null for every type.
 */
import type { ColumnType } from '../../src-shared/logs/domain-profile.js';
import type { CellValue } from '../../src-shared/logs/experiment-log-api.js';
import { isMissing, numberHint, parseNumber } from '../ingest/cell-values.js';
import { parseDateCell } from './date-cell.js';

export type CellConversion =
  { ok: true; value: CellValue } | { ok: false; expected: 'number' | 'date'; text: string; hint: string };

export function convertCell(type: ColumnType, raw: string | null): CellConversion {
  if (raw === null || isMissing(raw)) return { ok: true, value: null };
  const text = raw.trim();
  switch (type) {
    case 'number': {
      const n = parseNumber(text);
      return n === null
        ? { ok: false, expected: 'number', text, hint: numberHint(text) }
        : { ok: true, value: n };
    }
    case 'date': {
      const d = parseDateCell(text);
      return d === null ? { ok: false, expected: 'date', text, hint: '' } : { ok: true, value: d };
    }
    case 'category':
      return { ok: true, value: parseNumber(text) ?? text };
    case 'text':
      return { ok: true, value: text };
  }
}

/** A value that is already a CellValue (a design's factor value) converted the same way as typed text. */
export function convertValue(type: ColumnType, value: CellValue): CellConversion {
  if (value === null) return { ok: true, value: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: true, value: null };
    if (type === 'date' || type === 'text') return convertCell(type, String(value));
    return { ok: true, value };
  }
  return convertCell(type, value);
}
