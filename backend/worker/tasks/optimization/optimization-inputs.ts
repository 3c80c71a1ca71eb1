/**
 * Turns the uploaded table and the parameters into the two things a design is chosen from: the candidate set
 * (read from the file, or generated from factor definitions) and the runs already done, matched to candidates.
 *
 * Glossary:
 * - candidate file mode (no `factors`): every usable row of the file is a candidate; rows flagged by
 *   `existing_column` are runs already done (fixed, never chosen again); constraints filter the other rows;
 * - generated mode (`factors` given): the grid is generated; every row of the file is a run already done (the
 *   file may hold only a header), matched to the grid with tolerance; an unmatched run is still a fixed row;
 * - run columns: the runs' factor values in the candidate set's representation (Float64Array for a numeric
 *   factor, Int32Array level / member index for the others, −1 when not a level).
 */
import type { JobParameters } from '../../../../src-shared/api/job-types.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import {
  CandidateError,
  candidateSetFromColumns,
  compileConstraints,
  generateGrid,
  matchRuns,
  oneHotGroupName,
  outputColumns,
  rowLayout,
  type CandidateFactor,
  type CandidateSet,
  type ConstraintCount,
} from '../../../analysis/doe/candidates/index.js';
import { compareCodePoints } from '../../../analysis/linear/design-spec.js';
import {
  TableError,
  parseNumber,
  readTable,
  requireColumns,
  rowNumberOf,
  type Column,
  type Table,
} from '../../../ingest/index.js';
import { TaskError } from '../task.js';

type Params = JobParameters['optimization'];
export type Cell = number | string | null;

export interface ExistingRuns {
  n: number;
  /** One per candidate factor, length n (see the module glossary). */
  columns: Array<Float64Array | Int32Array>;
  /** Candidate index of each run, or −1 when it matches none. */
  matched: Int32Array;
  /** Each run's output cells (one-hot groups expanded), as the form shows them. */
  records: Array<Record<string, Cell>>;
}

export interface DesignInputs {
  set: CandidateSet;
  /** True when the candidates were generated from `factors`. */
  generated: boolean;
  /** Generation counts (generated mode) or constraint counts over the file's rows (file mode). */
  filtering: { examined: number; removed: number; constraints: ConstraintCount[] };
  existing: ExistingRuns;
  warnings: Warning[];
}

const MAX_LISTED_ROWS = 20;
/** Texts that mark a row of `existing_column` as done (compared case-insensitively); numbers: non-zero. */
const DONE_TEXTS = new Set(['true', 'yes', 'y', 'done', 'existing', '済', '実施済', '既存', '○', '〇']);

function candidateError(err: unknown): never {
  if (err instanceof CandidateError) {
    throw new TaskError('ZS_ERR_INPUT', err.message, {
      field: err.field === undefined ? undefined : `parameters.${err.field}`,
      ...err.details,
    });
  }
  throw err;
}

function listRows(rows: number[], total: number): string {
  return rows.slice(0, MAX_LISTED_ROWS).join(', ') + (total > MAX_LISTED_ROWS ? ', …' : '');
}

/** Which rows of `existing_column` mark runs already done. */
function doneFlags(table: Table, name: string): Uint8Array {
  const column = requireColumns(table, [name], 'existing-run marker')[0]!;
  const flags = new Uint8Array(table.rowCount);
  column.raw.forEach((text, i) => {
    if (text === null) return;
    const v = column.values ? column.values[i]! : parseNumber(text);
    flags[i] =
      v !== null && Number.isFinite(v) ? (v !== 0 ? 1 : 0) : DONE_TEXTS.has(text.toLowerCase()) ? 1 : 0;
  });
  return flags;
}

/** The member index of a one-hot row (exactly one member is 1, the others 0), or −1. */
function oneHotIndex(members: Column[], i: number): number {
  let hit = -1;
  for (let m = 0; m < members.length; m++) {
    const col = members[m]!;
    const v = col.values
      ? col.values[i]!
      : col.raw[i] === null
        ? Number.NaN
        : (parseNumber(col.raw[i]!) ?? Number.NaN);
    if (v === 1) {
      if (hit >= 0) return -1;
      hit = m;
    } else if (v !== 0) return -1;
  }
  return hit;
}

function cellOf(column: Column, i: number): Cell {
  if (column.values) {
    const v = column.values[i]!;
    return Number.isNaN(v) ? null : v;
  }
  return column.raw[i] ?? null;
}

/**
 * Candidate file mode. Factors: the one-hot groups first, then `feature_columns` (or every numeric column except
 * `existing_column` and the group members); text columns become categorical factors (levels sorted by code point).
 * Rows with a missing factor value or a broken one-hot group are dropped with a warning; constraints filter the
 * rows not yet done (a run already done stays, it informs the design).
 */
function fromCandidateFile(table: Table, params: Params): DesignInputs {
  const warnings: Warning[] = [];
  const groups = params.one_hot_groups ?? [];
  const members = new Set(groups.flat());
  const featureNames =
    params.feature_columns ??
    table.columns
      .filter((c) => c.kind === 'numeric' && c.name !== params.existing_column && !members.has(c.name))
      .map((c) => c.name);
  const clash = featureNames.find((f) => members.has(f) || f === params.existing_column);
  if (clash !== undefined) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `column '${clash}' cannot be both a factor and a one-hot member or the existing-run marker`,
      {
        field: 'parameters.feature_columns',
      },
    );
  }
  if (featureNames.length === 0 && groups.length === 0) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      'the candidate file has no numeric factor columns; name them in feature_columns',
      {
        field: 'parameters.feature_columns',
      },
    );
  }
  const featureColumns = requireColumns(table, featureNames, 'factor');
  const groupColumns = groups.map((g) => requireColumns(table, g, 'one-hot'));
  const flags =
    params.existing_column === undefined
      ? new Uint8Array(table.rowCount)
      : doneFlags(table, params.existing_column);

  const factors: CandidateFactor[] = [
    ...groups.map((g): CandidateFactor => ({ kind: 'one_hot', name: oneHotGroupName(g), columns: [...g] })),
    ...featureColumns.map((c): CandidateFactor => {
      if (c.kind === 'empty') {
        throw new TaskError('ZS_ERR_INPUT', `factor column '${c.name}' has no values`, { column: c.name });
      }
      if (c.kind === 'numeric') return { kind: 'numeric', name: c.name };
      const levels = [...new Set(c.raw.filter((v): v is string => v !== null))].sort(compareCodePoints);
      return { kind: 'categorical', name: c.name, levels };
    }),
  ];

  // Per row: the factor values in the candidate representation, or a reason to drop the row.
  const n = table.rowCount;
  const full = factors.map((f) => (f.kind === 'numeric' ? new Float64Array(n) : new Int32Array(n)));
  const valid = new Uint8Array(n).fill(1);
  groupColumns.forEach((cols, g) => {
    const out = full[g] as Int32Array;
    for (let i = 0; i < n; i++) {
      out[i] = oneHotIndex(cols, i);
      if (out[i]! < 0) valid[i] = 0;
    }
  });
  featureColumns.forEach((c, k) => {
    const f = factors[groups.length + k]!;
    const out = full[groups.length + k]!;
    for (let i = 0; i < n; i++) {
      if (f.kind === 'numeric') {
        out[i] = c.values![i]!;
        if (Number.isNaN(out[i]!)) valid[i] = 0;
      } else if (f.kind === 'categorical') {
        const raw = c.raw[i] ?? null;
        out[i] = raw === null ? -1 : f.levels.indexOf(raw);
        if (out[i]! < 0) valid[i] = 0;
      }
    }
  });

  // Constraints filter the rows not yet done.
  const layout = rowLayout(factors);
  let compiled;
  try {
    compiled = compileConstraints(params.constraints ?? [], layout);
  } catch (err) {
    candidateError(err);
  }
  const rejected = new Array<number>(compiled.length).fill(0);
  const numeric = new Float64Array(layout.numericSlots);
  const codes = new Int32Array(layout.codeSlots);
  let examined = 0;
  let removed = 0;
  const keep = new Uint8Array(n);
  const dropped: number[] = [];
  let nDropped = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] === 0) {
      nDropped++;
      if (dropped.length < MAX_LISTED_ROWS) dropped.push(rowNumberOf(table, i));
      continue;
    }
    keep[i] = 1;
    if (flags[i] === 1 || compiled.length === 0) continue;
    factors.forEach((f, j) => {
      const v = full[j]![i]!;
      if (f.kind === 'numeric') numeric[layout.slotOf[j]!] = v;
      else {
        codes[layout.slotOf[j]!] = v;
        if (f.kind === 'one_hot')
          for (let m = 0; m < f.columns.length; m++) numeric[layout.memberSlotOf[j]! + m] = m === v ? 1 : 0;
      }
    });
    examined++;
    let ok = true;
    compiled.forEach((c, k) => {
      if (!c.predicate(numeric, codes)) {
        ok = false;
        rejected[k]!++;
      }
    });
    if (!ok) {
      keep[i] = 0;
      removed++;
    }
  }
  if (nDropped > 0) {
    warnings.push({
      code: 'candidate_rows_dropped',
      message: `${nDropped} candidate row(s) were left out: a factor value is missing or a one-hot group does not have exactly one 1 (rows ${listRows(dropped, nDropped)})`,
      details: { count: nDropped, rows: dropped },
    });
  }
  const constraints = compiled.map((c, k) => ({ constraint: c.text, rejected: rejected[k]! }));
  if (examined > 0 && removed === examined) {
    const k = constraints.findIndex((c) => c.rejected === examined);
    throw new TaskError(
      'ZS_ERR_INPUT',
      k >= 0
        ? `constraint ${k + 1} (${constraints[k]!.constraint}) removes every one of the ${examined} candidate rows`
        : `the constraints together remove every one of the ${examined} candidate rows`,
      { field: k >= 0 ? `parameters.constraints.${k}` : 'parameters.constraints' },
    );
  }

  const index: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i] === 1) index.push(i);
  const columns = full.map((col) =>
    col instanceof Float64Array
      ? Float64Array.from(index, (i) => col[i]!)
      : Int32Array.from(index, (i) => col[i]!),
  );
  const set = candidateSetFromColumns(factors, columns, index.length);

  const doneAt: number[] = [];
  index.forEach((i, k) => {
    if (flags[i] === 1) doneAt.push(k);
  });
  const names = outputColumns(factors);
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const existing: ExistingRuns = {
    n: doneAt.length,
    columns: columns.map((col) =>
      col instanceof Float64Array
        ? Float64Array.from(doneAt, (k) => col[k]!)
        : Int32Array.from(doneAt, (k) => col[k]!),
    ),
    matched: Int32Array.from(doneAt),
    records: doneAt.map((k) =>
      Object.fromEntries(names.map((name) => [name, cellOf(byName.get(name)!, index[k]!)])),
    ),
  };
  return { set, generated: false, filtering: { examined, removed, constraints }, existing, warnings };
}

/** Reads the runs already done from the file (generated mode): none when it has only a header or nothing. */
export function existingFromFile(
  table: Table | null,
  set: CandidateSet,
  params: Params,
  warnings: Warning[],
): ExistingRuns {
  const empty: ExistingRuns = {
    n: 0,
    columns: set.factors.map((f) => (f.kind === 'numeric' ? new Float64Array(0) : new Int32Array(0))),
    matched: new Int32Array(0),
    records: [],
  };
  if (table === null || table.rowCount === 0) return empty;
  const names = outputColumns(set.factors);
  const byName = new Map(requireColumns(table, names, 'factor').map((c) => [c.name, c]));
  const flags =
    params.existing_column === undefined || !table.columns.some((c) => c.name === params.existing_column)
      ? new Uint8Array(table.rowCount).fill(1)
      : doneFlags(table, params.existing_column);

  const rows: number[] = [];
  const problems: number[] = [];
  let nProblems = 0;
  const values: number[][] = set.factors.map(() => []);
  for (let i = 0; i < table.rowCount; i++) {
    if (flags[i] === 0) continue;
    const row: number[] = [];
    let ok = true;
    for (const f of set.factors) {
      if (f.kind === 'numeric') {
        const c = byName.get(f.name)!;
        const v = c.values
          ? c.values[i]!
          : c.raw[i] === null
            ? Number.NaN
            : (parseNumber(c.raw[i]!) ?? Number.NaN);
        row.push(v);
        if (Number.isNaN(v)) ok = false;
      } else if (f.kind === 'categorical') {
        const raw = byName.get(f.name)!.raw[i] ?? null;
        const code = raw === null ? -1 : f.levels.indexOf(raw);
        row.push(code);
        if (code < 0) ok = false;
      } else {
        const code = oneHotIndex(
          f.columns.map((c) => byName.get(c)!),
          i,
        );
        row.push(code);
        if (code < 0) ok = false;
      }
    }
    if (!ok) {
      nProblems++;
      if (problems.length < MAX_LISTED_ROWS) problems.push(rowNumberOf(table, i));
      continue;
    }
    rows.push(i);
    row.forEach((v, j) => values[j]!.push(v));
  }
  if (nProblems > 0) {
    warnings.push({
      code: 'existing_rows_dropped',
      message: `${nProblems} existing run(s) were left out: a factor value is missing, a text value is not one of the factor's levels, or a one-hot group does not have exactly one 1 (rows ${listRows(problems, nProblems)})`,
      details: { count: nProblems, rows: problems },
    });
  }
  const columns = set.factors.map((f, j) =>
    f.kind === 'numeric' ? Float64Array.from(values[j]!) : Int32Array.from(values[j]!),
  );
  const matched = matchRuns(set, columns, rows.length);
  const unmatched: number[] = [];
  let nUnmatched = 0;
  matched.forEach((m, k) => {
    if (m >= 0) return;
    nUnmatched++;
    if (unmatched.length < MAX_LISTED_ROWS) unmatched.push(rowNumberOf(table, rows[k]!));
  });
  if (nUnmatched > 0) {
    warnings.push({
      code: 'existing_runs_unmatched',
      message: `${nUnmatched} existing run(s) match no candidate (within relative 1e-6 / absolute 1e-9); they are kept as fixed runs of the design (rows ${listRows(unmatched, nUnmatched)})`,
      details: { count: nUnmatched, rows: unmatched },
    });
  }
  return {
    n: rows.length,
    columns,
    matched,
    records: rows.map((i) => Object.fromEntries(names.map((name) => [name, cellOf(byName.get(name)!, i)]))),
  };
}

/**
 * Reads the input and builds the candidate set and the runs already done. Throws TaskError (bad parameters,
 * constraints removing everything, too large a grid) or TableError (the file does not fit).
 */
export async function designInputs(
  input: Uint8Array,
  fileName: string,
  params: Params,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<DesignInputs> {
  if (params.factors === undefined) {
    const table = await readTable(input, { filename: fileName, sheet: params.sheet });
    return fromCandidateFile(table, params);
  }
  let table: Table | null;
  try {
    table = await readTable(input, { filename: fileName, sheet: params.sheet });
  } catch (err) {
    if (err instanceof TableError && (err.code === 'no_data_rows' || err.code === 'empty_file')) table = null;
    else throw err;
  }
  let grid;
  try {
    grid = generateGrid({
      factors: params.factors,
      oneHotGroups: params.one_hot_groups,
      constraints: params.constraints,
      onProgress,
      signal,
    });
  } catch (err) {
    candidateError(err);
  }
  const warnings: Warning[] = [];
  const existing = existingFromFile(table, grid.set, params, warnings);
  return {
    set: grid.set,
    generated: true,
    filtering: { examined: grid.generated, removed: grid.removed, constraints: grid.constraints },
    existing,
    warnings,
  };
}
