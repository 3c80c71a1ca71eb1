/** Test helper: typed access to gbdt-datasets.json and gbdt-reference.json, the data, folds and XGBoost scores written by generate-gbdt-reference.py. */
import datasets from './gbdt-datasets.json' with { type: 'json' };
import reference from './gbdt-reference.json' with { type: 'json' };

export interface GbdtDataset {
  task: 'regression' | 'binary';
  n: number;
  p: number;
  /** x_columns[j][i] = row i, feature j. */
  x_columns: number[][];
  y: number[];
  /** fold[i] ∈ 0..4: the fold in which row i is held out (KFold(5, shuffle=True, random_state=0)). */
  fold: number[];
}

export interface GbdtReferenceResult {
  metric: 'r2' | 'auc';
  /** XGBoost's score on each held-out fold. */
  fold_scores: number[];
  mean: number;
  /** Score of the pooled out-of-fold predictions. */
  pooled: number;
}

export interface GbdtReference {
  versions: Record<string, string>;
  n_rounds: number;
  xgboost_params: Record<string, string | number>;
  results: Record<string, GbdtReferenceResult>;
}

export const gbdtDatasets = datasets as unknown as Record<'diabetes' | 'breast_cancer' | 'friedman1', GbdtDataset>;
export const gbdtReference = reference as unknown as GbdtReference;
