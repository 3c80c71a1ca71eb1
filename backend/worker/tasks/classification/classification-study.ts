/**
 * The classifier study: tuned nested CV on ROC-AUC in which every outer fold also fits its own calibration,
 * Neyman–Pearson thresholds and OOD gate on its training rows only, then judges its test rows with them; the
 * final model is tuned, refitted and given its decision layer on all rows. Reported separately, as the CV
 * estimate describes the procedure and the final model is what the model file carries.
 */
import type { ClassificationBody } from '../../../../src-shared/api/classification-result.js';
import { classificationBlockOf } from '../../../analysis/classification/classification-block.js';
import {
  applyDecisionLayer,
  fitDecisionLayer,
  type DecisionLayer,
  type NumericColumns,
} from '../../../analysis/classification/decision-layer.js';
import { encodeFeatures, featureSpecsOf } from '../../../analysis/learners/feature-encoding.js';
import type { LearnerModel } from '../../../analysis/learners/learner-model.js';
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import { ModelPipeline, saveModelFile } from '../../../analysis/learners/model-pipeline.js';
import { tunableLearner } from '../../../analysis/learners/tunable-learner.js';
import { duplicateRowGroups } from '../../../analysis/model-selection/group-k-fold.js';
import { selectRows, selectValues } from '../../../analysis/model-selection/learner.js';
import { rocAuc } from '../../../analysis/model-selection/metrics.js';
import { brierScore } from '../../../analysis/classification/calibration-metrics.js';
import {
  binaryAucScoring,
  tunedNestedCv,
  type OuterFoldFit,
} from '../../../analysis/model-selection/tuned-nested-cv.js';
import { deriveSeed } from '../../../analysis/random/rng.js';
import type { ClassificationData } from './classification-inputs.js';
import { finiteOrNull, nullable, oofReport, scoresOf } from './classification-scores.js';
import { thresholdInfo, summariseFolds } from './classification-summary.js';

export interface ClassifierStudyOptions {
  models: readonly string[];
  outerSplits: number;
  innerSplits: number;
  nTrials: number;
  alpha: number;
  beta: number;
  confidence: number;
  oodQuantile: number;
  seed: number;
  modelFile: string;
  oofFile: string;
  grouping: ClassificationBody['grouping'];
  signal: AbortSignal;
  onProgress: (fraction: number, stage: string) => void;
}

/** Every row's OOF verdict, for oof-predictions.csv. */
export interface OofRows {
  fold: Int32Array;
  probability: Float64Array;
  decision: Int8Array;
  ood: Int8Array;
}

type Params = Record<string, string | number | boolean | null>;

function numericColumnsOf(data: ClassificationData): NumericColumns {
  const numeric = data.features.filter((f) => f.type === 'numeric');
  const x = new Float64Array(data.n * numeric.length);
  numeric.forEach((f, j) => x.set(f.values, j * data.n));
  return { names: numeric.map((f) => f.name), x, n: data.n };
}

const rowsOf = (c: NumericColumns, rows: Int32Array): NumericColumns => ({
  names: c.names,
  x: selectRows(c.x, c.n, c.names.length, rows),
  n: rows.length,
});

export function studyClassifier(
  data: ClassificationData,
  options: ClassifierStudyOptions,
): { body: ClassificationBody; modelFile: string; oof: OofRows } {
  const specs = featureSpecsOf(data.features, data.n);
  const needsComplete = options.models.some((m) => learnerByName(m).missingValues === 'error');
  const values = Object.fromEntries(data.features.map((f) => [f.name, f.values]));
  const { x } = encodeFeatures(specs, values, data.n, !needsComplete);
  const p = x.length / data.n;
  const numeric = numericColumnsOf(data);
  const { y, n } = data;
  const learners = [
    ...new Map(
      options.models.map((m) => {
        const l = tunableLearner(m, { task: 'binary', prune: true });
        return [l.name, l] as const;
      }),
    ).values(),
  ];
  const layerOf = (
    scores: Float64Array,
    labels: Float64Array,
    fold: Int32Array,
    num: NumericColumns,
    seed: number,
  ) =>
    fitDecisionLayer({
      scores,
      labels,
      fold,
      alpha: options.alpha,
      beta: options.beta,
      confidence: options.confidence,
      numeric: num,
      oodQuantile: options.oodQuantile,
      seed,
    });

  const oof: OofRows = {
    fold: new Int32Array(n),
    probability: new Float64Array(n).fill(Number.NaN),
    decision: new Int8Array(n),
    ood: new Int8Array(n).fill(-1),
  };
  const foldTauPos = new Float64Array(n);
  const folds: ClassificationBody['cv']['folds'] = [];
  const foldScores: Array<ReturnType<typeof scoresOf>> = [];
  let gateProblem: string | null = null;
  const onOuterFold = (fit: OuterFoldFit<LearnerModel>) => {
    const layer = layerOf(
      fit.innerOof.output,
      selectValues(y, fit.train),
      fit.innerOof.fold,
      rowsOf(numeric, fit.train),
      deriveSeed(options.seed, 500 + fit.fold),
    );
    gateProblem ??= layer.gateProblem;
    const v = applyDecisionLayer(layer, fit.testOutput, rowsOf(numeric, fit.test));
    fit.test.forEach((row, k) => {
      oof.fold[row] = fit.fold + 1;
      oof.probability[row] = v.probability[k]!;
      oof.decision[row] = v.decision[k]!;
      oof.ood[row] = v.ood ? v.ood[k]! : -1;
      foldTauPos[row] = layer.tauPosValue;
    });
    const yTest = selectValues(y, fit.test);
    const s = scoresOf(yTest, v.probability, v.decision, layer.tauPosValue);
    foldScores.push(s);
    folds.push({
      fold: fit.fold + 1,
      chosen: fit.learner,
      calibration: layer.calibration.method,
      n_test: fit.test.length,
      n_test_positive: yTest.reduce((a, b) => a + b, 0),
      tau_pos: layer.tauPosValue,
      tau_neg: layer.tauNegValue,
      tau_pos_feasible: layer.tauPos.feasible,
      scores: nullable(s),
    });
  };

  const { cv, final } = tunedNestedCv<LearnerModel, ReturnType<typeof binaryAucScoring.foldScores>>({
    x,
    y,
    n,
    p,
    learners,
    outerSplits: options.outerSplits,
    innerSplits: options.innerSplits,
    nTrials: options.nTrials,
    seed: options.seed,
    scoring: binaryAucScoring,
    strata: Int32Array.from(y),
    groups: data.groups ?? duplicateRowGroups(x, n, p),
    signal: options.signal,
    onOuterFold,
    onProgress: (f, stage) => options.onProgress(0.97 * f, stage),
  });

  const layer: DecisionLayer = layerOf(
    final.innerOof.output,
    y,
    final.innerOof.fold,
    numeric,
    deriveSeed(options.seed, 499),
  );
  const inSample = final.model.predictProba(x, n);
  const report = oofReport(y, oof.probability, oof.decision, foldTauPos);
  const summary = summariseFolds(foldScores);
  const metrics = {
    ...report.metrics,
    oof_roc_auc_fold_mean: summary.mean.roc_auc,
    oof_roc_auc_fold_sd: summary.sd.roc_auc,
    in_sample_roc_auc: finiteOrNull(rocAuc(y, inSample)),
    in_sample_brier: finiteOrNull(brierScore(y, layer.calibrator.predict(inSample))),
  };
  const block = classificationBlockOf(
    layer,
    numeric.names,
    { positive: data.positive, negative: data.negative },
    { alpha: options.alpha, beta: options.beta, confidence: options.confidence },
  );
  const pipeline = new ModelPipeline(
    specs,
    { name: data.target, classes: [data.negative, data.positive] },
    final.model,
    block,
  );
  const nPositive = y.reduce((a, b) => a + b, 0);
  const body: ClassificationBody = {
    target: data.target,
    positive_label: data.positive,
    negative_label: data.negative,
    features: data.features.map((f) => f.name),
    grouping: options.grouping,
    n,
    n_positive: nPositive,
    n_negative: n - nPositive,
    n_dropped: data.nDropped,
    model: final.learner,
    model_file: options.modelFile,
    metrics,
    cv: {
      folds,
      mean: summary.mean,
      sd: summary.sd,
      models: cv.learners.map((l) => ({
        model: l.learner,
        roc_auc_mean: finiteOrNull(l.mean.rocAuc),
        roc_auc_sd: finiteOrNull(l.sd.rocAuc),
        params: l.params as Params[],
      })),
    },
    final: {
      model: final.learner,
      params: final.params as Params,
      calibration: {
        method: layer.calibration.method,
        candidates: layer.calibration.candidates.map((c) => ({
          method: c.method,
          brier: finiteOrNull(c.brier),
          ece: finiteOrNull(c.ece),
        })),
      },
      tuning: final.tuning.map((t) => ({
        model: t.learner,
        inner_roc_auc: t.innerScore < 1 ? 1 - t.innerScore : null,
        params: t.params as Params,
        n_trials: t.trials.length,
        n_pruned: t.trials.filter((tr) => tr.value === null).length,
      })),
    },
    thresholds: {
      tau_pos: thresholdInfo(layer.tauPos, layer.tauPosValue),
      tau_neg: thresholdInfo(layer.tauNeg, layer.tauNegValue),
      alpha: options.alpha,
      beta: options.beta,
      confidence: options.confidence,
    },
    ood: {
      available: layer.gate !== null,
      columns: layer.gateColumns.map((j) => numeric.names[j]!),
      quantile: options.oodQuantile,
      threshold: layer.gate ? Math.sqrt(layer.gate.thresholdSquared) : null,
      n_flagged: oof.ood.reduce((s, v) => s + (v === 1 ? 1 : 0), 0),
      reason: layer.gateProblem ?? gateProblem,
    },
    confusion: report.confusion,
    three_way: report.threeWay,
    curves: report.curves,
    oof_file: options.oofFile,
  };
  options.onProgress(1, 'calibrating');
  return { body, modelFile: saveModelFile(pipeline, { metrics }), oof };
}
