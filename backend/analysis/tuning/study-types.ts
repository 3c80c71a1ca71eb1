/**
 * The vocabulary shared by the study, the sampler and the pruner, kept apart so the pruner needs no study.
 *
 * Glossary:
 * - trial: one evaluation of the objective at one set of parameters; its id is its number in ask order (0, 1, …).
 * - running: asked, not yet told. complete: told a value. pruned: stopped early by the pruner (or the caller).
 *   failed: the objective threw or returned NaN; ignored by the sampler and the pruner.
 * - intermediate value: a value reported at an integer step ≥ 0 while the trial runs (e.g. after each fold).
 */
import type { Params } from './search-space.js';

export type Direction = 'minimize' | 'maximize';

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

export interface FrozenTrial {
  readonly id: number;
  readonly params: Readonly<Params>;
  readonly state: TrialState;
  /** The objective value of a complete trial, else null. */
  readonly value: number | null;
  /** step → value, in report order; the first report at a step wins. */
  readonly intermediateValues: ReadonlyMap<number, number>;
}
