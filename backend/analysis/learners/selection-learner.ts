/** Lets the nested cross-validation of the linear study (model-selection/) search any registry learner, by adapting the common interface to its older, smaller Learner contract. */
import type { Candidate, FittedModel, Learner } from '../model-selection/learner.js';
import type { LearnerModel } from './learner-model.js';
import { learnerByName } from './learner-registry.js';

/**
 * Why an adapter rather than one contract: model-selection's `Learner.fit(x, y, n, p, params)` returns a
 * `FittedModel` whose `predict(x, n, p)` answers in y's units, and the linear study reads `LinearModel`'s
 * intercept and coefficients directly for its equations; the common `LearnerModel` adds task, probabilities,
 * explanations and JSON, which nested CV does not need. Converging the two would mean rewriting the linear study
 * (not this module's area), so this adapter is the bridge: a registry learner becomes a model-selection learner
 * whose predictions are `predict` (regression) or P(y = 1) (binary, so the CV can score AUC or log-loss).
 */

/** The registry learner `name` (aliases allowed) as a model-selection Learner; params are its registry params. */
export function selectionLearner(name: string): Learner<Record<string, unknown>> {
  const def = learnerByName(name);
  return {
    name: def.name,
    fit(x, y, n, p, params): FittedModel {
      const model: LearnerModel = def.fit(x, y, n, p, params);
      return {
        predict(xs, m, ps) {
          if (ps !== model.nFeatures)
            throw new RangeError(`${def.name}: fitted on ${model.nFeatures} columns, got ${ps}`);
          return model.task === 'regression' ? model.predict(xs, m) : model.predictProba(xs, m);
        },
      };
    },
  };
}

/** A candidate for nested CV: the learner and the parameter sets to search (default: its defaults only). */
export function selectionCandidate(
  name: string,
  grid: Record<string, unknown>[] = [{}],
): Candidate<Record<string, unknown>> {
  return { learner: selectionLearner(name), grid };
}
