/**
 * The checks a row must pass before it enters the log, run on the row as it will be stored (after the upsert
 * merge and the derived columns), so a partial re-import is checked against the whole row:
 * - every key column has a value, except the date column of a `planned` row (a run not made yet has no date);
 * - in every one-hot group, each member is 0 or 1 and exactly one member is 1;
 * - the profile's rules: `allowed_values` (optionally only `when` another column equals a value), `range`,
 *   `required`. A missing value passes `allowed_values` and `range`: only `required` and the key demand one.
 * Values compare by identity (cell-identity.ts): 15, "15" and "15.0" are the same allowed value.
 */
import type { DomainProfile, ValidationRule } from '../../src-shared/logs/domain-profile.js';
import type { CellValue, RowProblem } from '../../src-shared/logs/experiment-log-api.js';
import { columnCellIdentity, isEmptyCell, numericValue } from './cell-identity.js';
import { missingKey, missingRequired, notAllowed, oneHotBroken, outOfRange } from './row-problems.js';
import { rowStatus } from './row-status.js';

function keyProblems(
  profile: DomainProfile,
  keyColumns: readonly string[],
  values: Record<string, CellValue>,
  row: number,
): RowProblem[] {
  const planned = rowStatus(profile, values) === 'planned';
  return keyColumns
    .filter((c) => isEmptyCell(values[c]) && !(planned && c === profile.date_column))
    .map((c) => missingKey(row, c));
}

function oneHotProblems(
  profile: DomainProfile,
  values: Record<string, CellValue>,
  row: number,
): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const group of profile.one_hot_groups) {
    const members = group.columns.map((column) => ({ column, value: values[column] }));
    const notBinary = members.find((m) => {
      const n = numericValue(m.value ?? null);
      return n !== 0 && n !== 1;
    });
    const ones = members.filter((m) => numericValue(m.value ?? null) === 1);
    let culprit: string | undefined;
    if (notBinary !== undefined) culprit = notBinary.column;
    else if (ones.length === 0) culprit = group.columns[0];
    else if (ones.length > 1) culprit = ones[1]!.column;
    if (culprit !== undefined) problems.push(oneHotBroken(row, culprit, group.name, members));
  }
  return problems;
}

function ruleProblems(
  profile: DomainProfile,
  values: Record<string, CellValue>,
  row: number,
): Array<{ kind: ValidationRule['kind']; problem: RowProblem }> {
  const problems: Array<{ kind: ValidationRule['kind']; problem: RowProblem }> = [];
  const add = (kind: ValidationRule['kind'], problem: RowProblem): void => {
    problems.push({ kind, problem });
  };
  const identity = (column: string, value: CellValue | undefined): string | null =>
    columnCellIdentity(profile, column, value);
  for (const rule of profile.rules) {
    switch (rule.kind) {
      case 'allowed_values': {
        const value = values[rule.column];
        if (isEmptyCell(value)) break;
        const applies =
          rule.when === undefined ||
          identity(rule.when.column, values[rule.when.column]) ===
            identity(rule.when.column, rule.when.equals);
        if (!applies) break;
        const own = identity(rule.column, value);
        if (!rule.values.some((v) => identity(rule.column, v) === own)) {
          add(rule.kind, notAllowed(row, rule.column, value, rule.values, rule.when));
        }
        break;
      }
      case 'range': {
        const value = values[rule.column];
        if (isEmptyCell(value)) break;
        const n = numericValue(value);
        if (
          n === null ||
          (rule.min !== undefined && n < rule.min) ||
          (rule.max !== undefined && n > rule.max)
        ) {
          add(rule.kind, outOfRange(row, rule.column, value, rule.min, rule.max));
        }
        break;
      }
      case 'required':
        for (const c of rule.columns) if (isEmptyCell(values[c])) add(rule.kind, missingRequired(row, c));
        break;
    }
  }
  return problems;
}

/** Every problem of a row about to be stored (empty when it may be stored); `row` is the file's row number. */
export function validateRow(
  profile: DomainProfile,
  keyColumns: readonly string[],
  values: Record<string, CellValue>,
  row: number,
): RowProblem[] {
  const keys = keyProblems(profile, keyColumns, values, row);
  // A missing key column that is also `required` is reported once, as the key.
  const reported = new Set(keys.map((p) => p.column));
  const rules = ruleProblems(profile, values, row).filter(
    (p) => !(p.kind === 'required' && reported.has(p.problem.column)),
  );
  return [...keys, ...oneHotProblems(profile, values, row), ...rules.map((p) => p.problem)];
}
