/** The feature columns a modelling job reads: as given (text columns become categorical), else every other numeric column. */
import { requireColumns, type Table } from '../../ingest/index.js';
import { TaskError } from './task.js';

type Column = Table['columns'][number];

/**
 * Checks the targets and the optional group column exist, then resolves the features: `featureColumns`, or every
 * numeric column that is neither a target nor the group column. Throws a TaskError naming the problem.
 */
export function modelFeatureColumns(
  table: Table,
  targets: readonly string[],
  featureColumns: readonly string[] | undefined,
  groupColumn: string | undefined,
): Column[] {
  requireColumns(table, [...targets], 'target');
  if (groupColumn !== undefined) requireColumns(table, [groupColumn], 'group');
  const excluded = new Set([...targets, ...(groupColumn !== undefined ? [groupColumn] : [])]);
  const names =
    featureColumns ??
    table.columns.filter((c) => c.kind === 'numeric' && !excluded.has(c.name)).map((c) => c.name);
  const columns = requireColumns(table, [...names], 'feature');
  const overlap = names.filter((f) => excluded.has(f));
  if (overlap.length > 0)
    throw new TaskError(
      'ZS_ERR_INPUT',
      `A target or group column cannot also be a feature: ${overlap.join(', ')}.`,
      {
        field: 'parameters.feature_columns',
      },
    );
  if (names.length === 0)
    throw new TaskError('ZS_ERR_INPUT', 'No numeric feature columns were found besides the target(s).', {
      field: 'parameters.feature_columns',
    });
  for (const c of columns)
    if (c.kind === 'empty')
      throw new TaskError('ZS_ERR_INPUT', `The feature column "${c.name}" has no values.`, {
        column: c.name,
      });
  return columns;
}
