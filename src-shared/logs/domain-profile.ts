/**
 * A domain profile (column dictionary): which columns an experiment log has, what they are called in the files
 * people fill in (aliases), their units and roles, the columns computed from others, and the rules a row must
 * meet. The engine knows no column by name: everything domain-specific (the brush-deburring names included)
 * comes from a profile. Profiles are versioned; a log keeps the profile version it was created with.
 */
import { z } from 'zod';

const name = z.string().min(1).max(255);
const literal = z.union([z.number(), z.string().min(1).max(255)]);

/** How a value is stored: numbers as numbers, dates as ISO `YYYY-MM-DD` (or `YYYY-MM-DDTHH:mm:ss`), text as text. */
export const ColumnType = z.enum(['number', 'text', 'date', 'category']);
export type ColumnType = z.infer<typeof ColumnType>;

/**
 * What a column means for analysis: `factor` (a machining condition), `response` (a measurement; a row with
 * any response is `done`), `label` (a class such as OK/NG), `date` (when the run was made), `one_hot` (a 0/1
 * member of a one-hot group), `note` (free text, never analysed).
 */
export const ColumnRole = z.enum(['factor', 'response', 'label', 'date', 'one_hot', 'note']);
export type ColumnRole = z.infer<typeof ColumnRole>;

export const ProfileColumn = z.strictObject({
  name,
  /** Other headers meaning this column (matched after trimming and Unicode NFKC normalisation). */
  aliases: z.array(name).max(50).default([]),
  type: ColumnType,
  role: ColumnRole,
  unit: z.string().max(50).optional(),
  /** Labels for the UI; `name` is shown when absent. */
  label: z
    .strictObject({ ja: z.string().max(255).optional(), en: z.string().max(255).optional() })
    .optional(),
});
export type ProfileColumn = z.infer<typeof ProfileColumn>;

/**
 * A column computed from others, always recomputed on import (a value in the file is replaced, with a warning
 * when it differed). `expression` uses the constraint syntax of the optimization job (backend/analysis/doe/
 * candidates/constraint-expression.ts): arithmetic for `number`, a condition for `flag` (true → 1, false → 0).
 * When an input is missing the result is null (or `when_missing` for a flag).
 */
export const DerivedColumn = z.strictObject({
  name,
  type: z.enum(['number', 'flag']),
  expression: z.string().min(1).max(1000),
  /** Decimal places to round a number to. */
  round: z.number().int().min(0).max(12).optional(),
  /** A flag's value when an input is missing (the original app counts a missing sag as "burr not removed": 0). */
  when_missing: z.union([z.literal(0), z.literal(1), z.null()]).default(null),
  unit: z.string().max(50).optional(),
});
export type DerivedColumn = z.infer<typeof DerivedColumn>;

/** A group of 0/1 columns of which exactly one is 1 in every row (brush types A11/A13/A21/A32). */
export const OneHotGroup = z.strictObject({ name, columns: z.array(name).min(2).max(100) });
export type OneHotGroup = z.infer<typeof OneHotGroup>;

/** A rule a row must meet; a row breaking one is rejected with the row and column named. */
export const ValidationRule = z.discriminatedUnion('kind', [
  /** The column's value is one of `values`, optionally only in rows where `when.column` equals `when.equals`. */
  z.strictObject({
    kind: z.literal('allowed_values'),
    column: name,
    values: z.array(literal).min(1).max(1000),
    when: z.strictObject({ column: name, equals: literal }).optional(),
  }),
  /** The column's value lies in [min, max] (either bound may be absent). */
  z.strictObject({
    kind: z.literal('range'),
    column: name,
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  /** The columns must have a value in every row. */
  z.strictObject({ kind: z.literal('required'), columns: z.array(name).min(1).max(100) }),
]);
export type ValidationRule = z.infer<typeof ValidationRule>;

export const DomainProfile = z.strictObject({
  /** A slug (`brush-deburring`); with `version` it identifies the profile. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  version: z.number().int().min(1),
  name: z.strictObject({ ja: z.string().min(1).max(255), en: z.string().min(1).max(255) }),
  description: z.string().max(4000).optional(),
  columns: z.array(ProfileColumn).min(1).max(1000),
  one_hot_groups: z.array(OneHotGroup).max(50).default([]),
  derived: z.array(DerivedColumn).max(100).default([]),
  rules: z.array(ValidationRule).max(500).default([]),
  /** The upsert key: a row whose key columns equal an existing row's updates it. */
  key_columns: z.array(name).min(1).max(100),
  /** The column holding the run date (role `date`), used by date filters; optional. */
  date_column: name.optional(),
});
export type DomainProfile = z.infer<typeof DomainProfile>;
export type DomainProfileInput = z.input<typeof DomainProfile>;
