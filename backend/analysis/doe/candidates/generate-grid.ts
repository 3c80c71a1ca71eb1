/**
 * Generates the candidate grid (the Cartesian product of the factor levels, filtered by the constraints) as a
 * stream: an odometer walks the level indices and accepted rows go straight into typed-array chunks, so millions
 * of candidates never exist as JavaScript objects.
 *
 * Limits (documented, each a CandidateError naming the numbers):
 * - MAX_CANDIDATES = 2,000,000 accepted candidates: the design search and the exported CSV stay within a few
 *   hundred megabytes and minutes;
 * - MAX_COMBINATIONS = 50,000,000 combinations examined: a grid that large takes too long to filter; make the
 *   steps coarser or list levels.
 */
import { MAX_CANDIDATES, MAX_COMBINATIONS } from '../../../../src-shared/api/candidate-limits.js';
import type { AbortSignalLike } from '../../linear/ols.js';
import {
  oneHotGroupName,
  type CandidateChunk,
  type CandidateFactor,
  type CandidateSet,
} from './candidate-set.js';
import {
  ConstraintError,
  compileConstraint,
  parseConstraint,
  type ConstraintColumn,
  type ConstraintPredicate,
} from './constraint-expression.js';
import { CandidateError, factorLevels, type FactorDefinitionInput } from './factor-levels.js';

// Shared with the renderer, which warns about too large a grid before submitting.
export { MAX_CANDIDATES, MAX_COMBINATIONS };
export const DEFAULT_CHUNK_SIZE = 65_536;

export interface GridInput {
  factors: FactorDefinitionInput[];
  /** Groups of 0/1 columns of which exactly one is 1; each becomes one factor placed before `factors`. */
  oneHotGroups?: string[][] | undefined;
  /** Conditions every candidate must meet (constraint-expression.ts). */
  constraints?: string[] | undefined;
  maxCandidates?: number;
  maxCombinations?: number;
  chunkSize?: number;
  signal?: AbortSignalLike | undefined;
  /** Fraction of the combinations examined, 0..1. */
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface ConstraintCount {
  constraint: string;
  /** Combinations this constraint rejects on its own (a combination rejected by two counts for both). */
  rejected: number;
}

export interface GridResult {
  set: CandidateSet;
  /** Combinations examined: the product of the level counts. */
  generated: number;
  /** Combinations removed by the constraints (generated − set.count). */
  removed: number;
  constraints: ConstraintCount[];
}

/** A parsed and compiled constraint, with the error position mapped to the `constraints.k` parameter. */
export interface CompiledConstraint {
  text: string;
  predicate: ConstraintPredicate;
}

/**
 * How a constraint sees a candidate row: numeric factors first (one slot each), then one slot per member column
 * of every one-hot group (0 or 1); categorical and one-hot factors also have a code slot (level / member index).
 */
export interface RowLayout {
  numericSlots: number;
  codeSlots: number;
  /** Per factor: its numeric slot (numeric) or code slot (categorical, one-hot). */
  slotOf: number[];
  /** Per one-hot factor: the numeric slot of its first member column (members are consecutive); -1 otherwise. */
  memberSlotOf: number[];
  resolve(name: string): ConstraintColumn | undefined;
  names: string[];
}

export function rowLayout(factors: readonly CandidateFactor[]): RowLayout {
  let numericSlots = 0;
  let codeSlots = 0;
  const slotOf: number[] = [];
  const memberSlotOf: number[] = [];
  const columns = new Map<string, ConstraintColumn>();
  for (const f of factors) {
    if (f.kind === 'numeric') {
      columns.set(f.name, { kind: 'numeric', slot: numericSlots });
      slotOf.push(numericSlots++);
    } else {
      if (f.kind === 'categorical')
        columns.set(f.name, { kind: 'categorical', slot: codeSlots, levels: f.levels });
      slotOf.push(codeSlots++);
    }
  }
  for (const f of factors) {
    if (f.kind !== 'one_hot') {
      memberSlotOf.push(-1);
      continue;
    }
    memberSlotOf.push(numericSlots);
    for (const c of f.columns) columns.set(c, { kind: 'numeric', slot: numericSlots++ });
  }
  return {
    numericSlots,
    codeSlots,
    slotOf,
    memberSlotOf,
    resolve: (name) => columns.get(name),
    names: [...columns.keys()],
  };
}

/**
 * Parses and compiles each constraint against the layout's columns. Throws CandidateError with field
 * `constraints.<k>` and details {constraint, position} for a syntax error or an unknown column. Pure.
 */
export function compileConstraints(texts: readonly string[], layout: RowLayout): CompiledConstraint[] {
  return texts.map((text, k) => {
    try {
      return { text, predicate: compileConstraint(parseConstraint(text), layout.resolve, layout.names) };
    } catch (err) {
      if (err instanceof ConstraintError) {
        throw new CandidateError(`constraint ${k + 1} (${text}): ${err.message}`, `constraints.${k}`, {
          constraint: text,
          position: err.position,
        });
      }
      throw err;
    }
  });
}

/** Checks one-hot groups and factor names: every column name appears once across factors and groups. */
function checkNames(factors: readonly FactorDefinitionInput[], groups: readonly string[][]): void {
  const seen = new Set<string>();
  const claim = (name: string, field: string) => {
    if (seen.has(name)) throw new CandidateError(`column '${name}' is defined twice`, field);
    seen.add(name);
  };
  groups.forEach((g, k) => {
    if (g.length < 2)
      throw new CandidateError(`one-hot group ${k + 1} needs at least two columns`, `one_hot_groups.${k}`);
    for (const c of g) claim(c, `one_hot_groups.${k}`);
  });
  factors.forEach((f) => claim(f.name, `factors.${f.name}`));
}

/**
 * The candidate factors of a definition: one-hot groups first (in the order given), then the factors. Pure;
 * throws CandidateError for a bad definition.
 */
export function gridFactors(
  factors: readonly FactorDefinitionInput[],
  oneHotGroups: readonly string[][] = [],
): { factors: CandidateFactor[]; levelCounts: number[]; numericLevels: Array<Float64Array | null> } {
  checkNames(factors, oneHotGroups);
  const out: CandidateFactor[] = [];
  const levelCounts: number[] = [];
  const numericLevels: Array<Float64Array | null> = [];
  for (const g of oneHotGroups) {
    out.push({ kind: 'one_hot', name: oneHotGroupName(g), columns: [...g] });
    levelCounts.push(g.length);
    numericLevels.push(null);
  }
  for (const def of factors) {
    const lv = factorLevels(def);
    if (lv.kind === 'numeric') {
      out.push({ kind: 'numeric', name: lv.name });
      levelCounts.push(lv.levels.length);
      numericLevels.push(lv.levels);
    } else {
      out.push({ kind: 'categorical', name: lv.name, levels: lv.levels });
      levelCounts.push(lv.levels.length);
      numericLevels.push(null);
    }
  }
  return { factors: out, levelCounts, numericLevels };
}

function newChunk(factors: readonly CandidateFactor[], size: number): CandidateChunk {
  return {
    length: 0,
    values: factors.map((f) => (f.kind === 'numeric' ? new Float64Array(size) : new Int32Array(size))),
  };
}

/** Trims the last chunk's arrays to its length so no memory is held for rows that never came. */
function trim(chunk: CandidateChunk): CandidateChunk {
  return { length: chunk.length, values: chunk.values.map((v) => v.slice(0, chunk.length)) };
}

/**
 * Streams the filtered Cartesian product (first factor slowest, last fastest, as itertools.product). Pure apart
 * from `onProgress`; checks `signal` every chunk. Throws CandidateError when the grid is too large, when the
 * constraints cannot be parsed, or when they remove every candidate (naming the constraint that does it alone,
 * or saying it takes them together).
 */
export function generateGrid(input: GridInput): GridResult {
  const maxCandidates = input.maxCandidates ?? MAX_CANDIDATES;
  const maxCombinations = input.maxCombinations ?? MAX_COMBINATIONS;
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const texts = input.constraints ?? [];
  const { factors, levelCounts, numericLevels } = gridFactors(input.factors, input.oneHotGroups ?? []);
  const F = factors.length;
  if (F === 0) throw new CandidateError('define at least one factor', 'factors');

  const total = levelCounts.reduce((a, b) => a * b, 1);
  if (total > maxCombinations) {
    throw new CandidateError(
      `the factor levels give ${total.toLocaleString('en-US')} combinations, more than the ${maxCombinations.toLocaleString('en-US')} that can be examined; use larger steps or fewer levels`,
      'factors',
      { combinations: total, limit: maxCombinations },
    );
  }
  if (texts.length === 0 && total > maxCandidates) {
    throw new CandidateError(
      `the factor levels give ${total.toLocaleString('en-US')} candidates, more than the limit of ${maxCandidates.toLocaleString('en-US')}; use larger steps, fewer levels or constraints`,
      'factors',
      { candidates: total, limit: maxCandidates },
    );
  }

  const layout = rowLayout(factors);
  const constraints = compileConstraints(texts, layout);
  const rejected = new Float64Array(constraints.length);
  const numeric = new Float64Array(layout.numericSlots);
  const codes = new Int32Array(layout.codeSlots);
  const index = new Int32Array(F);

  /** Writes factor j's current level into the row buffers. */
  const load = (j: number) => {
    const f = factors[j]!;
    const k = index[j]!;
    if (f.kind === 'numeric') {
      numeric[layout.slotOf[j]!] = numericLevels[j]![k]!;
      return;
    }
    codes[layout.slotOf[j]!] = k;
    if (f.kind === 'one_hot') {
      const first = layout.memberSlotOf[j]!;
      for (let m = 0; m < f.columns.length; m++) numeric[first + m] = m === k ? 1 : 0;
    }
  };
  for (let j = 0; j < F; j++) load(j);

  const chunks: CandidateChunk[] = [];
  let chunk = newChunk(factors, chunkSize);
  let accepted = 0;
  const progressEvery = 65_536;
  for (let done = 0; done < total;) {
    let keep = true;
    for (let c = 0; c < constraints.length; c++) {
      if (!constraints[c]!.predicate(numeric, codes)) {
        keep = false;
        rejected[c]!++;
      }
    }
    if (keep) {
      if (accepted >= maxCandidates) {
        throw new CandidateError(
          `more than ${maxCandidates.toLocaleString('en-US')} candidates meet the constraints (the limit); use larger steps, fewer levels or tighter constraints`,
          'factors',
          { limit: maxCandidates },
        );
      }
      const r = chunk.length;
      for (let j = 0; j < F; j++) {
        const f = factors[j]!;
        chunk.values[j]![r] = f.kind === 'numeric' ? numeric[layout.slotOf[j]!]! : index[j]!;
      }
      chunk.length++;
      accepted++;
      if (chunk.length === chunkSize) {
        chunks.push(chunk);
        chunk = newChunk(factors, chunkSize);
      }
    }
    done++;
    if (done % progressEvery === 0) {
      input.signal?.throwIfAborted();
      input.onProgress?.(done / total);
    }
    // Odometer step: the last factor turns fastest; reload only the digits that changed.
    for (let j = F - 1; j >= 0; j--) {
      if (++index[j]! < levelCounts[j]!) {
        load(j);
        break;
      }
      index[j] = 0;
      load(j);
    }
  }
  if (chunk.length > 0) chunks.push(trim(chunk));
  input.onProgress?.(1);

  const counts = constraints.map((c, k) => ({ constraint: c.text, rejected: rejected[k]! }));
  if (accepted === 0) {
    const alone = counts.find((c) => c.rejected === total);
    if (alone !== undefined) {
      const k = counts.indexOf(alone);
      throw new CandidateError(
        `constraint ${k + 1} (${alone.constraint}) removes every one of the ${total.toLocaleString('en-US')} candidates`,
        `constraints.${k}`,
        { constraint: alone.constraint, generated: total },
      );
    }
    throw new CandidateError(
      `the constraints together remove every one of the ${total.toLocaleString('en-US')} candidates (each alone keeps some): ${texts.join('; ')}`,
      'constraints',
      { generated: total },
    );
  }
  return {
    set: { factors, chunks, count: accepted },
    generated: total,
    removed: total - accepted,
    constraints: counts,
  };
}
