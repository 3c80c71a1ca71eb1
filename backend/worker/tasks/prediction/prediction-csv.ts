/**
 * predictions.csv: every input row in order — `row`, the input columns as they were, then per target the predicted
 * value (or label), its uncertainty or probability and decision, then which features were out of the training
 * range and why a row has no prediction. Written chunk by chunk with the formatting of core/export/csv.ts (UTF-8
 * with BOM, CRLF, text neutralised against formula injection), so a million rows never become one string.
 */
import { neutraliseFormula } from '../../../core/export/csv.js';
import type { ChunkChecks, RangeCheck } from './row-checks.js';
import type { RowSource, SourceColumn } from './prediction-source.js';
import type { Predictor, PredictorOutput } from './predictor.js';

export type Cell = string | number | null;

export interface TargetColumns {
  value: string;
  sd: string | null;
  probability: string | null;
  decision: string | null;
  ood: string | null;
}

export interface OutputLayout {
  header: string[];
  passThrough: SourceColumn[];
  targets: TargetColumns[];
}

const DECISION = { 1: 'positive', 0: 'negative', [-1]: 'gray' } as Record<number, string>;

/** Column names (an added name the input already has gets a leading `_`). */
export function outputLayout(source: RowSource, predictors: readonly Predictor[]): OutputLayout {
  const taken = new Set(source.columns.map((c) => c.name));
  const own = (name: string) => {
    let out = name;
    while (taken.has(out)) out = `_${out}`;
    taken.add(out);
    return out;
  };
  const row = own('row');
  const targets = predictors.map((p): TargetColumns => ({
    value: own(`${p.target}_predicted`),
    sd: p.uncertainty ? own(`${p.target}_sd`) : null,
    probability: p.kind === 'classification' ? own(`${p.target}_probability`) : null,
    decision: p.thresholds ? own(`${p.target}_decision`) : null,
    ood: p.hasOod ? own(`${p.target}_ood`) : null,
  }));
  const added = targets.flatMap((t) =>
    [t.value, t.sd, t.probability, t.decision, t.ood].filter((c) => c !== null),
  );
  return {
    header: [row, ...source.columns.map((c) => c.name), ...added, own('out_of_range'), own('note')],
    passThrough: source.columns,
    targets,
  };
}

/** The cells of rows lo..lo+m−1 in header order (an array per row of the chunk only). */
export function chunkCells(
  layout: OutputLayout,
  source: RowSource,
  predictors: readonly Predictor[],
  lo: number,
  m: number,
  checks: ChunkChecks,
  outputs: readonly (PredictorOutput | null)[],
  ranges: readonly RangeCheck[],
): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < m; i++) {
    const cells: Cell[] = [source.rowLabel(lo + i)];
    for (const c of layout.passThrough) cells.push(c.raw ? c.raw[lo + i]! : c.values![lo + i]!);
    predictors.forEach((p, k) => {
      const t = layout.targets[k]!;
      const o = checks.ok[k]![i] === 1 ? (outputs[k] ?? null) : null;
      const v = o ? o.value[i]! : null;
      cells.push(v === null ? null : p.classes ? p.classes[v]! : v);
      if (t.sd) cells.push(o?.sd ? o.sd[i]! : null);
      if (t.probability) cells.push(o?.probability ? o.probability[i]! : null);
      if (t.decision) cells.push(o?.decision ? DECISION[o.decision[i]!]! : null);
      if (t.ood) cells.push(o?.ood ? o.ood[i]! : null);
    });
    const out: string[] = [];
    ranges.forEach((r, j) => {
      const f = checks.range[j]![i]!;
      if (f !== 0) out.push(`${r.name}${f < 0 ? '<min' : '>max'}`);
    });
    cells.push(out.length > 0 ? out.join('; ') : null, checks.notes[i] ?? null);
    rows.push(cells);
  }
  return rows;
}

function field(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const safe = neutraliseFormula(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Collects the encoded CSV chunk by chunk. */
export class CsvParts {
  private readonly parts: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();
  private size = 0;

  constructor(header: readonly string[]) {
    this.push('\uFEFF' + header.map(field).join(',') + '\r\n');
  }

  private push(text: string): void {
    const bytes = this.encoder.encode(text);
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  addRows(rows: readonly Cell[][]): void {
    if (rows.length > 0) this.push(rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n');
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
}
