/** Turns a `zerosec-model` file (nonlinear and classification jobs) into a Predictor whose numbers are the saved pipeline's own, bit for bit, with the uncertainty and classification extras the file allows. */
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import { loadModelFile } from '../../../analysis/learners/model-pipeline.js';
import { predictWithUncertainty, uncertaintyOf } from '../../../analysis/learners/prediction-uncertainty.js';
import { makeTransform } from '../../../analysis/transforms/target-transform.js';
import {
  classifyRows,
  restoreClassificationBlock,
} from '../../../analysis/classification/classification-block.js';
import type { ChunkValues, Predictor, PredictorOutput } from './predictor.js';

/**
 * Documented choices:
 * - regression with a target transform: predictions are mapped back through the exact inverse, as the pipeline
 *   does; the uncertainty is then not reported (a standard deviation on the transformed scale is not one in the
 *   target's units).
 * - classification: `value` is the model's own class (its predict). A binary model from a classification job
 *   carries a classification block (src-shared/models/classification-block.ts): the probability is then calibrated,
 *   the label follows the calibrated probability (> 0.5), the three-way decision uses its thresholds, and its OOD
 *   gate (on the numeric features it names) sends unusual rows to gray.
 */
export function modelFilePredictor(fileName: string, json: unknown): Predictor {
  const pipeline = loadModelFile(json);
  const model = pipeline.model;
  const target = pipeline.target;
  const t = target.transform;
  const inverse = t && t.name !== 'none' ? makeTransform(t.name, t.lambda, t.shift) : null;
  const kind = model.task === 'regression' ? 'regression' : 'classification';
  const uncertainty = kind === 'regression' && !inverse ? uncertaintyOf(model) : null;
  const binary = model.task === 'binary';
  const block =
    binary && pipeline.classification ? restoreClassificationBlock(pipeline.classification) : null;

  const predict = (values: ChunkValues, n: number): PredictorOutput => {
    const x = pipeline.encode(values, n);
    if (kind === 'regression') {
      if (uncertainty) {
        const r = predictWithUncertainty(model, x, n);
        return { value: r.mean, sd: r.sd, probability: null, decision: null, ood: null };
      }
      const raw = model.predict(x, n);
      return {
        value: inverse ? inverse.inverse(raw) : raw,
        sd: null,
        probability: null,
        decision: null,
        ood: null,
      };
    }
    let value = model.predict(x, n);
    const proba = model.predictProba(x, n);
    if (block) {
      const numeric: Record<string, Float64Array> = {};
      for (const name of block.gateColumns) {
        const v = values[name];
        numeric[name] = v instanceof Float64Array ? v : new Float64Array(n).fill(Number.NaN);
      }
      const r = classifyRows(block, proba, numeric);
      value = Float64Array.from(r.probability, (p) => (p > 0.5 ? 1 : 0));
      return { value, sd: null, probability: r.probability, decision: r.decision, ood: r.ood };
    }
    const probability = binary ? proba : Float64Array.from(value, (k, i) => proba[k * n + i]!);
    return { value, sd: null, probability, decision: null, ood: null };
  };

  return {
    target: target.name,
    fileName,
    learner: model.learner,
    kind,
    classes: target.classes ? [...target.classes] : null,
    features: pipeline.features.map((f) => ({
      name: f.name,
      type: f.type,
      categories: f.categories ? [...f.categories] : null,
      min: f.min,
      max: f.max,
    })),
    acceptsMissing: learnerByName(model.learner).missingValues !== 'error',
    uncertainty,
    calibrated: block !== null,
    thresholds: block ? { tau_pos: block.tauPos, tau_neg: block.tauNeg } : null,
    hasOod: block?.gate != null,
    predict,
  };
}
