/**
 * The tuned nested CV of registry learners with its outer folds and final tuning spread over a ParallelMap: each
 * fold's study has its own seeds, so folds can run on any thread in any order and the result is bit-identical to
 * `tunedNestedCv` run in one thread. Only the final refit runs on the calling thread (threads return data, not
 * models). Regression scoring only (classification needs the fold models for calibration; it stays serial).
 */
import {
  assembleNestedCv,
  finalStudy,
  nestedCvFits,
  outerFoldStudy,
  planNestedCv,
  refitFinal,
  type FinalModel,
  type FinalStudy,
  type FoldLearnerOutcome,
  type OuterFoldStudy,
  type TunedNestedCvInput,
  type TunedNestedCvResult,
} from '../model-selection/tuned-nested-cv.js';
import { FitCounter } from '../model-selection/inner-tuning.js';
import { serialMap, type ComputeKernel, type ParallelMap } from '../parallel/parallel-map.js';
import type { LearnerModel } from './learner-model.js';
import { tunableLearner } from './tunable-learner.js';

/** Everything a thread needs, by value: learners travel as names and rebuild there. */
export interface TunedCvShared {
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  groups: Int32Array;
  fold: Int32Array;
  learners: string[];
  prune: boolean;
  outerSplits: number;
  innerSplits: number;
  nTrials: number;
  seed: number;
}

/** An outer fold's study without its models, or the final tuning. */
export type TunedCvItemResult =
  | {
      kind: 'fold';
      fold: number;
      best: number;
      perLearner: Omit<FoldLearnerOutcome<LearnerModel>, 'model'>[];
    }
  | { kind: 'final'; study: FinalStudy };

function inputOf(shared: TunedCvShared): TunedNestedCvInput<LearnerModel> {
  return {
    ...shared,
    learners: shared.learners.map((name) =>
      tunableLearner(name, { task: 'regression', prune: shared.prune }),
    ),
    outerFold: shared.fold,
  };
}

export const tunedCvKernel: ComputeKernel<
  TunedCvShared,
  number,
  TunedCvItemResult,
  TunedNestedCvInput<LearnerModel>
> = {
  name: 'model-selection.tuned-cv-item',
  setup: inputOf,
  run(input, item, signal) {
    const counter = new FitCounter(1, { signal });
    if (item < 0)
      return {
        kind: 'final',
        study: finalStudy(input.x, input.y, input.n, input.p, input.groups!, input, counter),
      };
    const study = outerFoldStudy(input, planNestedCv(input), item, counter);
    return {
      kind: 'fold',
      fold: study.fold,
      best: study.best,
      perLearner: study.perLearner.map(({ output, innerScore, params, innerOof }) => ({
        output,
        innerScore,
        params,
        innerOof,
      })),
    };
  },
};

export interface ParallelTunedCvInput extends Omit<
  TunedNestedCvInput<LearnerModel>,
  'learners' | 'scoring' | 'strata' | 'onOuterFold' | 'onProgress'
> {
  learners: string[];
  prune: boolean;
  /** Fraction of the outer folds + final tuning done, as each finishes. */
  onProgress?: (fraction: number, stage: string) => void;
}

/** `tunedNestedCv` over registry learners, outer folds and the final tuning run on `parallel`. */
export async function tunedNestedCvParallel(
  input: ParallelTunedCvInput,
  parallel: ParallelMap = serialMap,
): Promise<{ cv: TunedNestedCvResult; final: FinalModel<LearnerModel> }> {
  const local: TunedNestedCvInput<LearnerModel> = {
    ...input,
    learners: input.learners.map((name) => tunableLearner(name, { task: 'regression', prune: input.prune })),
  };
  const plan = planNestedCv(local);
  const shared: TunedCvShared = {
    x: input.x,
    y: input.y,
    n: input.n,
    p: input.p,
    groups: plan.groups,
    fold: plan.fold,
    learners: input.learners,
    prune: input.prune,
    outerSplits: input.outerSplits,
    innerSplits: input.innerSplits,
    nTrials: input.nTrials,
    seed: input.seed,
  };
  // The final tuning first: it works on the most rows, so starting it early keeps the lanes evenly busy.
  const items = [-1, ...Array.from({ length: input.outerSplits }, (_, f) => f)];
  let done = 0;
  const results = await parallel.map(tunedCvKernel, shared, items, {
    ...(input.signal ? { signal: input.signal } : {}),
    onResult: () => input.onProgress?.(++done / (items.length + 1), 'tuning'),
  });
  const studies: OuterFoldStudy<LearnerModel>[] = [];
  let final: FinalStudy | null = null;
  for (const r of results) {
    if (r.kind === 'final') final = r.study;
    else studies.push({ fold: r.fold, best: r.best, perLearner: r.perLearner });
  }
  studies.sort((a, b) => a.fold - b.fold);
  const counter = new FitCounter(nestedCvFits(local, input.outerSplits), {});
  const model = refitFinal(input.x, input.y, input.n, input.p, local, final!, counter);
  input.onProgress?.(1, 'final refit');
  return { cv: assembleNestedCv(local, plan, studies), final: model };
}
