/**
 * The filter panel's editable state and its one meaning as a RowFilter: every clause ANDed, bounds inclusive, an
 * empty box an open bound, the members chosen in a one-hot group ORed, and a clause left empty (no box filled, no
 * value ticked, both statuses or none) meaning "no restriction" rather than "no rows".
 */
import { parseTypedNumber } from '../../shared/typed-number.js';
import type { RowFilter, RowStatus } from '../../../src-shared/logs/experiment-log-api.js';

export interface FilterDraft {
  /** `YYYY-MM-DD` from `<input type="date">`, or '' (open). */
  dateFrom: string;
  dateTo: string;
  /** Column → ticked values (compared as stored, so numbers stay numbers). */
  categories: Record<string, (string | number)[]>;
  /** Column → the typed bounds, as text so an empty box is an open bound and not 0. */
  ranges: Record<string, { min: string; max: string }>;
  /** One-hot group → ticked member columns. */
  oneHot: Record<string, string[]>;
  status: RowStatus[];
}

export type FilterProblemCode = 'not_a_number' | 'min_above_max' | 'date_order';

export interface FilterProblem {
  /** `date`, or `range:<column>`. */
  field: string;
  code: FilterProblemCode;
}

export function emptyDraft(): FilterDraft {
  return { dateFrom: '', dateTo: '', categories: {}, ranges: {}, oneHot: {}, status: [] };
}

/** A typed bound: '' → open; Japanese users may type full-width digits or a full-width minus, so normalise first. */
export function parseBound(text: string): number | undefined | 'invalid' {
  // A long-vowel mark typed for a minus, and thousands separators, are accepted in a bound too.
  const value = parseTypedNumber(text.replace(/[ーｰ]/g, '-').replace(/,/g, ''));
  if (value === null) return undefined;
  return Number.isFinite(value) ? value : 'invalid';
}

export function draftToFilter(draft: FilterDraft): { filter: RowFilter; problems: FilterProblem[] } {
  const filter: RowFilter = {};
  const problems: FilterProblem[] = [];

  if (draft.dateFrom || draft.dateTo) {
    if (draft.dateFrom && draft.dateTo && draft.dateFrom > draft.dateTo) {
      problems.push({ field: 'date', code: 'date_order' });
    }
    filter.date = {
      ...(draft.dateFrom ? { from: draft.dateFrom } : {}),
      ...(draft.dateTo ? { to: draft.dateTo } : {}),
    };
  }

  const categories = Object.entries(draft.categories)
    .filter(([, values]) => values.length > 0)
    .map(([column, values]) => ({ column, values }));
  if (categories.length > 0) filter.categories = categories;

  const ranges: NonNullable<RowFilter['ranges']> = [];
  for (const [column, bounds] of Object.entries(draft.ranges)) {
    const min = parseBound(bounds.min);
    const max = parseBound(bounds.max);
    if (min === 'invalid' || max === 'invalid') {
      problems.push({ field: `range:${column}`, code: 'not_a_number' });
      continue;
    }
    if (min === undefined && max === undefined) continue;
    if (min !== undefined && max !== undefined && min > max) {
      problems.push({ field: `range:${column}`, code: 'min_above_max' });
    }
    ranges.push({ column, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  }
  if (ranges.length > 0) filter.ranges = ranges;

  const oneHot = Object.entries(draft.oneHot)
    .filter(([, columns]) => columns.length > 0)
    .map(([group, columns]) => ({ group, columns }));
  if (oneHot.length > 0) filter.one_hot = oneHot;

  // Both statuses restrict nothing; sending them would only make the saved view look narrower than it is.
  if (draft.status.length === 1) filter.status = [...draft.status];

  return { filter, problems };
}

/** The panel's state for a filter (a saved view being applied), so the boxes show what is in effect. */
export function filterToDraft(filter: RowFilter): FilterDraft {
  const draft = emptyDraft();
  draft.dateFrom = filter.date?.from ?? '';
  draft.dateTo = filter.date?.to ?? '';
  for (const c of filter.categories ?? []) draft.categories[c.column] = [...c.values];
  for (const r of filter.ranges ?? []) {
    draft.ranges[r.column] = {
      min: r.min === undefined ? '' : String(r.min),
      max: r.max === undefined ? '' : String(r.max),
    };
  }
  for (const g of filter.one_hot ?? []) draft.oneHot[g.group] = [...g.columns];
  draft.status = [...(filter.status ?? [])];
  return draft;
}

/** True when the filter keeps every row. */
export function isEmptyFilter(filter: RowFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}
