/**
 * The human files of a design: the run list as CSV, the operator's experiment form (XLSX) and, for a generated
 * grid, the candidates as CSV so a later `prediction` job can score every condition.
 */
import type { OptimizationBody } from '../../../../src-shared/api/optimization-result.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import {
  candidateCells,
  outputColumns,
  type CandidateCell,
  type CandidateSet,
} from '../../../analysis/doe/candidates/index.js';
import { neutraliseFormula, toCsv } from '../../../core/export/csv.js';
import { buildExperimentForm } from '../../outputs/experiment-form.js';
import type { TaskFile } from '../task.js';

/** Above this estimated size the candidates CSV is cut to CANDIDATES_CSV_ROW_LIMIT rows (with a warning). */
export const CANDIDATES_CSV_MAX_BYTES = 50 * 1024 * 1024;
export const CANDIDATES_CSV_ROW_LIMIT = 1_000_000;

/** One CSV field, formatted as core/export/csv.ts does (numbers as numbers, text neutralised and quoted). */
function field(cell: CandidateCell | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const safe = neutraliseFormula(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The candidate set as CSV (UTF-8 with BOM, CRLF, column `candidate_index` first), encoded chunk by chunk so no
 * string holds the whole file. When the whole file would exceed CANDIDATES_CSV_MAX_BYTES (estimated from the
 * first chunk), only the first CANDIDATES_CSV_ROW_LIMIT rows are written and `truncated` is true.
 */
export function candidatesCsv(
  set: CandidateSet,
  limits: { maxBytes: number; rowLimit: number } = {
    maxBytes: CANDIDATES_CSV_MAX_BYTES,
    rowLimit: CANDIDATES_CSV_ROW_LIMIT,
  },
): { bytes: Uint8Array; rows: number; truncated: boolean } {
  const encoder = new TextEncoder();
  const names = outputColumns(set.factors);
  const parts: Uint8Array[] = [
    encoder.encode('\uFEFF' + ['candidate_index', ...names].map(field).join(',') + '\r\n'),
  ];
  const cells = new Array<CandidateCell>(names.length);
  let written = 0;
  let limit = set.count;
  let index = 0;
  for (const chunk of set.chunks) {
    if (written >= limit) break;
    const lines: string[] = [];
    for (let i = 0; i < chunk.length && written < limit; i++, written++, index++) {
      candidateCells(set.factors, chunk, i, cells);
      lines.push(`${index},${cells.map(field).join(',')}`);
    }
    const bytes = encoder.encode(lines.join('\r\n') + '\r\n');
    if (parts.length === 1 && set.count > limits.rowLimit) {
      const estimate = (bytes.length / lines.length) * set.count;
      if (estimate > limits.maxBytes) limit = limits.rowLimit;
    }
    parts.push(bytes);
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return { bytes: out, rows: written, truncated: written < set.count };
}

/** design.csv, experiment-form.xlsx and (generated grids) candidates.csv, with a warning when the last is cut. */
export async function optimizationOutputFiles(
  body: OptimizationBody,
  set: CandidateSet,
  generated: boolean,
): Promise<{ files: TaskFile[]; warnings: Warning[] }> {
  const names = outputColumns(set.factors);
  const design = toCsv(
    ['run', 'source', 'candidate_index', ...names],
    body.runs.map((r) => [r.run, r.source, r.candidate_index, ...names.map((n) => r.values[n] ?? null)]),
  );
  const form = await buildExperimentForm({ factorColumns: names, runs: body.runs });
  const files: TaskFile[] = [
    { name: 'design.csv', bytes: design },
    { name: 'experiment-form.xlsx', bytes: form },
  ];
  const warnings: Warning[] = [];
  if (generated) {
    const csv = candidatesCsv(set);
    files.push({ name: 'candidates.csv', bytes: csv.bytes });
    if (csv.truncated) {
      warnings.push({
        code: 'candidates_csv_truncated',
        message: `candidates.csv holds the first ${csv.rows.toLocaleString('en-US')} of ${set.count.toLocaleString('en-US')} candidates: the whole grid would exceed ${Math.round(CANDIDATES_CSV_MAX_BYTES / 1024 / 1024)} MB`,
        details: { rows: csv.rows, candidates: set.count },
      });
    }
  }
  return { files, warnings };
}
