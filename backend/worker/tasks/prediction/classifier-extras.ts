/**
 * The hook for what a classification model file may carry beyond the model: probability calibration, the
 * three-way thresholds and the out-of-distribution gate, in the JSON forms the engine's own objects write
 * (analysis/classification: PlattCalibrator / IsotonicCalibrator.toJSON, OodGate.toJSON) under the top-level keys
 * `calibration`, `thresholds` ({tau_pos, tau_neg} as in the classification result) and `ood`. The keys are taken
 * off before the file is checked against the `zerosec-model` schema, so files with and without them load; when
 * the classification job writes them, predictions use them with no change here.
 */
import { z } from 'zod';
import { plattCalibrator } from '../../../analysis/classification/platt-scaling.js';
import { isotonicCalibrator } from '../../../analysis/classification/isotonic-regression.js';
import { oodGateFrom, type OodGate } from '../../../analysis/classification/ood-gate.js';
import { threeWayLabel } from '../../../analysis/classification/neyman-pearson.js';

const Calibration = z.union([
  z.strictObject({ method: z.literal('sigmoid'), a: z.number(), b: z.number() }),
  z.strictObject({
    method: z.literal('isotonic'),
    xThresholds: z.array(z.number()).min(1),
    yThresholds: z.array(z.number()).min(1),
  }),
]);
const Thresholds = z.strictObject({ tau_pos: z.number(), tau_neg: z.number() });
const Ood = z.looseObject({
  kind: z.literal('ood-gate'),
  version: z.literal(1),
  location: z.array(z.number()).min(1),
  covariance: z.array(z.number()).min(1),
  quantile: z.number(),
});
const Extras = z.strictObject({
  calibration: Calibration.optional(),
  thresholds: Thresholds.optional(),
  ood: Ood.optional(),
});

export interface ClassifierExtras {
  calibrate: ((p: Float64Array) => Float64Array) | null;
  thresholds: { tau_pos: number; tau_neg: number } | null;
  ood: OodGate | null;
}

/** Splits the extras off a parsed model file object; throws Error naming the bad key. Pure. */
export function splitClassifierExtras(raw: unknown): { file: unknown; extras: ClassifierExtras } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { file: raw, extras: { calibrate: null, thresholds: null, ood: null } };
  const { calibration, thresholds, ood, ...file } = raw as Record<string, unknown>;
  const parsed = Extras.safeParse({ calibration, thresholds, ood });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`model file: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  let calibrate: ClassifierExtras['calibrate'] = null;
  if (e.calibration?.method === 'sigmoid') {
    const c = plattCalibrator(e.calibration.a, e.calibration.b);
    calibrate = (p) => c.predict(p);
  } else if (e.calibration?.method === 'isotonic') {
    const c = isotonicCalibrator(
      Float64Array.from(e.calibration.xThresholds),
      Float64Array.from(e.calibration.yThresholds),
    );
    calibrate = (p) => c.predict(p);
  }
  const gate = e.ood
    ? oodGateFrom(Float64Array.from(e.ood.location), Float64Array.from(e.ood.covariance), e.ood.quantile)
    : null;
  return { file, extras: { calibrate, thresholds: e.thresholds ?? null, ood: gate } };
}

/** 1 / 0 / −1 (gray) per row from the probability; rows the gate flagged (`ood` 1) go to gray. Pure. */
export function decisions(
  probability: Float64Array,
  thresholds: { tau_pos: number; tau_neg: number },
  ood: Uint8Array | null,
): Int8Array {
  const out = new Int8Array(probability.length);
  for (let i = 0; i < out.length; i++)
    out[i] = ood?.[i] === 1 ? -1 : threeWayLabel(probability[i]!, thresholds.tau_pos, thresholds.tau_neg);
  return out;
}
