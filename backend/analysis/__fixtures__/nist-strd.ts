/** Test helper: turns a NIST StRD fixture into an OlsInput, so every NIST test builds designs the same way. */
import Norris from './nist-strd/Norris.json' with { type: 'json' };
import Pontius from './nist-strd/Pontius.json' with { type: 'json' };
import NoInt1 from './nist-strd/NoInt1.json' with { type: 'json' };
import NoInt2 from './nist-strd/NoInt2.json' with { type: 'json' };
import Filip from './nist-strd/Filip.json' with { type: 'json' };
import Longley from './nist-strd/Longley.json' with { type: 'json' };
import Wampler1 from './nist-strd/Wampler1.json' with { type: 'json' };
import Wampler2 from './nist-strd/Wampler2.json' with { type: 'json' };
import Wampler3 from './nist-strd/Wampler3.json' with { type: 'json' };
import Wampler4 from './nist-strd/Wampler4.json' with { type: 'json' };
import Wampler5 from './nist-strd/Wampler5.json' with { type: 'json' };
import type { OlsInput } from '../linear/ols.js';

export interface NistParameter {
  name: string;
  term: string;
  estimate: number;
  std_dev: number;
}

export interface NistDataset {
  name: string;
  n_observations: number;
  model: { intercept: boolean; design_columns: string[] };
  predictors: string[];
  response: string;
  data: Record<string, number[]>;
  certified: {
    parameters: NistParameter[];
    residual_sd: number;
    r_squared: number;
    anova: {
      df_regression: number;
      df_residual: number;
      ss_regression: number;
      ss_residual: number;
      f_statistic: number | null;
    };
  };
}

export const NIST_DATASETS = [
  'Norris',
  'Pontius',
  'NoInt1',
  'NoInt2',
  'Filip',
  'Longley',
  'Wampler1',
  'Wampler2',
  'Wampler3',
  'Wampler4',
  'Wampler5',
] as const;

const FIXTURES: Record<string, unknown> = {
  Norris,
  Pontius,
  NoInt1,
  NoInt2,
  Filip,
  Longley,
  Wampler1,
  Wampler2,
  Wampler3,
  Wampler4,
  Wampler5,
};

/** One fixture, as imported JSON (the JSON parser gives the nearest double to each printed number). */
export function loadNist(name: string): NistDataset {
  const ds = FIXTURES[name];
  if (!ds) throw new Error(`no NIST fixture ${name}`);
  return ds as NistDataset;
}

/**
 * Column values for one design column: '1' (intercept), a predictor name ('x', 'x3'), or a power 'x^k'
 * computed by repeated multiplication (as a user's polynomial term would be).
 */
function column(ds: NistDataset, spec: string): number[] {
  const n = ds.n_observations;
  if (spec === '1') return new Array<number>(n).fill(1);
  const m = /^(\w+)\^(\d+)$/.exec(spec);
  const name = m ? m[1]! : spec;
  const power = m ? Number(m[2]) : 1;
  const base = ds.data[name];
  if (!base) throw new Error(`${ds.name}: no data for ${spec}`);
  return base.map((v) => {
    let out = 1;
    for (let k = 0; k < power; k++) out *= v;
    return out;
  });
}

/** The OlsInput for a dataset; the '1' column becomes the '(Intercept)' term. */
export function nistDesign(ds: NistDataset): OlsInput {
  const n = ds.n_observations;
  const cols = ds.model.design_columns;
  const x = new Float64Array(n * cols.length);
  cols.forEach((spec, j) => x.set(column(ds, spec), j * n));
  return {
    n,
    p: cols.length,
    x,
    y: Float64Array.from(ds.data[ds.response]!),
    terms: cols.map((c) => (c === '1' ? '(Intercept)' : c)),
    hasIntercept: ds.model.intercept,
  };
}
