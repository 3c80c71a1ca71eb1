/** Turns the uploaded table and the parameters into the rows each target's study uses, reporting what is left out. */
import { numericColumn, requireColumns, rowNumberOf, type Table } from '../../../ingest/index.js';
import type { ColumnData } from '../../../analysis/linear/design-spec.js';
import type { StudyRows } from '../../../analysis/linear-study/study-types.js';
import { trainTestSplit } from '../../../analysis/model-selection/k-fold.js';
import { createRng, deriveSeed } from '../../../analysis/random/rng.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import { TaskError } from '../task.js';

export interface ResolvedColumns {
  targets: string[];
  features: string[];
}

/** Targets as given; features as given, else every numeric column that is not a target. */
export function resolveColumns(
  table: Table,
  p: { target_column?: string; target_columns?: string[]; feature_columns?: string[] },
): ResolvedColumns {
  const targets = p.target_columns ?? [p.target_column!];
  requireColumns(table, targets, 'target');
  const features =
    p.feature_columns ??
    table.columns.filter((c) => c.kind === 'numeric' && !targets.includes(c.name)).map((c) => c.name);
  requireColumns(table, features, 'feature');
  const overlap = features.filter((f) => targets.includes(f));
  if (overlap.length > 0) {
    throw new TaskError('ZS_ERR_INPUT', `A target cannot also be a feature: ${overlap.join(', ')}.`, {
      field: 'parameters.feature_columns',
    });
  }
  if (features.length === 0) {
    throw new TaskError('ZS_ERR_INPUT', 'No numeric feature columns were found besides the target(s).', {
      field: 'parameters.feature_columns',
    });
  }
  for (const f of features) {
    const column = table.columns.find((c) => c.name === f)!;
    if (column.kind === 'empty') {
      throw new TaskError('ZS_ERR_INPUT', `The feature column "${f}" has no values.`, { column: f });
    }
  }
  return { targets, features };
}

export interface TargetRows {
  train: StudyRows;
  test: StudyRows | null;
  nDropped: number;
  family: 'gaussian' | 'binomial';
  warnings: Warning[];
}

function subset(y: Float64Array, data: ColumnData, rows: number[], rowNumbers: number[]): StudyRows {
  const numeric: ColumnData['numeric'] = {};
  const text: ColumnData['text'] = {};
  for (const [k, v] of Object.entries(data.numeric)) numeric[k] = Float64Array.from(rows, (r) => v[r]!);
  for (const [k, v] of Object.entries(data.text)) text[k] = rows.map((r) => v[r]!);
  return {
    y: Float64Array.from(rows, (r) => y[r]!),
    data: { numeric, text },
    n: rows.length,
    rowNumbers: rows.map((r) => rowNumbers[r]!),
  };
}

/** The complete rows of one target (listwise deletion, reported), split into training and hold-out rows. */
export function targetRows(
  table: Table,
  target: string,
  features: string[],
  options: { holdout: number; seed: number; targetIndex: number },
): TargetRows {
  const y = numericColumn(table, target, 'target');
  const data: ColumnData = { numeric: {}, text: {} };
  for (const f of features) {
    const column = table.columns.find((c) => c.name === f)!;
    if (column.kind === 'numeric') data.numeric[f] = column.values!;
    else data.text[f] = column.raw;
  }
  const complete: number[] = [];
  const dropped: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const ok =
      !Number.isNaN(y[i]!) &&
      Object.values(data.numeric).every((v) => !Number.isNaN(v[i]!)) &&
      Object.values(data.text).every((v) => v[i] !== null);
    (ok ? complete : dropped).push(i);
  }
  const rowNumbers = Array.from({ length: table.rowCount }, (_, i) => rowNumberOf(table, i));
  const warnings: Warning[] = [];
  if (dropped.length > 0) {
    warnings.push({
      code: 'rows_dropped_missing',
      message: `${target}: ${dropped.length} row(s) with a missing value in the target or a feature were left out.`,
      details: { target, rows: dropped.slice(0, 50).map((i) => rowNumbers[i]), count: dropped.length },
    });
  }
  const values = new Set(complete.map((i) => y[i]!));
  const family = values.size === 2 && values.has(0) && values.has(1) ? 'binomial' : 'gaussian';
  if (options.holdout > 0 && complete.length >= 4) {
    const split = trainTestSplit(
      complete.length,
      options.holdout,
      createRng(deriveSeed(options.seed, 1000 + options.targetIndex)),
    );
    return {
      train: subset(
        y,
        data,
        [...split.train].map((k) => complete[k]!),
        rowNumbers,
      ),
      test: subset(
        y,
        data,
        [...split.test].map((k) => complete[k]!),
        rowNumbers,
      ),
      nDropped: dropped.length,
      family,
      warnings,
    };
  }
  return {
    train: subset(y, data, complete, rowNumbers),
    test: null,
    nDropped: dropped.length,
    family,
    warnings,
  };
}

/** The nested CV needs enough rows in every fold; say which parameter to lower instead of failing deep inside. */
export function checkRowsSuffice(target: string, n: number, outer: number, inner: number): void {
  const innerRows = n - Math.ceil(n / outer);
  if (n < outer || innerRows < inner || innerRows < 3) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `${target}: ${n} complete row(s) are too few for outer_splits = ${outer} and cv_splits = ${inner}; ` +
        'lower them or add rows.',
      { field: 'parameters.outer_splits', target, rows: n },
    );
  }
}
