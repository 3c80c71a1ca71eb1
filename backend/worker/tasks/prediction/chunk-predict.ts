/** Runs one model on the rows of a chunk it can predict (see row-checks.ts), giving outputs aligned with the chunk's rows. */
import type { FeatureColumns } from './prediction-source.js';
import type { ChunkValues, Predictor, PredictorOutput } from './predictor.js';

function scatter<T extends Float64Array | Int8Array | Uint8Array>(
  src: T | null,
  rows: Int32Array,
  out: T,
): T | null {
  if (src === null) return null;
  for (let k = 0; k < rows.length; k++) out[rows[k]!] = src[k]!;
  return out;
}

/**
 * The predictor's outputs for rows lo..lo+m−1 (entries of rows with ok = 0 are meaningless). Views of the whole
 * columns are passed when every row can be predicted; otherwise the predictable rows are copied out first.
 */
export function predictChunk(
  p: Predictor,
  cols: FeatureColumns,
  lo: number,
  m: number,
  ok: Uint8Array,
): PredictorOutput | null {
  let count = 0;
  for (let i = 0; i < m; i++) count += ok[i]!;
  if (count === 0) return null;
  const values: ChunkValues = {};
  if (count === m) {
    for (const f of p.features)
      values[f.name] =
        f.type === 'numeric'
          ? cols.numeric.get(f.name)!.subarray(lo, lo + m)
          : cols.text.get(f.name)!.slice(lo, lo + m);
    return p.predict(values, m);
  }
  const rows = new Int32Array(count);
  for (let i = 0, k = 0; i < m; i++) if (ok[i]) rows[k++] = i;
  for (const f of p.features) {
    if (f.type === 'numeric') {
      const v = cols.numeric.get(f.name)!;
      values[f.name] = Float64Array.from(rows, (i) => v[lo + i]!);
    } else {
      const v = cols.text.get(f.name)!;
      values[f.name] = Array.from(rows, (i) => v[lo + i]!);
    }
  }
  const out = p.predict(values, count);
  return {
    value: scatter(out.value, rows, new Float64Array(m))!,
    sd: scatter(out.sd, rows, new Float64Array(m)),
    probability: scatter(out.probability, rows, new Float64Array(m)),
    decision: scatter(out.decision, rows, new Int8Array(m)),
    ood: scatter(out.ood, rows, new Uint8Array(m)),
  };
}
