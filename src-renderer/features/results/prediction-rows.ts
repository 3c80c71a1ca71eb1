/**
 * Reads the rows of a prediction job (its `predictions.csv`: a header, then one line per input row) into cells in
 * the order of the result body's `columns`; numbers become numbers, empty cells null.
 */
import Papa from 'papaparse';
import type { Artifact } from '../../../src-shared/api/index.js';

/** The output file that holds a prediction job's rows; the first CSV output when a job has none of that name. */
export const PREDICTION_ROWS_FILE = 'predictions.csv';

export type Cell = number | string | null;

export function rowsArtifact(artifacts: readonly Artifact[]): Artifact | undefined {
  return (
    artifacts.find((a) => a.file_name === PREDICTION_ROWS_FILE) ??
    artifacts.find((a) => a.file_type === 'csv')
  );
}

export function parsePredictionRows(
  text: string,
  columns: readonly string[],
): { rows: Cell[][]; missing: string[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header = [], ...lines] = parsed.data;
  const index = columns.map((c) => header.indexOf(c));
  const missing = columns.filter((_, i) => index[i] === -1);
  const rows = lines.map((line) =>
    index.map((k): Cell => {
      if (k < 0) return null;
      const raw = line[k];
      if (raw === undefined || raw === '') return null;
      const n = Number(raw);
      return Number.isFinite(n) && raw.trim() !== '' ? n : raw;
    }),
  );
  return { rows, missing };
}
