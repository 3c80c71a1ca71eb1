/**
 * One continuous target: model terms, honest model choice by nested cross-validation (OLS, Ridge, Lasso,
 * ElasticNet; target transform fitted inside the folds), the final refit on all rows, OLS inference and
 * diagnostics, and per-row values for the parity and residual plots.
 */
import { buildDesign, termSource, type DesignSpec } from '../linear/design-spec.js';
import { fitOls, type OlsResult } from '../linear/ols.js';
import { olsDiagnostics } from '../linear/ols-diagnostics.js';
import { nestedCrossValidation, selectFinal } from '../model-selection/nested-cv.js';
import { mae, r2, rmse } from '../model-selection/metrics.js';
import type { LinearModel } from '../model-selection/learner.js';
import { linearCandidates, type PenaltyParams } from './learners.js';
import { finite, numericRanges, studyDesign, withoutIntercept } from './study-shared.js';
import { linearEquation } from './equation.js';
import type { StudyInput, StudyOutput } from './study-types.js';
import type { CoefficientRow, LinearTargetResult } from '../../../src-shared/api/linear-result.js';
import type { Warning } from '../../../src-shared/api/results.js';

const coefficientRows = (terms: string[], fit: OlsResult): CoefficientRow[] =>
  fit.coefficients.map((c, k) => ({ ...c, term: terms[k]! }));

/** Rows without inference: the penalised models have no valid standard errors. */
const estimateRows = (terms: string[], b: number[]): CoefficientRow[] =>
  terms.map((term, k) => ({
    term,
    estimate: finite(b[k]),
    std_error: null,
    t: null,
    p: null,
    ci_low: null,
    ci_high: null,
  }));

export function gaussianStudy(input: StudyInput): StudyOutput {
  const { target, features, train, options: o } = input;
  const warnings: Warning[] = [];
  const progress = input.onProgress ?? (() => undefined);
  const n = train.n;

  const { spec, terms, design, x, p, intercept } = studyDesign(input);
  const candidates = linearCandidates(o.models, x, train.y, n, p, intercept);
  const preferWithin =
    o.preferOlsWithin > 0 && o.models.includes('ols')
      ? { candidate: 'ols', fraction: o.preferOlsWithin }
      : undefined;
  const selection = {
    x,
    y: train.y,
    n,
    p,
    candidates,
    innerSplits: o.innerSplits,
    metric: o.metric,
    seed: o.seed,
    transform: o.transform,
    preferWithin,
    signal: input.signal,
  };

  const nested = nestedCrossValidation({
    ...selection,
    outerSplits: o.outerSplits,
    onProgress: (f) => progress(0.75 * f, 'cross_validating'),
  });
  const final = selectFinal({ ...selection, onProgress: (f) => progress(0.75 + 0.15 * f, 'final_fit') });
  const params = final.params as PenaltyParams;
  const raw = final.rawModel as LinearModel;
  const b = [...(intercept ? [raw.intercept] : []), ...raw.coefficients];
  const fitted = final.model.predict(x, n, p);

  // OLS inference and diagnostics on the final transform's scale (they describe the terms, whichever model won).
  const z = final.fittedTransform.forward(train.y);
  const olsInput = { n, p: terms.length, x: design, y: z, terms, hasIntercept: intercept };
  const ols = fitOls(olsInput, { signal: input.signal });
  const diag = olsDiagnostics(olsInput, ols, { sources: spec.terms.map(termSource) });
  progress(0.95, 'diagnostics');

  const isOls = final.candidate === 'ols';
  const coded = isOls ? coefficientRows(terms, ols) : estimateRows(terms, b);
  let coefficients = coded;
  if (o.standardize) {
    // Original units: the same model on the uncoded design (identical fit for hierarchical term sets).
    const rawSpec: DesignSpec = { ...spec, coding: null };
    const rawDesign = buildDesign(rawSpec, train.data, n);
    if (isOls)
      coefficients = coefficientRows(terms, fitOls({ ...olsInput, x: rawDesign }, { signal: input.signal }));
    else {
      const r = withoutIntercept(rawDesign, terms, n);
      const m = candidates[final.candidateIndex]!.learner.fit(r.x, z, n, r.p, params) as LinearModel;
      coefficients = estimateRows(terms, [...(intercept ? [m.intercept] : []), ...m.coefficients]);
    }
  }
  if (ols.aliasedTerms.length > 0) {
    warnings.push({
      code: 'aliased_terms',
      message: `${target}: these terms are linear combinations of others and were left out: ${ols.aliasedTerms.join(', ')}.`,
      details: { target, terms: ols.aliasedTerms },
    });
  }

  const metrics: Record<string, number | null> = {
    in_sample_r2: finite(r2(train.y, fitted)),
    in_sample_rmse: finite(rmse(train.y, fitted)),
    in_sample_mae: finite(mae(train.y, fitted)),
    in_sample_adj_r2: isOls && final.transform.name === 'none' ? ols.adjR2 : null,
    residual_std_error: ols.residualStdError,
    f_statistic: ols.fStatistic,
    f_p_value: ols.fPValue,
    log_likelihood: diag.logLikelihood,
    aic: diag.aic,
    bic: diag.bic,
    oof_r2: finite(nested.metrics.r2),
    oof_rmse: finite(nested.metrics.rmse),
    oof_mae: finite(nested.metrics.mae),
  };
  if (input.test) {
    const testDesign = withoutIntercept(
      buildDesign(spec, input.test.data, input.test.n),
      terms,
      input.test.n,
    );
    const predicted = final.model.predict(testDesign.x, input.test.n, testDesign.p);
    metrics.test_r2 = finite(r2(input.test.y, predicted));
    metrics.test_rmse = finite(rmse(input.test.y, predicted));
    metrics.test_mae = finite(mae(input.test.y, predicted));
  }

  const bestParams = (k: number): PenaltyParams => {
    const scores = final.scores[k]!;
    return candidates[k]!.grid[scores.best]!;
  };
  const result: LinearTargetResult = {
    target,
    family: 'gaussian',
    features,
    terms,
    n,
    n_dropped: input.nDropped,
    transform: {
      name: final.transform.name,
      lambda: final.transform.lambda,
      shift: final.transform.shift,
      chosen_by: final.transform.chosenBy,
    },
    selected: {
      model: final.candidate as LinearTargetResult['selected']['model'],
      alpha: isOls ? null : params.alpha,
      l1_ratio: params.l1Ratio,
      reason: final.reason,
    },
    candidates: nested.candidates.map((c, k) => ({
      model: c.candidate as LinearTargetResult['selected']['model'],
      alpha: c.candidate === 'ols' ? null : bestParams(k).alpha,
      l1_ratio: bestParams(k).l1Ratio,
      oof_mae: finite(c.mae),
      oof_rmse: finite(c.rmse),
      oof_r2: finite(c.r2),
      oof_mae_sd: finite(c.maeSd),
    })),
    coefficients,
    coefficients_coded: o.standardize ? coded : [],
    standardized_coefficients: diag.standardizedCoefficients,
    vif: diag.vif,
    aliased_terms: ols.aliasedTerms,
    anova: diag.anova,
    metrics,
    equation: linearEquation(target, coefficients, final.transform),
    rows: train.rowNumbers.map((row, i) => ({
      row,
      actual: train.y[i]!,
      fitted: finite(fitted[i]),
      oof_predicted: finite(nested.oofPredictions[i]),
      residual: finite(train.y[i]! - fitted[i]!),
      studentized_residual: diag.studentizedResiduals[i] ?? null,
      leverage: diag.leverage[i] ?? null,
      cooks_distance: diag.cooksDistance[i] ?? null,
    })),
  };
  const calculatorCoefficients = (o.standardize ? coded : coefficients).map((c) => c.estimate ?? 0);
  return {
    result,
    warnings,
    model: {
      target,
      family: 'gaussian',
      spec,
      coefficients: calculatorCoefficients,
      transform: { name: final.transform.name, lambda: final.transform.lambda, shift: final.transform.shift },
      features,
      ranges: numericRanges(train.data),
    },
  };
}
