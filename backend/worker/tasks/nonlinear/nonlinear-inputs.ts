/** Turns the uploaded table and the parameters into each target's rows: features (numeric or categorical), y, groups. */
import type { Warning } from '../../../../src-shared/api/results.js';
import { numericColumn, rowNumberOf, type Table } from '../../../ingest/index.js';
import type { FeatureColumn } from '../../../analysis/learners/feature-encoding.js';
import { groupIds } from '../../../analysis/model-selection/group-k-fold.js';
import { modelFeatureColumns } from '../model-columns.js';

export interface NonlinearColumns {
  targets: string[];
  /** Feature names and whether each is read as numbers or as categories (text columns). */
  features: Array<{ name: string; type: 'numeric' | 'categorical' }>;
}

/** Targets as given; features as given (text columns become categorical), else every other numeric column. */
export function nonlinearColumns(
  table: Table,
  p: { target_columns: string[]; feature_columns?: string[] | undefined; group_column?: string | undefined },
): NonlinearColumns {
  const columns = modelFeatureColumns(table, p.target_columns, p.feature_columns, p.group_column);
  const features = columns.map((c) => ({
    name: c.name,
    type: c.kind === 'numeric' ? ('numeric' as const) : ('categorical' as const),
  }));
  return { targets: p.target_columns, features };
}

export interface TargetData {
  features: FeatureColumn[];
  y: Float64Array;
  n: number;
  /** Table row index (0-based) of each row used, and its spreadsheet row number. */
  rows: number[];
  rowNumbers: number[];
  groups: Int32Array | undefined;
  nDropped: number;
  warnings: Warning[];
}

/**
 * The rows of one target: those with a measured target and, when some chosen learner needs complete rows,
 * every feature present. What is left out is counted and reported as a warning, never silently.
 */
export function targetData(
  table: Table,
  target: string,
  columns: NonlinearColumns,
  options: { completeRows: boolean; groupColumn?: string | undefined },
): TargetData {
  const y = numericColumn(table, target, 'target');
  const raw = new Map(columns.features.map((f) => [f.name, table.columns.find((c) => c.name === f.name)!]));
  const keep: number[] = [];
  let missingTarget = 0;
  let missingFeature = 0;
  for (let i = 0; i < table.rowCount; i++) {
    if (!Number.isFinite(y[i]!)) {
      missingTarget++;
      continue;
    }
    if (options.completeRows) {
      const incomplete = columns.features.some((f) => {
        const c = raw.get(f.name)!;
        return f.type === 'numeric' ? !Number.isFinite(c.values![i]!) : c.raw[i] === null;
      });
      if (incomplete) {
        missingFeature++;
        continue;
      }
    }
    keep.push(i);
  }
  const warnings: Warning[] = [];
  if (missingTarget > 0)
    warnings.push({
      code: 'ZS_WARN_ROWS_DROPPED',
      message: `${target}: ${missingTarget} row(s) without a measured value were left out.`,
      details: { target, rows: missingTarget, reason: 'missing_target' },
    });
  if (missingFeature > 0)
    warnings.push({
      code: 'ZS_WARN_ROWS_DROPPED',
      message: `${target}: ${missingFeature} row(s) with a missing feature were left out (the chosen models need complete rows).`,
      details: { target, rows: missingFeature, reason: 'missing_feature' },
    });
  const features: FeatureColumn[] = columns.features.map((f) => {
    const c = raw.get(f.name)!;
    return f.type === 'numeric'
      ? { name: f.name, type: 'numeric', values: Float64Array.from(keep, (i) => c.values![i]!) }
      : { name: f.name, type: 'categorical', values: keep.map((i) => c.raw[i] ?? null) };
  });
  let groups: Int32Array | undefined;
  if (options.groupColumn !== undefined) {
    const g = table.columns.find((c) => c.name === options.groupColumn)!;
    // A missing group value is a group of its own (all such rows together): the cautious reading.
    groups = groupIds(keep.map((i) => g.raw[i] ?? ''));
  }
  return {
    features,
    y: Float64Array.from(keep, (i) => y[i]!),
    n: keep.length,
    rows: keep,
    rowNumbers: keep.map((i) => rowNumberOf(table, i)),
    groups,
    nDropped: table.rowCount - keep.length,
    warnings,
  };
}
