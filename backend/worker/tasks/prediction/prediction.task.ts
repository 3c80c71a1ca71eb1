/**
 * The `prediction` job: applies the models of a finished job (parameter `model_job_id`; its model files come from
 * the executor as `references`) to the uploaded table or a generated candidate grid, chunk by chunk, so millions
 * of rows stream through typed columns into predictions.csv without a JavaScript object per row.
 *
 * Documented behaviour:
 * - schema: every feature a model reads must be a column (an error names it; never zero-filled); other columns are
 *   passed through to predictions.csv unchanged;
 * - unseen category: `unknown_category` 'error' (default) fails naming row, column and value; 'flag' leaves that
 *   row's predictions empty with a note;
 * - missing values: tree models predict them as they were trained to; other models leave the row empty with a note;
 * - out of training range: flagged per row (which features, below or above), still predicted;
 * - uncertainty: Gaussian-process predictive sd, forest tree spread (learners/prediction-uncertainty.ts);
 * - classification: label and probability; a classification job's model file adds the calibrated probability,
 *   the three-way decision and the OOD flag from its classification block (model-file-predictor.ts).
 */
import { PredictionParameters } from '../../../../src-shared/api/job-types.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import type { Task } from '../task.js';
import { predictChunk } from './chunk-predict.js';
import { loadPredictors } from './load-predictors.js';
import { CsvParts, chunkCells, outputLayout, type Cell } from './prediction-csv.js';
import { featureColumns, openSource } from './prediction-source.js';
import { PredictionTally } from './prediction-tally.js';
import { predictionWorkbook } from './prediction-workbook.js';
import { checkChunk, rangeChecks } from './row-checks.js';

/** Rows per chunk: large enough for tight typed-array loops, small enough to keep per-chunk cells cheap. */
export const CHUNK_ROWS = 16_384;
const PREVIEW_ROWS = 20;
const WORKBOOK_ROWS = 1000;

export const predictionTask: Task = async (ctx) => {
  const params = PredictionParameters.parse(ctx.parameters);
  const reference = ctx.references?.find((r) => r.field === 'parameters.model_job_id');
  ctx.progress(0.01, 'loading_models');
  const predictors = loadPredictors(reference, params.targets);
  ctx.progress(0.03, 'reading_input');
  const source = await openSource(params, ctx.input, ctx.inputFileName, (f) =>
    ctx.progress(0.03 + 0.05 * f, 'generating_candidates'),
  );
  const cols = featureColumns(source, predictors);
  const ranges = rangeChecks(predictors);
  const layout = outputLayout(source, predictors);
  const csv = new CsvParts(layout.header);
  const tally = new PredictionTally(predictors, ranges);
  const firstRows: Cell[][] = [];

  for (let lo = 0; lo < source.n; lo += CHUNK_ROWS) {
    ctx.progress(0.1 + (0.8 * lo) / source.n, 'predicting');
    const m = Math.min(CHUNK_ROWS, source.n - lo);
    const checks = checkChunk(predictors, cols, ranges, lo, m, params.unknown_category, source.rowLabel);
    const outputs = predictors.map((p, k) => predictChunk(p, cols, lo, m, checks.ok[k]!));
    tally.add(m, checks, outputs);
    const cells = chunkCells(layout, source, predictors, lo, m, checks, outputs, ranges);
    if (firstRows.length < WORKBOOK_ROWS) firstRows.push(...cells.slice(0, WORKBOOK_ROWS - firstRows.length));
    csv.addRows(cells);
  }

  ctx.progress(0.92, 'writing_outputs');
  const body = tally.body(
    {
      model_job_id: params.model_job_id,
      model_job_type: reference?.jobType,
      source: source.kind,
      columns: layout.header,
      preview: firstRows.slice(0, PREVIEW_ROWS),
    },
    layout.targets,
  );
  const c = body.counts!;
  const warnings: Warning[] = [];
  if (c.out_of_range > 0)
    warnings.push({
      code: 'out_of_training_range',
      message: `${c.out_of_range} of ${c.rows} row(s) have a feature outside the models' training range; their predictions are extrapolations (see out_of_range in predictions.csv).`,
      details: {
        count: c.out_of_range,
        features: body.features!.filter((f) => f.n_below + f.n_above > 0).map((f) => f.name),
      },
    });
  if (c.missing_value + c.unknown_category > 0)
    warnings.push({
      code: 'rows_not_predicted',
      message: `${c.rows - c.predicted} row(s) lack a prediction of some target: ${c.missing_value} with a missing value, ${c.unknown_category} with an unknown category (see note in predictions.csv).`,
      details: { missing_value: c.missing_value, unknown_category: c.unknown_category },
    });
  const workbook = await predictionWorkbook(body, firstRows);
  return {
    body,
    warnings,
    files: [
      { name: 'predictions.csv', bytes: csv.bytes() },
      { name: 'prediction-summary.xlsx', bytes: workbook },
    ],
    summary:
      `${predictors.length} target(s) (${predictors.map((p) => p.target).join(', ')}) predicted for ${c.predicted} of ${c.rows} row(s)` +
      (c.out_of_range > 0 ? `, ${c.out_of_range} outside the training range` : ''),
  };
};
