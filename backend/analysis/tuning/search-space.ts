/**
 * How a tuning search space is declared and how each parameter maps to the real line on which the Parzen
 * estimators live, so the sampler, the random start and the model search spaces agree on one definition.
 *
 * Glossary:
 * - float: a real in [low, high]; `log` samples log-uniformly (low > 0); `step` restricts to low + k·step.
 * - int: an integer in [low, high] on the grid low + k·step (step default 1); `log` samples log-uniformly
 *   (low ≥ 1, step must be 1), as Optuna's suggest_int(log=True).
 * - categorical: one of `choices` (strings, numbers, booleans or null); the sampler works on the index.
 * - when: a conditional parameter, active only when an earlier categorical parameter takes one of the listed
 *   values; an inactive parameter is absent from the trial's params (Optuna's define-by-run `if`).
 * - internal value: what the Parzen estimators model. float/int: the value, or its natural log under `log`;
 *   categorical: the index of the choice.
 * - Parzen bounds [lo, hi]: Optuna's `_calculate_parzen_bounds`. Continuous float: [low, high]; log:
 *   [ln low, ln high]; gridded (int or stepped float): [low − step/2, high + step/2] so each grid point owns
 *   an interval of width `step`; log int: [ln(low − ½), ln(high + ½)].
 */
import type { Rng } from '../random/rng.js';

export type CategoricalChoice = string | number | boolean | null;

export interface ParamCondition {
  /** Name of a categorical parameter declared earlier in the space. */
  param: string;
  /** The parent's values under which this parameter is active. */
  in: readonly CategoricalChoice[];
}

export interface FloatParam {
  kind: 'float';
  low: number;
  high: number;
  log?: boolean;
  step?: number;
  when?: ParamCondition;
}

export interface IntParam {
  kind: 'int';
  low: number;
  high: number;
  log?: boolean;
  step?: number;
  when?: ParamCondition;
}

export interface CategoricalParam {
  kind: 'categorical';
  choices: readonly CategoricalChoice[];
  when?: ParamCondition;
}

export type ParamSpec = FloatParam | IntParam | CategoricalParam;

/** Parameters in declaration order (parents before the parameters conditioned on them). */
export type SearchSpace = Readonly<Record<string, ParamSpec>>;

/** One trial's parameters: numbers for float/int, a choice for categorical; inactive parameters are absent. */
export type Params = Record<string, CategoricalChoice>;

/** A numeric parameter as the Parzen estimator sees it. `q` is the grid step in internal units, null if continuous. */
export interface NumericDomain {
  lo: number;
  hi: number;
  q: number | null;
}

/** Throws a RangeError naming the first problem in the space: empty, bad bounds, log with low ≤ 0, bad conditions. */
export function validateSearchSpace(space: SearchSpace): void {
  const names = Object.keys(space);
  if (names.length === 0) throw new RangeError('search space: no parameters');
  const seen = new Set<string>();
  for (const name of names) {
    const spec = space[name]!;
    if (spec.kind === 'categorical') {
      if (spec.choices.length === 0) throw new RangeError(`search space: '${name}' has no choices`);
    } else {
      const { low, high, log, step } = spec;
      if (!Number.isFinite(low) || !Number.isFinite(high) || low > high)
        throw new RangeError(`search space: '${name}' needs finite low ≤ high, got [${low}, ${high}]`);
      if (log && low <= 0) throw new RangeError(`search space: '${name}' is log-scaled, so low must be > 0`);
      if (step !== undefined && !(step > 0)) throw new RangeError(`search space: '${name}' step must be > 0`);
      if (log && step !== undefined && !(spec.kind === 'int' && step === 1))
        throw new RangeError(`search space: '${name}' cannot be both log-scaled and stepped`);
      if (
        spec.kind === 'int' &&
        (!Number.isInteger(low) || !Number.isInteger(high) || !Number.isInteger(step ?? 1))
      )
        throw new RangeError(`search space: int '${name}' needs integer low, high and step`);
    }
    if (spec.when) {
      const parent = space[spec.when.param];
      if (!parent || !seen.has(spec.when.param) || parent.kind !== 'categorical')
        throw new RangeError(
          `search space: '${name}' is conditioned on '${spec.when.param}', which must be an earlier categorical`,
        );
      for (const v of spec.when.in)
        if (!parent.choices.includes(v))
          throw new RangeError(
            `search space: '${name}' is conditioned on a value '${String(v)}' that '${spec.when.param}' cannot take`,
          );
    }
    seen.add(name);
  }
}

/** The largest grid point low + k·step ≤ high (Optuna likewise shrinks `high` onto the grid). */
export function gridHigh(spec: FloatParam | IntParam): number {
  const step = spec.step ?? (spec.kind === 'int' ? 1 : undefined);
  if (step === undefined || spec.log) return spec.high;
  const k = Math.floor((spec.high - spec.low) / step + 1e-9);
  return spec.low + k * step;
}

/** Parzen bounds and grid step of a numeric parameter, in internal units (see the glossary). */
export function numericDomain(spec: FloatParam | IntParam): NumericDomain {
  const high = gridHigh(spec);
  if (spec.kind === 'float') {
    if (spec.log) return { lo: Math.log(spec.low), hi: Math.log(high), q: null };
    if (spec.step !== undefined)
      return { lo: spec.low - spec.step / 2, hi: high + spec.step / 2, q: spec.step };
    return { lo: spec.low, hi: high, q: null };
  }
  if (spec.log) return { lo: Math.log(spec.low - 0.5), hi: Math.log(high + 0.5), q: null };
  const step = spec.step ?? 1;
  return { lo: spec.low - step / 2, hi: high + step / 2, q: step };
}

/** True when the parameter can take only one value (low = high after gridding, or a single choice). */
export function isFixed(spec: ParamSpec): boolean {
  return spec.kind === 'categorical' ? spec.choices.length === 1 : gridHigh(spec) === spec.low;
}

/** The internal value of an external one (log for log-scaled, choice index for categorical). */
export function toInternal(spec: ParamSpec, value: CategoricalChoice): number {
  if (spec.kind === 'categorical') return spec.choices.indexOf(value);
  return spec.log ? Math.log(value as number) : (value as number);
}

/**
 * The external value of an internal one drawn on the Parzen bounds: exp for log, rounding onto the grid for
 * int and stepped float, clipped into [low, high] (the bounds extend half a step beyond the grid).
 */
export function fromInternal(spec: ParamSpec, x: number): CategoricalChoice {
  if (spec.kind === 'categorical') return spec.choices[x]!;
  const high = gridHigh(spec);
  const clip = (v: number) => Math.min(Math.max(v, spec.low), high);
  if (spec.kind === 'float') {
    if (spec.log) return clip(Math.exp(x));
    if (spec.step !== undefined) return clip(spec.low + Math.round((x - spec.low) / spec.step) * spec.step);
    return clip(x);
  }
  if (spec.log) return clip(Math.round(Math.exp(x)));
  const step = spec.step ?? 1;
  return clip(spec.low + Math.round((x - spec.low) / step) * step);
}

/** Whether the parameter is active given the values already drawn for its (earlier) parent. */
export function isActive(spec: ParamSpec, params: Params): boolean {
  if (!spec.when) return true;
  const parent = params[spec.when.param];
  return parent !== undefined && spec.when.in.includes(parent);
}

/**
 * A uniform draw (Optuna's RandomSampler): uniform on the Parzen bounds then mapped by `fromInternal`, so
 * grid points are equally likely and log parameters are log-uniform. Advances `rng`.
 */
export function sampleUniform(spec: ParamSpec, rng: Rng): CategoricalChoice {
  if (spec.kind === 'categorical') return spec.choices[rng.int(spec.choices.length)]!;
  if (isFixed(spec)) return spec.low;
  const { lo, hi } = numericDomain(spec);
  return fromInternal(spec, lo + (hi - lo) * rng.next());
}
