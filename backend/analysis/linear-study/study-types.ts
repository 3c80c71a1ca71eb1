/** What one target's linear study takes and gives, shared by the Gaussian and the binomial study. */
import type { AbortSignalLike } from '../linear/ols.js';
import type { ColumnData, DesignSpec } from '../linear/design-spec.js';
import type { TransformName } from '../transforms/target-transform.js';
import type { LinearTargetResult } from '../../../src-shared/api/linear-result.js';
import type { Warning } from '../../../src-shared/api/results.js';
import type { LinearCandidateName } from './learners.js';

export interface StudyOptions {
  model: string;
  intercept: boolean;
  standardize: boolean;
  transform: TransformName | 'auto';
  models: readonly LinearCandidateName[];
  metric: 'mae' | 'rmse';
  preferOlsWithin: number;
  outerSplits: number;
  innerSplits: number;
  seed: number;
}

export interface StudyRows {
  /** Complete rows only: the target (original units) and every feature present. */
  y: Float64Array;
  data: ColumnData;
  n: number;
  /** Spreadsheet row number of each row (header = 1). */
  rowNumbers: number[];
}

export interface StudyInput {
  target: string;
  features: string[];
  train: StudyRows;
  /** Held-out rows scored once at the end (train_test_split > 0). */
  test: StudyRows | null;
  /** Rows left out for missing values (reported, never filled in). */
  nDropped: number;
  options: StudyOptions;
  signal?: AbortSignalLike;
  onProgress?: (fraction: number, stage: string) => void;
}

/** The final model in a form the calculator workbook and the `prediction` job can evaluate. */
export interface FinalLinearModel {
  target: string;
  family: 'gaussian' | 'binomial';
  spec: DesignSpec;
  /** One per term of spec (aliased terms 0), for the spec's coding. */
  coefficients: number[];
  transform: { name: TransformName; lambda: number | null; shift: number };
  features: string[];
  ranges: Record<string, { min: number; max: number }>;
}

export interface StudyOutput {
  result: LinearTargetResult;
  model: FinalLinearModel;
  warnings: Warning[];
}
