/** The `optimization` job: chooses the next experiments (D-, I- or A-optimal, augmenting the runs already done) and prints the operator's form. */
import { OptimizationParameters, type JobParameters } from '../../../../src-shared/api/job-types.js';
import type { OptimizationBody } from '../../../../src-shared/api/optimization-result.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import { candidateRecord } from '../../../analysis/doe/candidates/index.js';
import { DesignError } from '../../../analysis/doe/design-error.js';
import { optimalDesignParallel } from '../../../analysis/doe/exchange-kernel.js';
import { serialMap } from '../../../analysis/parallel/parallel-map.js';
import { sharedComputePool } from '../../compute/compute-pool.js';
import { createRng, deriveSeed } from '../../../analysis/random/rng.js';
import { TaskError, type Task, type TaskContext } from '../task.js';
import { coordinateDesign, type CoordinateResult } from './coordinate-design.js';
import { designDiagnostics, pcaProjection } from './design-diagnostics.js';
import { designInputs } from './optimization-inputs.js';
import { designModel } from './optimization-model.js';
import { optimizationOutputFiles } from './optimization-outputs.js';

/** Work above this many candidate·term·start units goes to the compute pool; below it, thread start-up costs more. */
const PARALLEL_WORK = 2_000_000;

/** The modified Fedorov design on a candidate list (a file's rows or a generated grid). */
async function candidateListDesign(ctx: TaskContext, params: Params): Promise<CoordinateResult> {
  const inputs = await designInputs(
    ctx.input,
    ctx.inputFileName,
    params,
    (f) => ctx.progress(0.02 + 0.2 * f, 'generating_candidates'),
    ctx.signal,
  );
  const { set, existing } = inputs;
  ctx.progress(0.24, 'building_model');
  const model = designModel(set, existing.columns, existing.n, params);
  const p = model.terms.length;
  const exclude = Int32Array.from(new Set(Array.from(existing.matched).filter((m) => m >= 0)));
  const selectable = set.count - exclude.length;
  if (selectable < params.num_points) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `${params.num_points} new runs were requested but only ${selectable} candidate(s) remain to choose from (${set.count} candidates, ${exclude.length} already done); lower num_points or widen the candidates`,
      { field: 'parameters.num_points', candidates: set.count, selectable },
    );
  }
  if (existing.n + params.num_points < p) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `${existing.n} existing + ${params.num_points} new runs cannot estimate the ${p} model terms; ask for at least ${p - existing.n} new runs or choose a smaller model`,
      { field: 'parameters.num_points', terms: p },
    );
  }

  ctx.progress(0.25, 'searching_design');
  const parallel = set.count * p * params.n_starts >= PARALLEL_WORK ? sharedComputePool() : serialMap;
  try {
    const solution = await optimalDesignParallel(
      {
        candidates: model.candidates,
        nCandidates: set.count,
        p,
        fixed: model.fixed,
        nFixed: existing.n,
        exclude,
        nNew: params.num_points,
        criterion: params.criterion,
        nStarts: params.n_starts,
        seed: params.random_seed,
        terms: model.terms,
        signal: ctx.signal,
        // ctx.progress throws once the job is cancelled, which also stops the pool's outstanding starts.
        onProgress: (f, stage) => ctx.progress(0.25 + 0.6 * f, stage),
      },
      parallel,
    );
    return { inputs, model, solution };
  } catch (err) {
    if (err instanceof DesignError) {
      throw new TaskError('ZS_ERR_INPUT', err.message, {
        reason: err.reason,
        terms: err.dependentColumns.map((c) => model.terms[c]),
      });
    }
    throw err;
  }
}

type Params = JobParameters['optimization'];

export const optimizationTask: Task = async (ctx) => {
  const params = OptimizationParameters.parse(ctx.parameters);
  ctx.progress(0.01, 'reading_input');
  const chosen =
    params.algorithm === 'coordinate'
      ? await coordinateDesign(ctx.input, ctx.inputFileName, params, ctx.signal, (f, stage) =>
          ctx.progress(0.05 + 0.8 * f, stage),
        )
      : await candidateListDesign(ctx, params);
  const { inputs, model, solution } = chosen;
  const { set, existing } = inputs;
  const p = model.terms.length;
  const warnings: Warning[] = [...inputs.warnings];
  if (inputs.filtering.constraints.length > 0) {
    warnings.push({
      code: 'candidates_filtered',
      message: `the constraints removed ${inputs.filtering.removed.toLocaleString('en-US')} of ${inputs.filtering.examined.toLocaleString('en-US')} candidates`,
      details: {
        examined: inputs.filtering.examined,
        removed: inputs.filtering.removed,
        constraints: inputs.filtering.constraints,
      },
    });
  }

  ctx.progress(0.86, 'diagnostics');
  const diagnostics = designDiagnostics(
    model.candidates,
    set.count,
    model.fixed,
    existing.n,
    solution.selected,
    model.terms,
  );
  const projection = pcaProjection(
    model.codedFactors,
    model.codedExisting,
    solution.selected,
    params.random_seed,
  );

  // Run order: the runs already done first (in file order), then the new runs, shuffled with the seed if asked.
  const order = Array.from(solution.selected);
  if (params.randomize_run_order) createRng(deriveSeed(params.random_seed, 1)).shuffle(order);
  const runs: OptimizationBody['runs'] = [
    ...existing.records.map((values, k) => ({
      run: k + 1,
      source: 'existing' as const,
      candidate_index: existing.matched[k]! >= 0 ? existing.matched[k]! : null,
      values,
    })),
    ...order.map((index, k) => ({
      run: existing.n + k + 1,
      source: 'new' as const,
      candidate_index: index,
      values: candidateRecord(set, index),
    })),
  ];

  const body: OptimizationBody = {
    criterion: params.criterion,
    algorithm: params.algorithm,
    model: params.model,
    terms: model.terms,
    factors: set.factors.flatMap((f) => (f.kind === 'one_hot' ? f.columns : [f.name])),
    coding: model.coding,
    n_candidates: set.count,
    n_existing: existing.n,
    n_new: solution.selected.length,
    runs,
    criteria: diagnostics.criteria,
    vif: diagnostics.vif,
    correlation: diagnostics.correlation,
    fds: diagnostics.fds,
    projection,
    starts: solution.starts,
    best_start: solution.bestStart,
  };

  ctx.progress(0.92, 'writing_outputs');
  const outputs = await optimizationOutputFiles(body, set, inputs.generated);
  warnings.push(...outputs.warnings);
  const logDet = body.criteria.log_det;
  const dEff = body.criteria.d_efficiency;
  return {
    body,
    warnings,
    files: outputs.files,
    summary:
      `${params.criterion}-optimal design: ${body.n_new} new run(s)` +
      (existing.n > 0 ? ` + ${existing.n} existing` : '') +
      (params.algorithm === 'coordinate'
        ? ` by coordinate exchange over ${set.factors.length} continuous factor(s)`
        : ` from ${set.count.toLocaleString('en-US')} candidates`) +
      (inputs.filtering.removed > 0
        ? ` (${inputs.filtering.removed.toLocaleString('en-US')} removed by constraints)`
        : '') +
      `, ${p} terms` +
      (logDet === null ? '' : `, log det = ${logDet.toPrecision(6)}`) +
      (dEff === null ? '' : `, D-efficiency = ${dEff.toPrecision(4)}%`),
  };
};
