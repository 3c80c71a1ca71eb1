/**
 * The factors an engineer defines in the optimization form to generate the candidates from scratch, as data: the
 * rows as typed (text, so an empty box is an error rather than 0), their validation (zod, one problem per row and
 * field), the `factors` / `one_hot_groups` / `constraints` parameters they become, the grid size they give, and the
 * header-only CSV sent as "no existing runs".
 */
import { parseTypedNumber } from '../../shared/typed-number.js';
import { z } from 'zod';
import type { FactorDefinition } from '../../../src-shared/api/job-types.js';
import type { FieldProblem } from './linear-form.js';

export type FactorDefinitionInput = z.input<typeof FactorDefinition>;

export type FactorType = 'continuous' | 'categorical';
/** A continuous factor's levels: a range with a step, or listed. Categorical levels are always listed. */
export type LevelMode = 'range' | 'list';
export type FactorPart = 'name' | 'min' | 'max' | 'step' | 'levels';

export interface FactorDraft {
  /** Stable React key: row numbers shift when a row is removed. */
  key: number;
  name: string;
  type: FactorType;
  mode: LevelMode;
  min: string;
  max: string;
  step: string;
  /** Comma-separated (`,`, `、` or `，`). */
  levels: string;
}

export interface FactorDesignDraft {
  factors: FactorDraft[];
  /** One-hot groups, each its column names comma-separated. */
  groups: string[];
  /** One constraint per line. */
  constraints: string;
  /** Send the chosen data set as the runs already done (when there is one); otherwise "no existing runs". */
  useDataSet: boolean;
}

let nextKey = 1;

export function emptyFactor(): FactorDraft {
  return {
    key: nextKey++,
    name: '',
    type: 'continuous',
    mode: 'range',
    min: '',
    max: '',
    step: '',
    levels: '',
  };
}

export function initialFactorDesign(): FactorDesignDraft {
  return { factors: [emptyFactor()], groups: [], constraints: '', useDataSet: true };
}

/** A typed number; null when the box is empty, NaN when it is not a number. */
export const parseNumberText = parseTypedNumber;

/** The items of a comma-separated list (ASCII, Japanese and full-width commas), trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,、，､]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function constraintLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Relative slack when counting steps, as the server counts them (factor-levels.ts STEP_SLACK). */
const STEP_SLACK = 1e-9;

/** The levels a row gives, or null when the row is not complete and valid yet. */
function rowLevels(
  row: FactorDraft,
): { numeric: number[] } | { text: string[] } | { range: [number, number, number] } | null {
  if (row.type === 'categorical') {
    const items = [...new Set(splitList(row.levels))];
    return items.length > 0 ? { text: items } : null;
  }
  if (row.mode === 'list') {
    const items = splitList(row.levels).map((item) => parseNumberText(item) ?? Number.NaN);
    if (items.length === 0 || items.some((v) => !Number.isFinite(v))) return null;
    return { numeric: [...new Set(items)] };
  }
  const min = parseNumberText(row.min);
  const max = parseNumberText(row.max);
  const step = parseNumberText(row.step);
  if (min === null || max === null || step === null) return null;
  if (![min, max, step].every(Number.isFinite) || !(min < max) || !(step > 0)) return null;
  return { range: [min, max, step] };
}

/** How many levels a row gives (as the server counts them), or null while the row is incomplete or invalid. */
export function levelCount(row: FactorDraft): number | null {
  const levels = rowLevels(row);
  if (!levels) return null;
  if ('text' in levels) return levels.text.length;
  if ('numeric' in levels) return levels.numeric.length;
  const [min, max, step] = levels.range;
  return Math.floor((max - min) / step + STEP_SLACK) + 1;
}

/** A one-hot group's columns, duplicates merged. */
export function groupColumns(text: string): string[] {
  return [...new Set(splitList(text))];
}

/**
 * Grid points before the constraints: the product of the factors' level counts and of the one-hot groups' sizes
 * (a group gives one candidate per column, not every 0/1 combination). Null while a factor row is incomplete.
 */
export function gridPointCount(design: FactorDesignDraft): number | null {
  let count = 1;
  for (const row of design.factors) {
    const n = levelCount(row);
    if (n === null) return null;
    count *= n;
  }
  for (const group of design.groups) {
    const columns = groupColumns(group);
    if (columns.length > 0) count *= columns.length;
  }
  return design.factors.length > 0 ? count : null;
}

/** The row as the job's FactorDefinition (call for rows without problems). */
export function factorDefinition(row: FactorDraft): FactorDefinitionInput {
  const name = row.name.trim();
  if (row.type === 'categorical')
    return { name, type: 'categorical', levels: [...new Set(splitList(row.levels))] };
  if (row.mode === 'list') {
    return { name, levels: splitList(row.levels).map((item) => parseNumberText(item) ?? Number.NaN) };
  }
  return {
    name,
    min: parseNumberText(row.min) ?? Number.NaN,
    max: parseNumberText(row.max) ?? Number.NaN,
    step: parseNumberText(row.step) ?? Number.NaN,
  };
}

/** The generated-candidates parameters of the design (the groups and constraints only when there are some). */
export function factorDesignParameters(design: FactorDesignDraft): Record<string, unknown> {
  const params: Record<string, unknown> = { factors: design.factors.map(factorDefinition) };
  const groups = design.groups.map(groupColumns).filter((g) => g.length > 0);
  if (groups.length > 0) params.one_hot_groups = groups;
  const constraints = constraintLines(design.constraints);
  if (constraints.length > 0) params.constraints = constraints;
  return params;
}

/** The columns of the runs-already-done file: the one-hot members first, then the factors (the server's order). */
export function designColumns(design: FactorDesignDraft): string[] {
  return [...design.groups.flatMap(groupColumns), ...design.factors.map((f) => f.name.trim())];
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const NO_EXISTING_RUNS_FILE = 'no-existing-runs.csv';

/** "No existing runs": a CSV with only the header row, made in the browser and uploaded as the job's input. */
export function headerOnlyCsv(design: FactorDesignDraft): File {
  const header = designColumns(design).map(csvField).join(',');
  return new File([`${header}\n`], NO_EXISTING_RUNS_FILE, { type: 'text/csv' });
}

type DesignProblemCode = Extract<FieldProblem['code'], `factor_${string}` | `group_${string}`>;

const problemParams = (code: DesignProblemCode, row: number, part?: FactorPart, value?: string) => ({
  code,
  row,
  ...(part ? { part } : {}),
  ...(value !== undefined ? { value } : {}),
});

/**
 * The draft as it arrives from the inputs (all text), refined into the problems an engineer must fix. Every issue
 * carries its FieldProblem in `params`, its path naming the row and field (`factors.2.step`).
 */
const FactorDesignSchema = z
  .object({
    factors: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['continuous', 'categorical']),
        mode: z.enum(['range', 'list']),
        min: z.string(),
        max: z.string(),
        step: z.string(),
        levels: z.string(),
      }),
    ),
    groups: z.array(z.string()),
  })
  .superRefine((design, ctx) => {
    const issue = (path: string, code: DesignProblemCode, row: number, part?: FactorPart, value?: string) =>
      ctx.addIssue({
        code: 'custom',
        path: path.split('.'),
        message: code,
        params: problemParams(code, row, part, value),
      });
    if (design.factors.length === 0) issue('factors', 'factor_rows_required', 0);
    // Every column name once across the groups and the factors, as the server checks it.
    const claimed = new Set<string>();
    design.groups.forEach((text, k) => {
      const columns = groupColumns(text);
      // An empty box (just added, or cleared) is left out of the parameters, so it is no problem either.
      if (columns.length === 0) return;
      if (columns.length < 2) issue(`one_hot_groups.${k}`, 'group_too_small', k + 1);
      const twice = columns.find((c) => claimed.has(c));
      if (twice !== undefined) issue(`one_hot_groups.${k}`, 'group_column_twice', k + 1, undefined, twice);
      for (const c of columns) claimed.add(c);
    });
    design.factors.forEach((row, k) => {
      const at = (part: FactorPart) => `factors.${k}.${part}`;
      const name = row.name.trim();
      if (name === '') issue(at('name'), 'factor_name_required', k + 1, 'name');
      else if (claimed.has(name)) issue(at('name'), 'factor_name_duplicate', k + 1, 'name', name);
      claimed.add(name);
      if (row.type === 'continuous' && row.mode === 'range') {
        const numbers: Partial<Record<FactorPart, number>> = {};
        for (const part of ['min', 'max', 'step'] as const) {
          const value = parseNumberText(row[part]);
          if (value === null || !Number.isFinite(value)) issue(at(part), 'factor_not_a_number', k + 1, part);
          else numbers[part] = value;
        }
        const { min, max, step } = numbers;
        if (min !== undefined && max !== undefined && !(min < max)) {
          issue(at('max'), 'factor_min_not_below_max', k + 1, 'max');
        }
        if (step !== undefined && !(step > 0)) issue(at('step'), 'factor_step_not_positive', k + 1, 'step');
        return;
      }
      const items = splitList(row.levels);
      if (items.length === 0) {
        issue(at('levels'), 'factor_levels_required', k + 1, 'levels');
        return;
      }
      if (row.type === 'continuous') {
        const bad = items.find((item) => !Number.isFinite(parseNumberText(item) ?? Number.NaN));
        if (bad !== undefined) issue(at('levels'), 'factor_level_not_numeric', k + 1, 'levels', bad);
      }
    });
  });

/** The problems of the draft, one per field (the first found), in the order of the form. */
export function validateFactorDesign(design: FactorDesignDraft): FieldProblem[] {
  const parsed = FactorDesignSchema.safeParse(design);
  if (parsed.success) return [];
  const problems: FieldProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    if (problems.some((p) => p.field === field)) continue;
    const params = (issue as { params?: Omit<FieldProblem, 'field'> }).params;
    problems.push(params ? { field, ...params } : { field, code: 'invalid' });
  }
  return problems;
}
