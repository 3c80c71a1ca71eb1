/**
 * The classification block of a model file: what turns a binary classifier's raw P(y = 1) into the job's
 * decision — calibration, the Neyman–Pearson thresholds and the out-of-distribution gate — so a prediction job
 * gives the same calibrated probability, P / N / gray verdict and OOD flag as the classification job reported.
 *
 * Glossary:
 * - raw probability: the model's P(target = positive_label) (`target.classes[1]`; `classes[0]` is negative).
 * - calibration: Platt ('sigmoid', p = 1 / (1 + exp(a·raw + b))) or isotonic (piecewise linear through
 *   (xThresholds, yThresholds), clipped at the ends) — the JSON the engine's calibrators write.
 * - thresholds on the calibrated probability p: P when p > tau_pos, else N when p < tau_neg, else gray.
 *   tau_pos = 1 means no positive verdict (infeasible: too few negatives for the guarantee), tau_neg = 0 no
 *   negative verdict; `guarantee` says which and with what α, β and confidence they were set.
 * - ood: a robust Mahalanobis gate on the numeric features `columns` (in that order); a row whose squared distance
 *   exceeds `thresholdSquared` (or has a missing value there) is out of distribution and its verdict is gray.
 * Versioned by `version`; the block is optional, so model files without it (regression, older files) still load.
 */
import { z } from 'zod';

export const CLASSIFICATION_BLOCK_VERSION = 1;

export const CalibrationJson = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('sigmoid'), a: z.number(), b: z.number() }),
  z.strictObject({
    method: z.literal('isotonic'),
    xThresholds: z.array(z.number()).min(1),
    yThresholds: z.array(z.number()).min(1),
  }),
]);
export type CalibrationJson = z.output<typeof CalibrationJson>;

export const OodGateBlock = z
  .strictObject({
    kind: z.literal('ood-gate'),
    version: z.literal(1),
    p: z.number().int().min(1),
    /** The numeric features the gate reads, in order (length p). */
    columns: z.array(z.string().min(1)).min(1),
    location: z.array(z.number()),
    /** p×p row-major. */
    covariance: z.array(z.number()),
    quantile: z.number().gt(0).lt(1),
    thresholdSquared: z.number().positive(),
  })
  .refine((g) => g.columns.length === g.p && g.location.length === g.p && g.covariance.length === g.p * g.p, {
    message: 'columns, location and covariance must have p, p and p×p entries',
  });
export type OodGateBlock = z.output<typeof OodGateBlock>;

export const ClassificationBlock = z
  .strictObject({
    version: z.literal(CLASSIFICATION_BLOCK_VERSION),
    positive_label: z.string(),
    negative_label: z.string(),
    calibration: CalibrationJson,
    thresholds: z.strictObject({ tau_pos: z.number().min(0).max(1), tau_neg: z.number().min(0).max(1) }),
    guarantee: z.strictObject({
      alpha: z.number().gt(0).lt(1),
      beta: z.number().gt(0).lt(1),
      confidence: z.number().gt(0).lt(1),
      tau_pos_feasible: z.boolean(),
      tau_neg_feasible: z.boolean(),
    }),
    ood: OodGateBlock.nullable(),
  })
  .refine(
    (c) =>
      c.calibration.method !== 'isotonic' ||
      c.calibration.xThresholds.length === c.calibration.yThresholds.length,
    { message: 'isotonic calibration needs as many yThresholds as xThresholds', path: ['calibration'] },
  );
export type ClassificationBlock = z.output<typeof ClassificationBlock>;
