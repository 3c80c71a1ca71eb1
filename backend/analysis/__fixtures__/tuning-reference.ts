/** Test helper: typed access to tuning-reference.json, the Optuna 3.1 values written by generate-tuning-reference.py. */
import reference from './tuning-reference.json' with { type: 'json' };

export type ParzenCase = 'float' | 'float-log' | 'float-step' | 'int' | 'int-step' | 'int-log' | 'categorical';

export interface TuningReference {
  versions: Record<string, string>;
  n_trials: number;
  n_seeds: number;
  /**
   * Optuna's _ParzenEstimator on fixed observations (external values; category indices) and its log_pdf at
   * `points`; `log_pdf_stable_sort` with a stable sort of the centres (differs only for tied centres).
   */
  parzen: { case: ParzenCase; observations: number[]; points: number[]; log_pdf: number[]; log_pdf_stable_sort: number[] }[];
  /** Median over seeds of the best value after n_trials, Optuna's TPE and random samplers. */
  studies: Record<string, { tpe: number; random: number }>;
}

export function loadTuningReference(): TuningReference {
  return reference as unknown as TuningReference;
}
