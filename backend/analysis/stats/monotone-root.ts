/** One safeguarded Newton iteration shared by the distribution quantiles, so each quantile only states its tail and density. */

/**
 * Root of an increasing function g on the open interval (lo, hi): g(lo⁺) < 0 < g(hi⁻). `step(x)` returns
 * [g(x), g'(x)] (g' > 0 where finite). Newton from x0; a step that leaves the current bracket, or a
 * non-finite value, is replaced by bisection (geometric when the bracket spans more than a factor 4 on the
 * positive axis, so tiny roots get relative precision; doubling when the bracket is open above).
 * Stops when a step is below ~2 ulps of x, or the bracket collapses. Pure.
 */
export function increasingRoot(
  step: (x: number) => [value: number, derivative: number],
  x0: number,
  lo: number,
  hi: number,
): number {
  let x = x0;
  for (let iter = 0; iter < 400; iter++) {
    const [g, dg] = step(x);
    if (g === 0) return x;
    if (Number.isNaN(g)) {
      // Outside the region where the tail is representable: shrink towards the other end.
      hi = x;
    } else if (g < 0) lo = x;
    else hi = x;
    let next = x - g / dg;
    if (!Number.isFinite(next) || Number.isNaN(g) || next <= lo || next >= hi) next = bisect(lo, hi, x);
    if (Math.abs(next - x) <= 4e-16 * Math.abs(x) || next === lo || next === hi) return next;
    x = next;
  }
  return x;
}

function bisect(lo: number, hi: number, x: number): number {
  if (hi === Number.POSITIVE_INFINITY) return x > 0 ? 2 * x : 1;
  if (lo > 0 && hi > 4 * lo) return Math.sqrt(lo * hi);
  return lo + (hi - lo) / 2;
}
