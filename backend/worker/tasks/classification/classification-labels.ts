/**
 * Maps a two-valued target column to 0/1 with the user's `positive_label`, explicitly: 1/0, OK/NG, Yes/No or any
 * two numbers or texts. Anything else (one value, three values, a positive label that is not there) is an error
 * that names the values found, never a guess.
 */
import type { Column } from '../../../ingest/index.js';
import { TaskError } from '../task.js';

/** How many distinct values an error message lists. */
const MAX_LISTED = 10;

export interface TargetLabels {
  /** 1 = positive, 0 = negative, NaN = missing label. */
  y: Float64Array;
  positive: string;
  negative: string;
  missing: number;
}

/** A cell's class key: numbers compare as numbers ("1" = "1.0"), texts as written. */
function keyOf(column: Column, i: number): string | null {
  const raw = column.raw[i];
  if (raw === null || raw === undefined) return null;
  if (column.values) return String(column.values[i]! + 0);
  return raw;
}

function positiveKey(column: Column, label: string | number): string {
  if (column.values) {
    const v = typeof label === 'number' ? label : Number(label.trim());
    if (typeof label === 'number' || (label.trim() !== '' && Number.isFinite(v))) return String(v + 0);
  }
  return String(label);
}

const listOf = (values: readonly string[]) =>
  values
    .slice(0, MAX_LISTED)
    .map((v) => `'${v}'`)
    .join(', ') + (values.length > MAX_LISTED ? `, … (${values.length} in all)` : '');

export function targetLabels(column: Column, positiveLabel: string | number): TargetLabels {
  const counts = new Map<string, number>();
  for (let i = 0; i < column.raw.length; i++) {
    const k = keyOf(column, i);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const found = [...counts.keys()];
  const field = 'parameters.target_column';
  if (found.length !== 2)
    throw new TaskError(
      'ZS_ERR_INPUT',
      found.length < 2
        ? `The target column "${column.name}" has ${found.length === 0 ? 'no values' : `only one value (${listOf(found)})`}; a classifier needs rows of two classes.`
        : `The target column "${column.name}" must hold exactly two distinct values for a binary classifier; found ${found.length}: ${listOf(found)}.`,
      { field, column: column.name, values: found.slice(0, MAX_LISTED) },
    );
  const positive = positiveKey(column, positiveLabel);
  if (!counts.has(positive))
    throw new TaskError(
      'ZS_ERR_INPUT',
      `positive_label ${JSON.stringify(positiveLabel)} is not a value of "${column.name}"; its values are ${listOf(found)}.`,
      { field: 'parameters.positive_label', column: column.name, values: found },
    );
  const negative = found.find((v) => v !== positive)!;
  let missing = 0;
  const y = Float64Array.from({ length: column.raw.length }, (_, i) => {
    const k = keyOf(column, i);
    if (k === null) {
      missing++;
      return Number.NaN;
    }
    return k === positive ? 1 : 0;
  });
  return { y, positive, negative, missing };
}
