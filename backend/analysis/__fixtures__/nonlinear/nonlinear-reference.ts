/** Test helper: typed access to nonlinear-reference.json (scikit-learn + XGBoost + Optuna nested CV, generate-nonlinear-reference.py). */
import reference from './nonlinear-reference.json' with { type: 'json' };

export interface NonlinearReference {
  versions: Record<string, string>;
  settings: { models: string[]; inner: number; n_trials: number; seed: number };
  results: Record<'diabetes' | 'friedman1', { oof_r2: number; chosen: string[]; seconds: number }>;
}

export const nonlinearReference = reference as unknown as NonlinearReference;
