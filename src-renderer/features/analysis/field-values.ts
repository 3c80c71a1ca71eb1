/**
 * Turns schema-described fields into the text a form edits and back into parameters, so every job form keeps
 * numbers as typed text (an empty box is an error, never 0) in the same way.
 */
import type { FieldSpec } from './schema-fields.js';

export type FieldValues = Record<string, string | boolean | string[]>;

/** Each field's default, numbers as text. */
export function initialFieldValues(specs: readonly FieldSpec[]): FieldValues {
  const fields: FieldValues = {};
  for (const f of specs) {
    if (f.kind === 'number') fields[f.name] = String(f.defaultValue);
    else if (f.kind === 'boolean' || f.kind === 'enum' || f.kind === 'enum-list')
      fields[f.name] = f.defaultValue;
  }
  return fields;
}

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** The fields as parameters: typed numbers (NaN when not a number, for the schema to report), the rest as is. */
export function fieldParameters(specs: readonly FieldSpec[], fields: FieldValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const f of specs) {
    const v = fields[f.name];
    if (f.kind === 'number') params[f.name] = toNumber(String(v));
    else if (v !== undefined) params[f.name] = v;
  }
  return params;
}
