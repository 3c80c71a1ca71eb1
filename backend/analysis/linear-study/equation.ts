/** A readable equation in original units, with the inverse transform spelled out, for the report and the UI. */
import type { CoefficientRow } from '../../../src-shared/api/linear-result.js';
import { INTERCEPT_TERM } from '../linear/ols.js';

const fmt = (v: number) => Number(v.toPrecision(6)).toString();

export function linearEquation(
  target: string,
  coefficients: CoefficientRow[],
  transform: { name: string; lambda: number | null; shift: number },
): string {
  let rhs = '';
  for (const c of coefficients) {
    if (c.estimate === null || c.estimate === 0) continue;
    const magnitude = fmt(Math.abs(c.estimate));
    const part = c.term === INTERCEPT_TERM ? magnitude : `${magnitude}·${c.term}`;
    rhs += rhs === '' ? (c.estimate < 0 ? `−${part}` : part) : ` ${c.estimate < 0 ? '−' : '+'} ${part}`;
  }
  if (rhs === '') rhs = '0';
  const shift = transform.shift !== 0 ? ` − ${fmt(transform.shift)}` : '';
  const lambda = transform.lambda === null ? '' : fmt(transform.lambda);
  switch (transform.name) {
    case 'log':
      return `${target} = exp(z)${shift},  z = ${rhs}`;
    case 'log10':
      return `${target} = 10^z${shift},  z = ${rhs}`;
    case 'sqrt':
      return `${target} = z²${shift},  z = ${rhs}`;
    case 'box_cox':
      return `${target} = (${lambda}·z + 1)^(1/${lambda})${shift} (Box-Cox λ = ${lambda}),  z = ${rhs}`;
    case 'yeo_johnson':
      return `${target} = Yeo-Johnson⁻¹(z; λ = ${lambda}),  z = ${rhs}`;
    default:
      return `${target} = ${rhs}`;
  }
}
