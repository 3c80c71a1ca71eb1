/**
 * The rows a prediction runs on, as whole typed columns: the uploaded table (read by ingest like every task) or a
 * generated candidate grid (the optimization job's factor definitions and generateGrid), so the chunk loop reads
 * both the same way. Also the schema check: every feature the models read must be a column here (never
 * zero-filled), numeric features must hold numbers; other columns are ignored and passed through.
 */
import type { z } from 'zod';
import type { PredictionParameters } from '../../../../src-shared/api/job-types.js';
import { CandidateError, factorColumn, generateGrid } from '../../../analysis/doe/candidates/index.js';
import { numericColumn, readTable, rowNumberOf, type Table } from '../../../ingest/index.js';
import { TaskError } from '../task.js';
import type { Predictor } from './predictor.js';

export interface SourceColumn {
  name: string;
  /** The numbers when the column holds only numbers (NaN = missing), else null. */
  values: Float64Array | null;
  /** Cell texts (null = missing); null for generated numeric columns. */
  raw: readonly (string | null)[] | null;
}

export interface RowSource {
  kind: 'table' | 'candidates';
  n: number;
  columns: SourceColumn[];
  /** Spreadsheet row number (table) or 1-based candidate index (grid) of row i. */
  rowLabel(i: number): number;
  /** The whole column of a numeric feature; throws (TableError / TaskError) naming the first cell that is not a number. */
  numeric(name: string): Float64Array;
}

type Params = z.output<typeof PredictionParameters>;

function tableSource(table: Table): RowSource {
  return {
    kind: 'table',
    n: table.rowCount,
    columns: table.columns.map((c) => ({ name: c.name, values: c.values, raw: c.raw })),
    rowLabel: (i) => rowNumberOf(table, i),
    numeric: (name) => numericColumn(table, name, 'model feature'),
  };
}

function gridSource(
  candidates: NonNullable<Params['candidates']>,
  onProgress: (f: number) => void,
): RowSource {
  let grid;
  try {
    grid = generateGrid({
      factors: candidates.factors,
      oneHotGroups: candidates.one_hot_groups,
      constraints: candidates.constraints,
      onProgress,
    });
  } catch (err) {
    if (err instanceof CandidateError)
      throw new TaskError('ZS_ERR_INPUT', `candidates: ${err.message}`, {
        field: err.field === undefined ? 'parameters.candidates' : `parameters.candidates.${err.field}`,
        ...err.details,
      });
    throw err;
  }
  const set = grid.set;
  const columns: SourceColumn[] = set.factors.flatMap((f, j): SourceColumn[] => {
    const col = factorColumn(set, j);
    if (f.kind === 'numeric') return [{ name: f.name, values: col as Float64Array, raw: null }];
    if (f.kind === 'categorical')
      return [{ name: f.name, values: null, raw: Array.from(col, (k) => f.levels[k]!) }];
    return f.columns.map((name, m) => ({
      name,
      values: Float64Array.from(col, (k) => (k === m ? 1 : 0)),
      raw: null,
    }));
  });
  return {
    kind: 'candidates',
    n: set.count,
    columns,
    rowLabel: (i) => i + 1,
    numeric(name) {
      const c = columns.find((x) => x.name === name)!;
      if (c.values) return c.values;
      throw new TaskError(
        'ZS_ERR_INPUT',
        `The candidate factor "${name}" is categorical, but the model reads it as a number.`,
        {
          field: 'parameters.candidates.factors',
          column: name,
        },
      );
    },
  };
}

/** The rows to predict: the generated grid when `candidates` is given (the upload is then not read), else the table. */
export async function openSource(
  params: Params,
  input: Uint8Array,
  fileName: string,
  onProgress: (f: number) => void,
): Promise<RowSource> {
  if (params.candidates) return gridSource(params.candidates, onProgress);
  return tableSource(await readTable(input, { filename: fileName, sheet: params.sheet }));
}

/** Feature columns by name: numeric ones as numbers, categorical ones as texts. */
export interface FeatureColumns {
  numeric: Map<string, Float64Array>;
  text: Map<string, readonly (string | null)[]>;
}

/**
 * Checks the models' feature schema against the source and returns the feature columns. A missing column is an
 * error naming it (and the targets that need it); a numeric feature with text cells is an error naming the cell.
 */
export function featureColumns(source: RowSource, predictors: readonly Predictor[]): FeatureColumns {
  const byName = new Map(source.columns.map((c) => [c.name, c]));
  const missing = new Map<string, string[]>();
  for (const p of predictors)
    for (const f of p.features)
      if (!byName.has(f.name)) missing.set(f.name, [...(missing.get(f.name) ?? []), p.target]);
  if (missing.size > 0) {
    const names = [...missing.keys()];
    const what = names.map(
      (n) =>
        `"${n}" (needed by the model of ${missing
          .get(n)!
          .map((t) => `"${t}"`)
          .join(', ')})`,
    );
    const where = source.kind === 'table' ? 'the table' : 'the candidate factors';
    throw new TaskError(
      'ZS_ERR_INPUT',
      `${names.length === 1 ? 'The feature column' : 'The feature columns'} ${what.join(', ')} ${names.length === 1 ? 'is' : 'are'} not in ${where}. ` +
        `Missing features are never filled in; add the column${names.length === 1 ? '' : 's'}. Available columns: ${[...byName.keys()].map((n) => `"${n}"`).join(', ') || 'none'}.`,
      { column: names[0], columns: names },
    );
  }
  const out: FeatureColumns = { numeric: new Map(), text: new Map() };
  for (const p of predictors) {
    for (const f of p.features) {
      if (f.type === 'numeric') {
        if (!out.numeric.has(f.name)) out.numeric.set(f.name, source.numeric(f.name));
      } else if (!out.text.has(f.name)) {
        const c = byName.get(f.name)!;
        out.text.set(f.name, c.raw ?? Array.from(c.values!, (v) => (Number.isNaN(v) ? null : String(v))));
      }
    }
  }
  return out;
}
