/** What an update changes in a stored row, cell by cell (the preview shows it; unchanged cells are left out). */
import type { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type { CellValue, ImportRowOutcome } from '../../src-shared/logs/experiment-log-api.js';
import { columnCellIdentity } from './cell-identity.js';

export type CellChanges = ImportRowOutcome['changes'];

/**
 * The cells whose value differs between `before` and `after`, in profile order then any other column. An absent
 * column and a null are the same (no value); 1 and "1.0" in a number column are the same value.
 */
export function cellChanges(
  profile: DomainProfile,
  before: Record<string, CellValue>,
  after: Record<string, CellValue>,
): CellChanges {
  const order = [
    ...profile.columns.map((c) => c.name),
    ...profile.derived.map((d) => d.name),
    ...Object.keys(before),
    ...Object.keys(after),
  ];
  const changes: CellChanges = [];
  for (const column of new Set(order)) {
    if (!(column in before) && !(column in after)) continue;
    const a = before[column] ?? null;
    const b = after[column] ?? null;
    if (columnCellIdentity(profile, column, a) !== columnCellIdentity(profile, column, b)) {
      changes.push({ column, before: a, after: b });
    }
  }
  return changes;
}
