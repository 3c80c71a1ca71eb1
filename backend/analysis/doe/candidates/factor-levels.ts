/**
 * Turns an engineer's factor definition (a range with a step, or a list of levels) into the exact levels of the
 * grid, so that `0.1 … 0.3 step 0.1` gives 0.1, 0.2, 0.3 and not 0.30000000000000004 or a lost last level.
 */

/** Any problem with the candidate definition the user must fix; `field` names the parameter when known. */
export class CandidateError extends Error {
  override name = 'CandidateError';
  constructor(
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A factor as the job parameters define it (structurally the contract's FactorDefinition after parsing). */
export interface FactorDefinitionInput {
  name: string;
  type?: 'continuous' | 'categorical';
  min?: number | undefined;
  max?: number | undefined;
  step?: number | undefined;
  levels?: Array<number | string> | undefined;
}

export type FactorLevels =
  | { kind: 'numeric'; name: string; levels: Float64Array }
  | { kind: 'categorical'; name: string; levels: string[] };

/** More levels than this for one factor is almost surely a wrong step (documented limit). */
export const MAX_LEVELS_PER_FACTOR = 100_000;

/** Relative slack when counting steps, so (0.3 − 0.1) / 0.1 = 1.9999999999999998 still counts 3 levels. */
const STEP_SLACK = 1e-9;

/** Decimal places in the shortest round-trip text of x (0 for integers; up to 20 for 1e-20). */
function decimals(x: number): number {
  const text = String(Math.abs(x));
  const exp = /e([+-]\d+)$/.exec(text);
  const mantissa = exp ? text.slice(0, exp.index) : text;
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, fraction - (exp ? Number(exp[1]) : 0));
}

/**
 * min, min + step, …, up to max (inclusive within a relative slack of 1e-9 of a step), each rounded to the
 * decimals of min and step so binary noise does not show (0.1 + 2·0.1 = 0.3). Throws CandidateError for
 * min > max, a non-positive step, or more than MAX_LEVELS_PER_FACTOR levels. Pure.
 */
export function rangeLevels(name: string, min: number, max: number, step: number): Float64Array {
  const field = `factors.${name}`;
  if (!Number.isFinite(min) || !Number.isFinite(max))
    throw new CandidateError(`factor '${name}': min and max must be finite`, field);
  if (min > max) throw new CandidateError(`factor '${name}': min ${min} is greater than max ${max}`, field);
  if (!(step > 0) || !Number.isFinite(step))
    throw new CandidateError(`factor '${name}': step must be positive`, field);
  const steps = Math.floor((max - min) / step + STEP_SLACK);
  if (steps + 1 > MAX_LEVELS_PER_FACTOR) {
    throw new CandidateError(
      `factor '${name}': ${min} to ${max} in steps of ${step} gives ${steps + 1} levels, more than ${MAX_LEVELS_PER_FACTOR}; use a larger step`,
      field,
    );
  }
  const places = Math.min(20, Math.max(decimals(min), decimals(step)));
  const out = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    const v = Number((min + k * step).toFixed(places));
    // The last level may round a hair above max (slack): never exceed the range the user gave.
    out[k] = Math.min(v, max);
  }
  return out;
}

/**
 * The levels of one factor definition:
 * - `levels` (explicit list): continuous → numbers (numeric text such as "10" is accepted), sorted ascending,
 *   duplicates merged; categorical → texts (numbers written as text), in the order given, duplicates merged;
 * - continuous with min, max and step → rangeLevels; with min and max only → the two levels min, max;
 *   min = max without a step → that one level.
 * Throws CandidateError naming the factor for a definition that is missing or contradictory. Pure.
 */
export function factorLevels(def: FactorDefinitionInput): FactorLevels {
  const field = `factors.${def.name}`;
  const type = def.type ?? 'continuous';
  const hasRange = def.min !== undefined || def.max !== undefined || def.step !== undefined;
  if (def.levels !== undefined && hasRange) {
    throw new CandidateError(`factor '${def.name}': give either levels or min/max/step, not both`, field);
  }
  if (type === 'categorical') {
    if (def.levels === undefined) {
      throw new CandidateError(`factor '${def.name}' is categorical: list its levels`, field);
    }
    return { kind: 'categorical', name: def.name, levels: [...new Set(def.levels.map((l) => String(l)))] };
  }
  if (def.levels !== undefined) {
    const values = def.levels.map((l) =>
      typeof l === 'number' ? l : l.trim() === '' ? Number.NaN : Number(l),
    );
    const bad = def.levels.find((_, k) => !Number.isFinite(values[k]!));
    if (bad !== undefined) {
      throw new CandidateError(
        `factor '${def.name}': level '${bad}' is not a number (make the factor categorical for text levels)`,
        field,
      );
    }
    const sorted = Float64Array.from(new Set(values)).sort();
    return { kind: 'numeric', name: def.name, levels: sorted };
  }
  if (def.min === undefined || def.max === undefined) {
    throw new CandidateError(`factor '${def.name}': give its levels, or min and max (and a step)`, field);
  }
  if (def.step === undefined) {
    if (def.min > def.max) {
      throw new CandidateError(`factor '${def.name}': min ${def.min} is greater than max ${def.max}`, field);
    }
    const levels = def.min === def.max ? [def.min] : [def.min, def.max];
    return { kind: 'numeric', name: def.name, levels: Float64Array.from(levels) };
  }
  return { kind: 'numeric', name: def.name, levels: rangeLevels(def.name, def.min, def.max, def.step) };
}
