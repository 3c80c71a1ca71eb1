/** Turns the uploaded table and the parameters into the classifier's rows: features, 0/1 labels, groups, with every left-out row reported. */
import type { Warning } from '../../../../src-shared/api/results.js';
import { rowNumberOf, type Table } from '../../../ingest/index.js';
import type { FeatureColumn } from '../../../analysis/learners/feature-encoding.js';
import { groupIds } from '../../../analysis/model-selection/group-k-fold.js';
import { TaskError } from '../task.js';
import { modelFeatureColumns } from '../model-columns.js';
import { targetLabels } from './classification-labels.js';

export interface ClassificationData {
  target: string;
  features: FeatureColumn[];
  /** 1 = positive, 0 = negative. */
  y: Float64Array;
  n: number;
  positive: string;
  negative: string;
  /** Spreadsheet row number of each row used. */
  rowNumbers: number[];
  groups: Int32Array | undefined;
  nDropped: number;
  warnings: Warning[];
}

export interface ClassificationColumnsParams {
  target_column: string;
  positive_label: string | number;
  feature_columns?: string[] | undefined;
  group_column?: string | undefined;
}

/**
 * Features as given (text columns become categorical), else every other numeric column. Rows without a label are
 * left out, and rows with a missing feature when `completeRows` (some chosen learner needs complete rows).
 */
export function classificationData(
  table: Table,
  params: ClassificationColumnsParams,
  completeRows: boolean,
): ClassificationData {
  const target = params.target_column;
  const columns = modelFeatureColumns(table, [target], params.feature_columns, params.group_column);
  const targetColumn = table.columns.find((c) => c.name === target);

  const labels = targetLabels(targetColumn!, params.positive_label);
  const keep: number[] = [];
  let missingFeature = 0;
  for (let i = 0; i < table.rowCount; i++) {
    if (Number.isNaN(labels.y[i]!)) continue;
    const incomplete =
      completeRows &&
      columns.some((c) => (c.kind === 'numeric' ? !Number.isFinite(c.values![i]!) : c.raw[i] === null));
    if (incomplete) missingFeature++;
    else keep.push(i);
  }
  const warnings: Warning[] = [];
  if (labels.missing > 0)
    warnings.push({
      code: 'ZS_WARN_ROWS_DROPPED',
      message: `${target}: ${labels.missing} row(s) without a label were left out.`,
      details: { target, rows: labels.missing, reason: 'missing_target' },
    });
  if (missingFeature > 0)
    warnings.push({
      code: 'ZS_WARN_ROWS_DROPPED',
      message: `${target}: ${missingFeature} row(s) with a missing feature were left out (the chosen models need complete rows).`,
      details: { target, rows: missingFeature, reason: 'missing_feature' },
    });
  const features: FeatureColumn[] = columns.map((c) =>
    c.kind === 'numeric'
      ? { name: c.name, type: 'numeric', values: Float64Array.from(keep, (i) => c.values![i]!) }
      : { name: c.name, type: 'categorical', values: keep.map((i) => c.raw[i] ?? null) },
  );
  let groups: Int32Array | undefined;
  if (params.group_column !== undefined) {
    const g = table.columns.find((c) => c.name === params.group_column)!;
    // A missing group value is a group of its own (all such rows together): the cautious reading.
    groups = groupIds(keep.map((i) => g.raw[i] ?? ''));
  }
  const y = Float64Array.from(keep, (i) => labels.y[i]!);
  const nPositive = y.reduce((s, v) => s + v, 0);
  if (nPositive === 0 || nPositive === keep.length)
    throw new TaskError(
      'ZS_ERR_INPUT',
      `After leaving out incomplete rows, "${target}" has only ${nPositive === 0 ? `'${labels.negative}'` : `'${labels.positive}'`} rows; a classifier needs rows of both classes.`,
      { field: 'parameters.target_column', column: target },
    );
  return {
    target,
    features,
    y,
    n: keep.length,
    positive: labels.positive,
    negative: labels.negative,
    rowNumbers: keep.map((i) => rowNumberOf(table, i)),
    groups,
    nDropped: table.rowCount - keep.length,
    warnings,
  };
}
