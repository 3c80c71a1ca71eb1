/** The `pareto` job: ranks every row of the uploaded table into non-dominated fronts and describes the best trade-offs. */
import { ParetoParameters } from '../../../../src-shared/api/job-types.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import { analyseFront, ParetoInputError } from '../../../analysis/pareto/index.js';
import { readTable, rowNumberOf } from '../../../ingest/index.js';
import { TaskError, type Task } from '../task.js';
import { paretoBody } from './pareto-body.js';
import { paretoCsv } from './pareto-csv.js';
import { checkParameters, objectiveColumns } from './pareto-inputs.js';
import { paretoWorkbook } from './pareto-workbook.js';

const MAX_LISTED_ROWS = 20;
const fmt = (v: number) => v.toLocaleString('en-US');

export const paretoTask: Task = async (ctx) => {
  const params = ParetoParameters.parse(ctx.parameters);
  checkParameters(params);
  ctx.progress(0.01, 'reading_input');
  const table = await readTable(ctx.input, { filename: ctx.inputFileName, sheet: params.sheet });
  const objectives = objectiveColumns(table, params);

  ctx.progress(0.1, 'sorting_fronts');
  let analysis;
  try {
    analysis = analyseFront({
      columns: objectives.columns,
      maximise: objectives.maximise,
      reference: params.reference_point,
      lexicographic: objectives.lexicographic,
      maxPlotPoints: params.max_plot_points,
      hypervolumeSamples: params.hypervolume_samples,
      seed: params.random_seed,
      signal: ctx.signal,
      onProgress: (f, stage) => ctx.progress(0.1 + 0.75 * f, stage),
    });
  } catch (err) {
    if (err instanceof ParetoInputError) {
      throw new TaskError(
        'ZS_ERR_INPUT',
        `${err.message}: no row has a value in every objective column (${objectives.names.join(', ')})`,
        { field: 'parameters.objectives', columns: objectives.names },
      );
    }
    throw err;
  }

  const warnings: Warning[] = [];
  if (analysis.nExcluded > 0) {
    const rows = analysis.excluded.slice(0, MAX_LISTED_ROWS).map((e) => rowNumberOf(table, e.index));
    const first = analysis.excluded[0]!;
    warnings.push({
      code: 'rows_excluded',
      message:
        `${fmt(analysis.nExcluded)} row(s) were left out because an objective value is missing or not a number ` +
        `(first: row ${rowNumberOf(table, first.index)}, column '${objectives.names[first.objective]}'; rows ` +
        `${rows.join(', ')}${analysis.nExcluded > rows.length ? ', …' : ''}); pareto.csv lists them without a rank`,
      details: { count: analysis.nExcluded, rows },
    });
  }
  if (analysis.hypervolume.outside > 0) {
    warnings.push({
      code: 'hypervolume_points_outside',
      message: `${fmt(analysis.hypervolume.outside)} front row(s) are not better than the reference point in every objective and add nothing to the hypervolume`,
      details: { count: analysis.hypervolume.outside },
    });
  }

  const body = paretoBody(table, objectives, analysis);
  ctx.progress(0.88, 'writing_outputs');
  const csv = paretoCsv(table, analysis, objectives);
  ctx.progress(0.93, 'writing_outputs');
  const xlsx = await paretoWorkbook(table, analysis, body);
  const hv = analysis.hypervolume;
  return {
    body,
    warnings,
    files: [
      { name: 'pareto.csv', bytes: csv },
      { name: 'pareto-summary.xlsx', bytes: xlsx },
    ],
    summary:
      `Pareto front of ${fmt(analysis.nEvaluated)} rows on ${objectives.names.length} objectives: ` +
      `${fmt(analysis.front.length)} non-dominated, ${fmt(analysis.frontSizes.length)} front(s), ` +
      `hypervolume ${hv.method === 'exact' ? '=' : '≈'} ${hv.value.toPrecision(6)}` +
      (hv.standardError === null ? '' : ` ± ${hv.standardError.toPrecision(2)}`),
  };
};
