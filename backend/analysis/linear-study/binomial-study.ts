/**
 * One 0/1 target (バリ除去, OK/NG): logistic regression with Wald inference, and its out-of-fold skill from plain
 * k-fold cross-validation (the unpenalised model has no hyperparameter to tune, so no inner loop is needed).
 * Perfectly separated data has no finite maximum-likelihood fit; the study then uses an L2 penalty (C = 1) and
 * says so.
 */
import { buildDesign } from '../linear/design-spec.js';
import { fitOls } from '../linear/ols.js';
import { olsDiagnostics } from '../linear/ols-diagnostics.js';
import { fitLogistic, predictProbabilities, type LogisticFit } from '../regularized/logistic.js';
import { ConvergenceError } from '../regularized/convergence-error.js';
import { accuracy, logLoss, rocAuc } from '../model-selection/metrics.js';
import { foldSplit, kFold } from '../model-selection/k-fold.js';
import { selectRows, selectValues } from '../model-selection/learner.js';
import { createRng } from '../random/rng.js';
import { finite, numericRanges, studyDesign, withoutIntercept } from './study-shared.js';
import type { StudyInput, StudyOutput } from './study-types.js';
import type { CoefficientRow, LinearTargetResult } from '../../../src-shared/api/linear-result.js';
import type { Warning } from '../../../src-shared/api/results.js';

type Fitter = (x: Float64Array, y: Float64Array, n: number, p: number) => LogisticFit;

export function binomialStudy(input: StudyInput): StudyOutput {
  const { target, features, train, options: o } = input;
  const warnings: Warning[] = [];
  const progress = input.onProgress ?? (() => undefined);
  const n = train.n;
  const { spec, terms, design, x, p, intercept } = studyDesign(input);
  const ctx = { signal: input.signal };

  let penalised = false;
  const unpenalised: Fitter = (xs, ys, m, q) =>
    fitLogistic(xs, ys, m, q, { penalty: 'none', fitIntercept: intercept }, ctx);
  const ridge: Fitter = (xs, ys, m, q) =>
    fitLogistic(xs, ys, m, q, { penalty: 'l2', C: 1, fitIntercept: intercept }, ctx);
  let fitter: Fitter = unpenalised;
  let fit: LogisticFit;
  try {
    fit = unpenalised(x, train.y, n, p);
  } catch (e) {
    if (!(e instanceof ConvergenceError)) throw e;
    penalised = true;
    fitter = ridge;
    fit = ridge(x, train.y, n, p);
    warnings.push({
      code: 'separation',
      message: `${target}: the classes are (almost) perfectly separated, so the plain logistic fit does not exist; an L2 penalty (C = 1) was used and no p-values are given.`,
      details: { target },
    });
  }
  progress(0.3, 'cross_validating');

  // Out-of-fold probabilities: each fold's rows predicted by a model fitted without them.
  const foldOf = kFold(n, o.outerSplits, createRng(o.seed));
  const oof = new Float64Array(n);
  for (let f = 0; f < o.outerSplits; f++) {
    const split = foldSplit(foldOf, f);
    let foldFit: LogisticFit;
    const xTrain = selectRows(x, n, p, split.train);
    const yTrain = selectValues(train.y, split.train);
    try {
      foldFit = fitter(xTrain, yTrain, split.train.length, p);
    } catch (e) {
      if (!(e instanceof ConvergenceError)) throw e;
      foldFit = ridge(xTrain, yTrain, split.train.length, p);
    }
    const probs = predictProbabilities(foldFit, selectRows(x, n, p, split.test), split.test.length, p);
    split.test.forEach((row, k) => (oof[row] = probs[k]!));
    progress(0.3 + (0.6 * (f + 1)) / o.outerSplits, 'cross_validating');
  }
  const fitted = predictProbabilities(fit, x, n, p);

  const inf = fit.inference;
  const b = [...(intercept ? [fit.intercept] : []), ...fit.coefficients];
  const coefficients: CoefficientRow[] = terms.map((term, k) => {
    const se = inf && !penalised ? inf.standardErrors[k]! : null;
    return {
      term,
      estimate: finite(b[k]),
      std_error: finite(se),
      t: inf && !penalised ? finite(inf.z[k]) : null,
      p: inf && !penalised ? finite(inf.pValues[k]) : null,
      ci_low: se === null ? null : finite(b[k]! - 1.959963984540054 * se),
      ci_high: se === null ? null : finite(b[k]! + 1.959963984540054 * se),
    };
  });
  // VIF depends on the design only; the OLS fit here is a vehicle for it.
  const vif = olsDiagnostics(
    { n, p: terms.length, x: design, y: train.y, terms, hasIntercept: intercept },
    fitOls({ n, p: terms.length, x: design, y: train.y, terms, hasIntercept: intercept }),
  ).vif;

  const metrics: Record<string, number | null> = {
    in_sample_accuracy: finite(accuracy(train.y, fitted)),
    in_sample_roc_auc: finite(rocAuc(train.y, fitted)),
    in_sample_log_loss: finite(logLoss(train.y, fitted)),
    log_likelihood: inf ? finite(inf.logLikelihood) : null,
    oof_accuracy: finite(accuracy(train.y, oof)),
    oof_roc_auc: finite(rocAuc(train.y, oof)),
    oof_log_loss: finite(logLoss(train.y, oof)),
  };
  if (input.test) {
    const t = withoutIntercept(buildDesign(spec, input.test.data, input.test.n), terms, input.test.n);
    const probs = predictProbabilities(fit, t.x, input.test.n, t.p);
    metrics.test_accuracy = finite(accuracy(input.test.y, probs));
    metrics.test_roc_auc = finite(rocAuc(input.test.y, probs));
  }
  const rhs = coefficients
    .filter((c) => c.estimate !== null && c.estimate !== 0)
    .map((c) =>
      c.term === '(Intercept)'
        ? `${Number(c.estimate!.toPrecision(6))}`
        : `${Number(c.estimate!.toPrecision(6))}·${c.term}`,
    )
    .join(' + ')
    .replace(/\+ -/g, '− ');

  const result: LinearTargetResult = {
    target,
    family: 'binomial',
    features,
    terms,
    n,
    n_dropped: input.nDropped,
    transform: { name: 'none', lambda: null, shift: 0, chosen_by: 'user' },
    selected: {
      model: 'logistic',
      alpha: penalised ? 1 : null,
      l1_ratio: null,
      reason: penalised
        ? 'logistic regression with an L2 penalty (separated classes)'
        : 'logistic regression (maximum likelihood)',
    },
    candidates: [
      {
        model: 'logistic',
        alpha: penalised ? 1 : null,
        l1_ratio: null,
        oof_mae: null,
        oof_rmse: null,
        oof_r2: null,
        oof_mae_sd: null,
      },
    ],
    coefficients,
    coefficients_coded: [],
    standardized_coefficients: [],
    vif,
    aliased_terms: [],
    anova: [],
    metrics,
    equation: `P(${target} = 1) = 1 / (1 + exp(−z)),  z = ${rhs || '0'}`,
    rows: train.rowNumbers.map((row, i) => ({
      row,
      actual: train.y[i]!,
      fitted: finite(fitted[i]),
      oof_predicted: finite(oof[i]),
      residual: finite(train.y[i]! - fitted[i]!),
      studentized_residual: null,
      leverage: null,
      cooks_distance: null,
    })),
  };
  return {
    result,
    warnings,
    model: {
      target,
      family: 'binomial',
      spec,
      coefficients: b.map((v) => (Number.isFinite(v) ? v : 0)),
      transform: { name: 'none', lambda: null, shift: 0 },
      features,
      ranges: numericRanges(train.data),
    },
  };
}
