/**
 * pareto.csv: every input row, in file order, with its rank and front flag — the complete answer, whatever the
 * plots were thinned to. Written chunk by chunk (a million rows would not fit one string), with the formatting of
 * core/export/csv.ts: UTF-8 with BOM, CRLF, text neutralised against formula injection.
 */
import type { ParetoAnalysis } from '../../../analysis/pareto/index.js';
import { neutraliseFormula } from '../../../core/export/csv.js';
import { rowNumberOf, type Table } from '../../../ingest/index.js';
import type { Objectives } from './pareto-inputs.js';

const CHUNK_ROWS = 20_000;
const ADDED = ['pareto_rank', 'pareto_front', 'crowding_distance', 'in_plot', 'excluded_reason'] as const;

function field(cell: string | number | null): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const safe = neutraliseFormula(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header of pareto.csv: `row`, the input columns, then the added columns (renamed with `_` if the input has them). */
export function paretoCsvHeader(table: Table): string[] {
  const taken = new Set(table.columns.map((c) => c.name));
  const own = (name: string) => {
    let out = name;
    while (taken.has(out)) out = `_${out}`;
    taken.add(out);
    return out;
  };
  const row = own('row');
  return [row, ...table.columns.map((c) => c.name), ...ADDED.map(own)];
}

/** Why row i got no rank: its first objective that is missing or not finite. */
function exclusionReason(objectives: Pick<Objectives, 'names' | 'columns'>, i: number): string {
  for (let j = 0; j < objectives.names.length; j++) {
    const v = objectives.columns[j]![i]!;
    if (Number.isNaN(v)) return `missing value in ${objectives.names[j]}`;
    if (!Number.isFinite(v)) return `not a finite number in ${objectives.names[j]}`;
  }
  return '';
}

export function paretoCsv(
  table: Table,
  a: ParetoAnalysis,
  objectives: Pick<Objectives, 'names' | 'columns'>,
): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [
    encoder.encode('\uFEFF' + paretoCsvHeader(table).map(field).join(',') + '\r\n'),
  ];
  const plotted = new Uint8Array(a.n);
  for (const i of a.plot.rows) plotted[i] = 1;
  for (let from = 0; from < a.n; from += CHUNK_ROWS) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(a.n, from + CHUNK_ROWS); i++) {
      const cells: string[] = [String(rowNumberOf(table, i))];
      for (const c of table.columns) cells.push(field(c.raw[i] ?? null));
      const rank = a.rank[i]!;
      const d = a.crowding[i]!;
      cells.push(
        rank > 0 ? String(rank) : '',
        rank > 0 ? (rank === 1 ? '1' : '0') : '',
        rank > 0 ? (d === Infinity ? 'inf' : String(d)) : '',
        String(plotted[i]!),
        rank > 0 ? '' : field(exclusionReason(objectives, i)),
      );
      lines.push(cells.join(','));
    }
    parts.push(encoder.encode(lines.join('\r\n') + '\r\n'));
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
