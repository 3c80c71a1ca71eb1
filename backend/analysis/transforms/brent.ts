/** scipy.optimize.brent ported step for step, so Box-Cox and Yeo-Johnson λ land where scipy's do, not merely near. */

export interface BrentResult {
  /** Abscissa of the minimum found. */
  x: number;
  /** f(x). */
  fx: number;
  iterations: number;
  evaluations: number;
}

const GOLD = 1.618034;
const VERY_SMALL = 1e-21;
const CG = 0.381966;
const MIN_TOL = 1.0e-11;

interface Bracket {
  xa: number;
  xb: number;
  xc: number;
  fb: number;
  evaluations: number;
}

/**
 * scipy.optimize.bracket (SciPy 1.10) from the pair (xa, xb): walks downhill with golden-ratio growth and
 * parabolic extrapolation (grow limit 110) until f(xa) > f(xb) < f(xc). Throws after 1000 steps, as scipy does.
 */
function bracket(f: (x: number) => number, xaIn: number, xbIn: number): Bracket {
  const growLimit = 110.0;
  const maxIter = 1000;
  let xa = xaIn;
  let xb = xbIn;
  let fa = f(xa);
  let fb = f(xb);
  if (fa < fb) {
    [xa, xb] = [xb, xa];
    [fa, fb] = [fb, fa];
  }
  let xc = xb + GOLD * (xb - xa);
  let fc = f(xc);
  let evaluations = 3;
  let iter = 0;
  while (fc < fb) {
    const tmp1 = (xb - xa) * (fb - fc);
    const tmp2 = (xb - xc) * (fb - fa);
    const val = tmp2 - tmp1;
    const denom = Math.abs(val) < VERY_SMALL ? 2.0 * VERY_SMALL : 2.0 * val;
    let w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
    const wlim = xb + growLimit * (xc - xb);
    if (iter > maxIter) throw new RangeError('brent: no bracket found (too many iterations)');
    iter++;
    let fw: number;
    if ((w - xc) * (xb - w) > 0.0) {
      fw = f(w);
      evaluations++;
      if (fw < fc) {
        return { xa: xb, xb: w, xc, fb: fw, evaluations };
      } else if (fw > fb) {
        return { xa, xb, xc: w, fb, evaluations };
      }
      w = xc + GOLD * (xc - xb);
      fw = f(w);
      evaluations++;
    } else if ((w - wlim) * (wlim - xc) >= 0.0) {
      w = wlim;
      fw = f(w);
      evaluations++;
    } else if ((w - wlim) * (xc - w) > 0.0) {
      fw = f(w);
      evaluations++;
      if (fw < fc) {
        xb = xc;
        xc = w;
        w = xc + GOLD * (xc - xb);
        fb = fc;
        fc = fw;
        fw = f(w);
        evaluations++;
      }
    } else {
      w = xc + GOLD * (xc - xb);
      fw = f(w);
      evaluations++;
    }
    xa = xb;
    xb = xc;
    xc = w;
    fa = fb;
    fb = fc;
    fc = fw;
  }
  return { xa, xb, xc, fb, evaluations };
}

/**
 * Minimises f like `scipy.optimize.brent(f, brack=(xa, xb), tol=1.48e-8, maxiter=500)` (SciPy 1.10): the
 * bracket search above, then Brent's parabolic/golden-section iteration with relative tolerance `tol` and the
 * absolute floor 1e-11. The minimum need not lie inside [xa, xb]. Pure; f is called O(20–50) times.
 */
export function brentMinimize(
  f: (x: number) => number,
  brack: readonly [number, number],
  tol = 1.48e-8,
  maxIter = 500,
): BrentResult {
  const br = bracket(f, brack[0], brack[1]);
  let evaluations = br.evaluations;
  let x = br.xb;
  let w = x;
  let v = x;
  let fx = br.fb;
  let fw = fx;
  let fv = fx;
  let a = br.xa < br.xc ? br.xa : br.xc;
  let b = br.xa < br.xc ? br.xc : br.xa;
  let deltax = 0.0;
  let rat = 0.0;
  let iter = 0;
  while (iter < maxIter) {
    const tol1 = tol * Math.abs(x) + MIN_TOL;
    const tol2 = 2.0 * tol1;
    const xmid = 0.5 * (a + b);
    if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(deltax) <= tol1) {
      deltax = x >= xmid ? a - x : b - x; // golden section step
      rat = CG * deltax;
    } else {
      // parabolic step
      const tmp1 = (x - w) * (fx - fv);
      let tmp2 = (x - v) * (fx - fw);
      let p = (x - v) * tmp2 - (x - w) * tmp1;
      tmp2 = 2.0 * (tmp2 - tmp1);
      if (tmp2 > 0.0) p = -p;
      tmp2 = Math.abs(tmp2);
      const dxTemp = deltax;
      deltax = rat;
      if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * dxTemp)) {
        rat = (p * 1.0) / tmp2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = xmid - x >= 0 ? tol1 : -tol1;
      } else {
        deltax = x >= xmid ? a - x : b - x;
        rat = CG * deltax;
      }
    }
    const u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
    const fu = f(u);
    evaluations++;
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        w = u;
        fv = fw;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    }
    iter++;
  }
  return { x, fx, iterations: iter, evaluations };
}
