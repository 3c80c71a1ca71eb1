/**
 * Turns the linear job's `linear-model.json` (format `zerosec-linear-model`: one FinalLinearModel per target) into
 * Predictors that repeat the linear job's own arithmetic — the same design columns (design-spec.ts: coding,
 * powers, interactions, text levels), the same order of additions as its fitted values, the same inverse target
 * transform — so predictions on the training rows equal the job's fitted values.
 */
import { z } from 'zod';
import { TRANSFORM_NAMES, makeTransform } from '../../../analysis/transforms/target-transform.js';
import { buildDesign, type ColumnData, type DesignSpec } from '../../../analysis/linear/design-spec.js';
import { sigmoid } from '../../../analysis/regularized/logistic.js';
import { INTERCEPT_TERM } from '../../../analysis/linear/ols.js';
import { MODEL_FILE_FORMAT } from '../linear/linear-outputs.js';
import type { ChunkValues, FeatureNeed, Predictor } from './predictor.js';

const Factor = z.union([
  z.strictObject({ kind: z.literal('numeric'), column: z.string(), power: z.number().int().min(1) }),
  z.strictObject({ kind: z.literal('level'), column: z.string(), level: z.string() }),
]);
const LinearModelEntry = z.looseObject({
  target: z.string().min(1),
  family: z.enum(['gaussian', 'binomial']),
  spec: z.strictObject({
    terms: z.array(z.strictObject({ name: z.string(), factors: z.array(Factor) })).min(1),
    coding: z.record(z.string(), z.strictObject({ center: z.number(), scale: z.number() })).nullable(),
    categorical: z.record(
      z.string(),
      z.strictObject({ levels: z.array(z.string()).min(1), reference: z.string() }),
    ),
  }),
  coefficients: z.array(z.number()),
  transform: z.strictObject({
    name: z.enum(TRANSFORM_NAMES),
    lambda: z.number().nullable(),
    shift: z.number(),
  }),
  features: z.array(z.string()),
  ranges: z.record(z.string(), z.strictObject({ min: z.number().nullable(), max: z.number().nullable() })),
});
export const LinearModelFile = z.looseObject({
  format: z.literal(MODEL_FILE_FORMAT),
  version: z.literal(1),
  models: z.array(LinearModelEntry).min(1),
});
type Entry = z.output<typeof LinearModelEntry>;

/** The base columns the model's terms read, in first-use order, numeric or text. */
function featureNeeds(m: Entry): FeatureNeed[] {
  const seen = new Map<string, FeatureNeed>();
  for (const term of m.spec.terms) {
    for (const f of term.factors) {
      if (seen.has(f.column)) continue;
      const cat = Object.hasOwn(m.spec.categorical, f.column) ? m.spec.categorical[f.column]! : null;
      const range = Object.hasOwn(m.ranges, f.column) ? m.ranges[f.column]! : null;
      seen.set(
        f.column,
        cat
          ? { name: f.column, type: 'categorical', categories: [...cat.levels], min: null, max: null }
          : {
              name: f.column,
              type: 'numeric',
              categories: null,
              min: range?.min ?? null,
              max: range?.max ?? null,
            },
      );
    }
  }
  return [...seen.values()];
}

function linearPredictor(fileName: string, m: Entry): Predictor {
  const spec = m.spec as DesignSpec;
  const p = spec.terms.length;
  if (m.coefficients.length !== p)
    throw new Error(`${fileName}: ${m.target} has ${m.coefficients.length} coefficients for ${p} terms`);
  const features = featureNeeds(m);
  const intercept = spec.terms[0]!.name === INTERCEPT_TERM && spec.terms[0]!.factors.length === 0;
  const transform =
    m.transform.name === 'none'
      ? null
      : makeTransform(m.transform.name, m.transform.lambda, m.transform.shift);
  const binomial = m.family === 'binomial';

  return {
    target: m.target,
    fileName,
    learner: binomial ? 'logistic' : 'linear',
    kind: binomial ? 'classification' : 'regression',
    classes: binomial ? ['0', '1'] : null,
    features,
    acceptsMissing: false,
    uncertainty: null,
    calibrated: false,
    thresholds: null,
    hasOod: false,
    predict(values: ChunkValues, n: number) {
      const data: ColumnData = { numeric: {}, text: {} };
      for (const f of features) {
        const v = values[f.name]!;
        if (f.type === 'numeric') data.numeric[f.name] = v as Float64Array;
        else data.text[f.name] = v as (string | null)[];
      }
      const design = buildDesign(spec, data, n);
      // As LinearModel.predict / predictLinear: start from the intercept, add b·x per term in order, skip b = 0.
      const eta = new Float64Array(n).fill(intercept ? m.coefficients[0]! : 0);
      for (let j = intercept ? 1 : 0; j < p; j++) {
        const b = m.coefficients[j]!;
        if (b === 0) continue;
        const o = j * n;
        for (let i = 0; i < n; i++) eta[i]! += b * design[o + i]!;
      }
      if (!binomial)
        return {
          value: transform ? transform.inverse(eta) : eta,
          sd: null,
          probability: null,
          decision: null,
          ood: null,
        };
      const probability = eta.map(sigmoid);
      const value = probability.map((q) => (q > 0.5 ? 1 : 0));
      return { value, sd: null, probability, decision: null, ood: null };
    },
  };
}

/** One Predictor per target of a linear-model.json (text or parsed). Throws Error naming the problem. */
export function linearModelPredictors(fileName: string, json: unknown): Predictor[] {
  const parsed = LinearModelFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${fileName}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data.models.map((m) => linearPredictor(fileName, m));
}
