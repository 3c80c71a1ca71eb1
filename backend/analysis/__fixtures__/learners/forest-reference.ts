/** Test helper: typed access to forest-reference.json (scikit-learn random-forest CV scores from generate-forest-reference.py) and to the data and folds it was computed on, which live in gbdt-datasets.json. */
import datasets from './gbdt-datasets.json' with { type: 'json' };
import reference from './forest-reference.json' with { type: 'json' };

export type ForestDatasetName = 'diabetes' | 'breast_cancer' | 'friedman1';

export interface ForestDataset {
  task: 'regression' | 'binary';
  n: number;
  p: number;
  /** x_columns[j][i] = row i, feature j. */
  x_columns: number[][];
  y: number[];
  /** fold[i] ∈ 0..4: the fold in which row i is held out (KFold(5, shuffle=True, random_state=0)). */
  fold: number[];
}

export interface ForestReferenceResult {
  metric: 'r2' | 'auc';
  /** scikit-learn's score on each held-out fold (random_state=0). */
  fold_scores: number[];
  mean: number;
  /** The mean over folds for random_state 0..4: scikit-learn's own seed-to-seed spread. */
  seed_means: number[];
}

export interface ForestReference {
  versions: Record<string, string>;
  n_trees: number;
  results: Record<ForestDatasetName, ForestReferenceResult>;
}

export const forestDatasets = datasets as unknown as Record<ForestDatasetName, ForestDataset>;
export const forestReference = reference as unknown as ForestReference;
