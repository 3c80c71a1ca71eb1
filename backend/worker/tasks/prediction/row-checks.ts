/**
 * Per-row checks of a chunk before any model sees it: which rows each model can predict (a missing value the
 * model cannot take, or a category it never saw, leaves the row without that prediction, with a note saying
 * why; in `unknown_category: 'error'` mode an unseen category fails the job naming row and column), and which
 * numeric features lie outside the training range (flagged, still predicted).
 */
import { TaskError } from '../task.js';
import type { FeatureColumns } from './prediction-source.js';
import type { Predictor } from './predictor.js';

/** A numeric feature's training range: the narrowest over the models that read it (null bounds: unknown). */
export interface RangeCheck {
  name: string;
  min: number | null;
  max: number | null;
}

export function rangeChecks(predictors: readonly Predictor[]): RangeCheck[] {
  const byName = new Map<string, RangeCheck>();
  for (const p of predictors) {
    for (const f of p.features) {
      if (f.type !== 'numeric') continue;
      const r = byName.get(f.name) ?? { name: f.name, min: null, max: null };
      if (f.min !== null) r.min = r.min === null ? f.min : Math.max(r.min, f.min);
      if (f.max !== null) r.max = r.max === null ? f.max : Math.min(r.max, f.max);
      byName.set(f.name, r);
    }
  }
  return [...byName.values()];
}

export interface ChunkChecks {
  /** Per predictor: 1 where it can predict the row. */
  ok: Uint8Array[];
  /** Why a row lacks a prediction, or null. */
  notes: (string | null)[];
  missingRows: number;
  unknownRows: number;
  /** Per range check: −1 below the training range, 1 above, 0 inside or missing. */
  range: Int8Array[];
}

export function checkChunk(
  predictors: readonly Predictor[],
  cols: FeatureColumns,
  ranges: readonly RangeCheck[],
  lo: number,
  m: number,
  mode: 'error' | 'flag',
  rowLabel: (i: number) => number,
): ChunkChecks {
  const ok = predictors.map(() => new Uint8Array(m).fill(1));
  const reasons: (Set<string> | null)[] = new Array<Set<string> | null>(m).fill(null);
  const missing = new Uint8Array(m);
  const unknown = new Uint8Array(m);
  const note = (i: number, text: string) => (reasons[i] ??= new Set()).add(text);
  predictors.forEach((p, k) => {
    for (const f of p.features) {
      if (f.type === 'numeric') {
        if (p.acceptsMissing) continue;
        const v = cols.numeric.get(f.name)!;
        for (let i = 0; i < m; i++)
          if (Number.isNaN(v[lo + i]!)) {
            ok[k]![i] = 0;
            missing[i] = 1;
            note(i, `missing value: ${f.name}`);
          }
        continue;
      }
      const known = new Set(f.categories);
      const v = cols.text.get(f.name)!;
      for (let i = 0; i < m; i++) {
        const s = v[lo + i]!;
        if (s === null) {
          if (p.acceptsMissing) continue;
          ok[k]![i] = 0;
          missing[i] = 1;
          note(i, `missing value: ${f.name}`);
        } else if (!known.has(s)) {
          if (mode === 'error')
            throw new TaskError(
              'ZS_ERR_INPUT',
              `Row ${rowLabel(lo + i)}, column "${f.name}": "${s}" is a category the model of "${p.target}" never saw in training ` +
                `(known: ${[...known].join(', ')}). Fix the value, or set unknown_category to "flag" to predict the other rows.`,
              { row: rowLabel(lo + i), column: f.name, value: s, known: [...known] },
            );
          ok[k]![i] = 0;
          unknown[i] = 1;
          note(i, `unknown category: ${f.name} = ${s}`);
        }
      }
    }
  });
  const range = ranges.map((r) => {
    const flags = new Int8Array(m);
    const v = cols.numeric.get(r.name)!;
    for (let i = 0; i < m; i++) {
      const x = v[lo + i]!;
      if (r.min !== null && x < r.min) flags[i] = -1;
      else if (r.max !== null && x > r.max) flags[i] = 1;
    }
    return flags;
  });
  let missingRows = 0;
  let unknownRows = 0;
  for (let i = 0; i < m; i++) {
    missingRows += missing[i]!;
    unknownRows += unknown[i]!;
  }
  return {
    ok,
    notes: reasons.map((r) => (r === null ? null : [...r].join('; '))),
    missingRows,
    unknownRows,
    range,
  };
}
