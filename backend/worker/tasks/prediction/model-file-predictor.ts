/** Turns a `zerosec-model` file (nonlinear and classification jobs) into a Predictor whose numbers are the saved pipeline's own, bit for bit, with the uncertainty and classification extras the file allows. */
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import { loadModelFile } from '../../../analysis/learners/model-pipeline.js';
import { predictWithUncertainty, uncertaintyOf } from '../../../analysis/learners/prediction-uncertainty.js';
import { makeTransform } from '../../../analysis/transforms/target-transform.js';
import { decisions, splitClassifierExtras } from './classifier-extras.js';
import type { ChunkValues, Predictor, PredictorOutput } from './predictor.js';

/**
 * Documented choices:
 * - regression with a target transform: predictions are mapped back through the exact inverse, as the pipeline
 *   does; the uncertainty is then not reported (a standard deviation on the transformed scale is not one in the
 *   target's units).
 * - classification: `value` is the model's own class (its predict); with a calibration in the file the
 *   probability is calibrated and, for two classes, the label follows the calibrated probability (> 0.5).
 * - OOD gate: applied to the model columns (one-hot encoded features) when its dimension matches them.
 */
export function modelFilePredictor(fileName: string, json: unknown): Predictor {
  const { file: raw, extras } = splitClassifierExtras(json);
  const pipeline = loadModelFile(raw);
  const model = pipeline.model;
  const target = pipeline.target;
  const t = target.transform;
  const inverse = t && t.name !== 'none' ? makeTransform(t.name, t.lambda, t.shift) : null;
  const kind = model.task === 'regression' ? 'regression' : 'classification';
  const uncertainty = kind === 'regression' && !inverse ? uncertaintyOf(model) : null;
  const gate = extras.ood && extras.ood.p === model.nFeatures ? extras.ood : null;
  const binary = model.task === 'binary';

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
    let probability: Float64Array;
    if (binary) {
      probability = extras.calibrate ? extras.calibrate(proba) : proba;
      if (extras.calibrate) value = Float64Array.from(probability, (p) => (p > 0.5 ? 1 : 0));
    } else {
      probability = Float64Array.from(value, (k, i) => proba[k * n + i]!);
    }
    const ood = gate ? gate.flags(x, n) : null;
    const decision = binary && extras.thresholds ? decisions(probability, extras.thresholds, ood) : null;
    return { value, sd: null, probability, decision, ood };
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
    calibrated: binary && extras.calibrate !== null,
    thresholds: binary ? extras.thresholds : null,
    hasOod: gate !== null,
    predict,
  };
}
