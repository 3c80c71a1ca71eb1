/**
 * The `optimization` (design of experiments) result body: the chosen runs, how good the design is by every usual
 * criterion, and the data for the plots (scatter matrix, PCA projection, fraction-of-design-space curve).
 */
import { z } from 'zod';

const num = z.number().nullable();
const Cell = z.union([z.number(), z.string(), z.null()]);

export const DesignRun = z.strictObject({
  /** Run number in the (possibly randomised) run order, from 1. */
  run: z.number().int(),
  source: z.enum(['existing', 'new']),
  /** Row of the candidate set (0-based) the run came from; null for an existing run matched to no candidate. */
  candidate_index: z.number().int().nullable(),
  values: z.record(z.string(), Cell),
});

export const OptimizationBody = z.strictObject({
  criterion: z.enum(['D', 'I', 'A', 'D_then_I']),
  algorithm: z.enum(['fedorov', 'coordinate']),
  model: z.string(),
  terms: z.array(z.string()),
  factors: z.array(z.string()),
  /** How each numeric factor was coded: coded = (x − center) / scale. */
  coding: z.record(z.string(), z.strictObject({ center: z.number(), scale: z.number() })),
  n_candidates: z.number().int(),
  n_existing: z.number().int(),
  n_new: z.number().int(),
  runs: z.array(DesignRun),
  criteria: z.strictObject({
    log_det: num,
    /** 100 · det(M)^(1/p) / N-free form: |XᵀX/N|^(1/p) relative to an orthogonal ±1 design. */
    d_efficiency: num,
    /** trace((XᵀX)⁻¹). */
    a: num,
    /** Average prediction variance over the candidate region (moment matrix), unscaled. */
    i: num,
    /** 100 · p / (N · max prediction variance over the candidates). */
    g_efficiency: num,
  }),
  vif: z.array(z.strictObject({ term: z.string(), vif: num })),
  correlation: z.strictObject({ terms: z.array(z.string()), matrix: z.array(z.array(num)) }),
  /** Fraction of design space: sorted prediction variances at sampled candidates, with their quantiles. */
  fds: z.strictObject({ fraction: z.array(z.number()), variance: z.array(num) }),
  /** First two principal components of the coded factors: a sample of the candidates, the existing and the new runs. */
  projection: z.strictObject({
    explained: z.array(z.number()),
    candidates: z.array(z.tuple([z.number(), z.number()])),
    existing: z.array(z.tuple([z.number(), z.number()])),
    selected: z.array(z.tuple([z.number(), z.number()])),
  }),
  starts: z.number().int(),
  best_start: z.number().int(),
});
export type OptimizationBody = z.infer<typeof OptimizationBody>;
