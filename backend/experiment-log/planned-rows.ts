/**
 * Turns the runs an optimization job designed (factor name → value) into `planned` log rows:
 * - names are resolved like file headers (exact, alias, NFKC); a name the profile does not know is dropped, and
 *   one warning lists every such name;
 * - a name equal to a one-hot group with a member's name as value (`brush: 'X1'`) sets that member to 1 and the
 *   others to 0, since a design may treat the group as one categorical factor (an unknown member: a warning);
 * - measurement (`response`) and date values are dropped with a warning: a planned run has neither yet (a design
 *   may carry predicted responses, which are not measurements);
 * - values are converted like typed cells (cell-conversion.ts); one that does not fit is left empty, counted in
 *   a warning;
 * - derived columns are computed.
 * Rows are not validated here: the log's import of the measured form checks them.
 */
import type { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type { CellValue, ImportPreview } from '../../src-shared/logs/experiment-log-api.js';
import { convertValue } from './cell-conversion.js';
import { columnIndex, normaliseName } from './column-names.js';
import { computeDerived } from './derived-columns.js';
import { invalidRunValues, measuredValuesDropped, unknownRunColumns } from './import-warnings.js';

export function plannedRows(
  profile: DomainProfile,
  runs: ReadonlyArray<Record<string, CellValue>>,
): { rows: Array<Record<string, CellValue>>; warnings: ImportPreview['warnings'] } {
  const index = columnIndex(profile);
  const unknown = new Set<string>();
  const dropped = new Set<string>();
  const invalid = new Set<string>();
  let invalidCount = 0;
  const rows = runs.map((run) => {
    const values: Record<string, CellValue> = {};
    for (const [name, value] of Object.entries(run)) {
      const canonical = index.resolve(name);
      const group = canonical === null ? index.group(name) : undefined;
      if (group !== undefined && value !== null) {
        const chosen = normaliseName(String(value));
        if (!group.columns.some((member) => normaliseName(member) === chosen)) {
          invalid.add(group.name);
          invalidCount++;
          continue;
        }
        for (const member of group.columns) values[member] = normaliseName(member) === chosen ? 1 : 0;
        continue;
      }
      if (canonical === null) {
        unknown.add(name);
        continue;
      }
      const column = index.column(canonical);
      if (column === undefined) continue; // a derived column: recomputed below
      if (column.role === 'response' || column.role === 'date' || canonical === profile.date_column) {
        if (value !== null) dropped.add(canonical);
        continue;
      }
      const converted = convertValue(column.type, value);
      if (converted.ok) {
        values[canonical] = converted.value;
      } else {
        values[canonical] = null;
        invalid.add(canonical);
        invalidCount++;
      }
    }
    return { ...values, ...computeDerived(profile, values) };
  });
  const warnings: ImportPreview['warnings'] = [];
  if (unknown.size > 0) warnings.push(unknownRunColumns([...unknown]));
  if (dropped.size > 0) warnings.push(measuredValuesDropped([...dropped]));
  if (invalidCount > 0) warnings.push(invalidRunValues(invalidCount, [...invalid]));
  return { rows, warnings };
}
