/**
 * Which log rows a RowFilter keeps, and what is wrong with a filter before it is saved or used.
 *
 * Semantics (every clause present must hold: AND):
 * - `date`: the profile's date column, compared by ISO day, bounds inclusive, an absent bound open; a row with
 *   no date, or a profile with no date column, is excluded.
 * - `categories`: the row's value is one of `values`, compared by identity (cell-identity.ts), so a stored
 *   number 15 matches a filter text "15" and the reverse; a row without a value is excluded.
 * - `ranges`: the value as a number lies in [min, max], an absent bound open; a missing or non-numeric value
 *   excludes the row, even when both bounds are absent (the clause then means "has a numeric value").
 * - `one_hot`: per clause, any listed member column is 1 (OR within a group; clauses AND across groups).
 * - `status`: the row's status is one of the list.
 * Column names are resolved like file headers (aliases, NFKC); filterProblems reports names that resolve to
 * nothing, and matchesFilter treats such a clause as excluding every row.
 */
import type { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type { CellValue, RowFilter, RowStatus } from '../../src-shared/logs/experiment-log-api.js';
import { columnCellIdentity, numericValue } from './cell-identity.js';
import { columnIndex, normaliseName } from './column-names.js';
import { isoDayOf } from './date-cell.js';

interface FilterRow {
  status: RowStatus;
  values: Record<string, CellValue>;
}

function matchesDate(profile: DomainProfile, row: FilterRow, date: NonNullable<RowFilter['date']>): boolean {
  if (profile.date_column === undefined) return false;
  const value = row.values[profile.date_column];
  if (value === undefined || value === null) return false;
  const day = isoDayOf(value);
  if (day === null) return false;
  return (date.from === undefined || day >= date.from) && (date.to === undefined || day <= date.to);
}

function matchesCategory(
  profile: DomainProfile,
  row: FilterRow,
  clause: NonNullable<RowFilter['categories']>[number],
): boolean {
  const column = columnIndex(profile).resolve(clause.column);
  if (column === null) return false;
  const own = columnCellIdentity(profile, column, row.values[column]);
  return own !== null && clause.values.some((v) => columnCellIdentity(profile, column, v) === own);
}

function matchesRange(
  profile: DomainProfile,
  row: FilterRow,
  clause: NonNullable<RowFilter['ranges']>[number],
): boolean {
  const column = columnIndex(profile).resolve(clause.column);
  if (column === null) return false;
  const n = numericValue(row.values[column]);
  if (n === null) return false;
  return (clause.min === undefined || n >= clause.min) && (clause.max === undefined || n <= clause.max);
}

function matchesOneHot(
  profile: DomainProfile,
  row: FilterRow,
  clause: NonNullable<RowFilter['one_hot']>[number],
): boolean {
  const index = columnIndex(profile);
  return clause.columns.some((name) => {
    const column = index.resolve(name);
    return column !== null && numericValue(row.values[column]) === 1;
  });
}

/** True when the row passes every clause of the filter (an empty filter keeps every row). */
export function matchesFilter(profile: DomainProfile, row: FilterRow, filter: RowFilter): boolean {
  if (filter.status !== undefined && !filter.status.includes(row.status)) return false;
  if (filter.date !== undefined && !matchesDate(profile, row, filter.date)) return false;
  if (filter.categories?.some((c) => !matchesCategory(profile, row, c))) return false;
  if (filter.ranges?.some((c) => !matchesRange(profile, row, c))) return false;
  if (filter.one_hot?.some((c) => !matchesOneHot(profile, row, c))) return false;
  return true;
}

/**
 * What is wrong with a filter for a profile, each with a path into the filter (`ranges[1].min`): an unknown
 * column or group, a column that is not a member of its group, a date filter without a date column, `from`
 * after `to`, `min` above `max`, a range over a text or date column. Empty when the filter is usable.
 */
export function filterProblems(
  profile: DomainProfile,
  filter: RowFilter,
): Array<{ path: string; message: string }> {
  const index = columnIndex(profile);
  const problems: Array<{ path: string; message: string }> = [];
  const unknown = (path: string, name: string): void => {
    problems.push({ path, message: `unknown column '${name}'` });
  };
  if (filter.date !== undefined) {
    if (profile.date_column === undefined) {
      problems.push({ path: 'date', message: `profile '${profile.id}' has no date column to filter by` });
    }
    const { from, to } = filter.date;
    if (from !== undefined && to !== undefined && from > to) {
      problems.push({ path: 'date.from', message: `'from' (${from}) is after 'to' (${to})` });
    }
  }
  filter.categories?.forEach((clause, i) => {
    if (index.resolve(clause.column) === null) unknown(`categories[${i}].column`, clause.column);
  });
  filter.ranges?.forEach((clause, i) => {
    const column = index.resolve(clause.column);
    if (column === null) unknown(`ranges[${i}].column`, clause.column);
    else if (index.typeOf(column) === 'text' || index.typeOf(column) === 'date') {
      problems.push({
        path: `ranges[${i}].column`,
        message: `column '${column}' holds ${index.typeOf(column)} values, not numbers`,
      });
    }
    if (clause.min !== undefined && clause.max !== undefined && clause.min > clause.max) {
      problems.push({
        path: `ranges[${i}].min`,
        message: `'min' (${clause.min}) is above 'max' (${clause.max})`,
      });
    }
  });
  filter.one_hot?.forEach((clause, i) => {
    const group = index.group(clause.group);
    if (group === undefined) {
      problems.push({ path: `one_hot[${i}].group`, message: `unknown one-hot group '${clause.group}'` });
      return;
    }
    const members = new Set(group.columns.map(normaliseName));
    clause.columns.forEach((name, j) => {
      const column = index.resolve(name);
      if (column === null || !members.has(normaliseName(column))) {
        problems.push({
          path: `one_hot[${i}].columns[${j}]`,
          message: `'${name}' is not a column of one-hot group '${group.name}' (${group.columns.join(', ')})`,
        });
      }
    });
  });
  return problems;
}
