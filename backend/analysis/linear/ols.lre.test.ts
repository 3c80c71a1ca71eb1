import { afterAll, describe, expect, it } from 'vitest';
import { NIST_DATASETS, loadNist, nistDesign } from '../__fixtures__/nist-strd.js';
import { fitOls } from './ols.js';

/**
 * NIST StRD linear regression scored the way McCullough (1998) scores statistical packages: the log
 * relative error LRE = −log10(|a − c| / |c|), i.e. the number of correct significant digits, capped at 15
 * (what a double can certify). For a certified value of 0 the absolute error is used (−log10 |a|); a
 * missing value scores 0. Required: ≥ 9 digits for the lower and average difficulty sets, ≥ 7 for the
 * higher difficulty ones (Filip's condition number is ~1e10 even after scaling).
 */
const CAP = 15;
const REQUIRED: Record<string, number> = {
  Norris: 9,
  Pontius: 9,
  NoInt1: 9,
  NoInt2: 9,
  Filip: 7,
  Longley: 7,
  Wampler1: 7,
  Wampler2: 7,
  Wampler3: 7,
  Wampler4: 7,
  Wampler5: 7,
};

function lre(actual: number | null, certified: number): number {
  if (actual === null || !Number.isFinite(actual)) return 0;
  if (actual === certified) return CAP;
  const err = certified === 0 ? Math.abs(actual) : Math.abs(actual - certified) / Math.abs(certified);
  return Math.max(0, Math.min(CAP, -Math.log10(err)));
}

const table: string[] = [];

afterAll(() => {
  console.log(
    [
      'NIST StRD linear regression: LRE (correct digits, min over parameters, cap 15)',
      '  dataset    estimates  std devs  resid SD        R²  required',
      ...table,
    ].join('\n'),
  );
});

describe.each(NIST_DATASETS)('LRE %s', (name) => {
  it(`reaches ${REQUIRED[name]} digits on every certified value`, () => {
    const ds = loadNist(name);
    const fit = fitOls(nistDesign(ds));
    const cert = ds.certified;
    const estimates = Math.min(
      ...cert.parameters.map((c, j) => lre(fit.coefficients[j]!.estimate, c.estimate)),
    );
    const stdDevs = Math.min(
      ...cert.parameters.map((c, j) => lre(fit.coefficients[j]!.std_error, c.std_dev)),
    );
    const residualSd = lre(fit.residualStdError, cert.residual_sd);
    const r2 = lre(fit.r2, cert.r_squared);
    const f = (v: number): string => v.toFixed(1).padStart(9);
    table.push(
      `  ${name.padEnd(9)} ${f(estimates)} ${f(stdDevs)} ${f(residualSd)} ${f(r2)} ${f(REQUIRED[name]!)}`,
    );
    const required = REQUIRED[name]!;
    expect(estimates).toBeGreaterThanOrEqual(required);
    expect(stdDevs).toBeGreaterThanOrEqual(required);
    expect(residualSd).toBeGreaterThanOrEqual(required);
    expect(r2).toBeGreaterThanOrEqual(required);
  });
});

describe('lre', () => {
  it('scores digits, caps at 15, uses the absolute error for 0 and 0 for a missing value', () => {
    expect(lre(1.0001, 1)).toBeCloseTo(4, 10);
    expect(lre(1, 1)).toBe(15);
    expect(lre(1 + 2 ** -52, 1)).toBe(15);
    expect(lre(1e-9, 0)).toBeCloseTo(9, 10);
    expect(lre(null, 1)).toBe(0);
    expect(lre(Number.NaN, 1)).toBe(0);
    expect(lre(5, 1)).toBe(0);
  });
});
