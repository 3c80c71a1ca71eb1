#!/usr/bin/python3
"""Writes stats-reference.json: reference values for backend/analysis/stats and the OLS inference.

Run from anywhere with Debian's Python (needs python3-scipy, python3-statsmodels, python3-mpmath):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-stats-reference.py

Every distribution point carries two references:
  - "scipy": what scipy.stats / scipy.special return (the established library the brief names);
  - "mp":    the same quantity computed by mpmath at 50 significant digits, rounded to a double.
The mpmath value is the one to trust: scipy 1.10's t.ppf (cdflib's cdft inverse) is off by up to
~1e-11 relative, and its tails underflow or lose digits at extreme arguments. Values that are 0 or
subnormal as doubles are recorded as such; tests compare them with an absolute tolerance.

The OLS part fits statsmodels OLS on (a) a fixed 3-predictor data set with an intercept, (b) the same
without intercept (statsmodels then reports uncentred R^2, as NIST does for NoInt1/2), and (c) Longley
from the NIST StRD fixture, and records params, bse, tvalues, pvalues, conf_int (95 %), rsquared,
rsquared_adj, fvalue, f_pvalue, ssr, df_model, df_resid.
"""
import json
import math
import os
import platform

import mpmath as mp
import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats

mp.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'stats-reference.json')


def f64(v):
    """mpmath number -> nearest double (0.0 below the subnormal range)."""
    return float(mp.mpf(v))


def num(v):
    """JSON-safe double: None for NaN/inf."""
    v = float(v)
    return v if math.isfinite(v) else None


def mp_t_two_sided(t, df):
    t = mp.mpf(t)
    df = mp.mpf(df)
    if t == 0:
        return mp.mpf(1)
    x = df / (df + t * t)
    return mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True)


def mp_t_sf(t, df):
    p2 = mp_t_two_sided(t, df)
    return p2 / 2 if t > 0 else 1 - p2 / 2


def mp_t_isf(q, df, guess):
    """t with P(T > t) = q, for 0 < q < 1/2, by Newton's method on log P(T > t) - log q."""
    q = mp.mpf(q)
    df = mp.mpf(df)
    if df == 1:
        return mp.cot(mp.pi * q)
    if df == 2:
        return (1 - 2 * q) / mp.sqrt(2 * q * (1 - q))
    lq = mp.log(q)
    t = mp.mpf(guess)
    norm = mp.exp(mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2)) / mp.sqrt(df * mp.pi)
    for _ in range(200):
        sf = mp_t_sf(t, df)
        pdf = norm * (1 + t * t / df) ** (-(df + 1) / 2)
        step = (mp.log(sf) - lq) / (pdf / sf)  # d log sf / dt = -pdf/sf
        t_new = t + step
        if t_new <= 0:
            t_new = t / 2
        if abs(t_new - t) < mp.mpf(10) ** (-40) * abs(t):
            return t_new
        t = t_new
    raise RuntimeError('no convergence for q=%r df=%r' % (q, df))


def mp_f_sf(f, d1, d2):
    f = mp.mpf(f)
    d1 = mp.mpf(d1)
    d2 = mp.mpf(d2)
    x = d2 / (d2 + d1 * f)
    return mp.betainc(d2 / 2, d1 / 2, 0, x, regularized=True)


DFS = [1, 1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 200, 500, 1000]
TS = [0, 1e-300, 1e-10, 1e-5, 0.01, 0.1, 0.5, 1, 1.5, 1.96, 2, 2.5, 3, 4, 5, 7, 10, 20, 50, 100, 1e3, 1e4,
      1e6, 1e10, 1e50, 1e150, 1e300, -1e-5, -0.5, -2, -3, -30]
QS = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 1e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95,
      0.975, 0.99, 0.999, 1 - 1e-10]


def t_section():
    sf_rows = []
    ppf_rows = []
    for df in DFS:
        # Points whose upper tail is about 1e-300 and 1e-100: the extreme tails.
        extra = []
        for q in (1e-300, 1e-100):
            guess = float(stats.t.isf(q, df))
            extra.append(f64(mp_t_isf(q, df, guess if math.isfinite(guess) and guess > 0 else 10)))
        for t in TS + extra:
            sf_rows.append({
                't': t, 'df': df,
                'sf_scipy': num(stats.t.sf(t, df)), 'sf_mp': f64(mp_t_sf(t, df)),
                'two_sided_mp': f64(mp_t_two_sided(t, df)),
            })
        for p in QS:
            scipy_ppf = float(stats.t.ppf(p, df))
            if p == 0.5:
                exact = mp.mpf(0)
            elif p < 0.5:
                exact = -mp_t_isf(p, df, -scipy_ppf)
            else:
                exact = mp_t_isf(1 - mp.mpf(p), df, scipy_ppf)  # 1 - p is exact for p in [0.5, 1]
            ppf_rows.append({'p': p, 'df': df, 'ppf_scipy': num(scipy_ppf), 'ppf_mp': f64(exact)})
    return sf_rows, ppf_rows


def f_section():
    rows = []
    for d1 in [1, 2, 3, 5, 10, 50, 100, 1000]:
        for d2 in [1, 2, 3, 5, 10, 30, 100, 1000]:
            for f in [1e-10, 0.01, 0.1, 0.5, 1, 2, 3, 5, 10, 100, 1e4, 1e10, 1e100]:
                rows.append({'f': f, 'd1': d1, 'd2': d2,
                             'sf_scipy': num(stats.f.sf(f, d1, d2)), 'sf_mp': f64(mp_f_sf(f, d1, d2))})
    return rows


def special_section():
    lg = []
    for x in [1e-300, 1e-10, 1e-3, 0.1, 0.5, 0.9, 1, 1.5, 2, 2.5, 3, 5, 9.99, 10, 10.5, 30, 100.5, 1e3, 1e5,
              1e10, 1e100]:
        lg.append({'x': x, 'scipy': num(special.gammaln(x)), 'mp': f64(mp.loggamma(mp.mpf(x)))})
    ib = []
    for a in [0.5, 1, 2.5, 10, 100, 1000]:
        for b in [0.5, 1, 3, 20, 500]:
            for x in [1e-8, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-8]:
                ib.append({'x': x, 'a': a, 'b': b, 'scipy': num(special.betainc(a, b, x)),
                           'mp': f64(mp.betainc(a, b, 0, mp.mpf(x), regularized=True)),
                           # 1 - I_x(a, b) = I_{1-x}(b, a): mpmath's betainc(a, b, x, 1) cancels to 0 in far tails.
                           'mp_complement': f64(mp.betainc(b, a, 0, 1 - mp.mpf(x), regularized=True))})
    return lg, ib


def ols_record(name, X, y, terms, has_intercept):
    res = sm.OLS(y, X, hasconst=has_intercept).fit()
    ci = res.conf_int(alpha=0.05)
    return {
        'name': name, 'n': int(X.shape[0]), 'p': int(X.shape[1]), 'terms': terms,
        'has_intercept': has_intercept,
        'x_columns': [[float(v) for v in X[:, j]] for j in range(X.shape[1])],
        'y': [float(v) for v in y],
        'params': [num(v) for v in res.params], 'bse': [num(v) for v in res.bse],
        'tvalues': [num(v) for v in res.tvalues], 'pvalues': [num(v) for v in res.pvalues],
        'conf_int_low': [num(v) for v in ci[:, 0]], 'conf_int_high': [num(v) for v in ci[:, 1]],
        'rsquared': num(res.rsquared), 'rsquared_adj': num(res.rsquared_adj),
        'fvalue': num(res.fvalue), 'f_pvalue': num(res.f_pvalue), 'ssr': num(res.ssr),
        'df_model': num(res.df_model), 'df_resid': num(res.df_resid),
    }


def ols_section():
    # A fixed small data set: 15 rows, three predictors with moderate correlation, noise from a seeded
    # generator rounded to 3 decimals so the JSON holds the exact inputs.
    rng = np.random.RandomState(20240601)
    n = 15
    x1 = np.round(np.linspace(1.0, 8.0, n) + rng.normal(0, 0.3, n), 3)
    x2 = np.round(0.5 * x1 + rng.normal(0, 1.0, n), 3)
    x3 = np.round(rng.uniform(-2, 2, n), 3)
    y = np.round(3.0 + 1.5 * x1 - 0.8 * x2 + 0.05 * x3 + rng.normal(0, 0.7, n), 3)
    X = np.column_stack([np.ones(n), x1, x2, x3])
    small = ols_record('small3', X, y, ['(Intercept)', 'x1', 'x2', 'x3'], True)
    small_noint = ols_record('small3-noint', X[:, 1:], y, ['x1', 'x2', 'x3'], False)

    with open(os.path.join(HERE, 'nist-strd', 'Longley.json')) as fh:
        lj = json.load(fh)
    ly = np.array(lj['data']['y'], dtype=float)
    lx = [np.array(lj['data']['x%d' % k], dtype=float) for k in range(1, 7)]
    LX = np.column_stack([np.ones(len(ly))] + lx)
    longley = ols_record('Longley', LX, ly, ['(Intercept)'] + ['x%d' % k for k in range(1, 7)], True)
    return [small, small_noint, longley]


def main():
    sf_rows, ppf_rows = t_section()
    lg, ib = special_section()
    doc = {
        'generator': 'backend/analysis/__fixtures__/generate-stats-reference.py',
        'versions': {'python': platform.python_version(), 'scipy': scipy.__version__,
                     'statsmodels': statsmodels.__version__, 'numpy': np.__version__,
                     'mpmath': mp.__version__},
        'log_gamma': lg,
        'incomplete_beta': ib,
        't_sf': sf_rows,
        't_ppf': ppf_rows,
        'f_sf': f_section(),
        'ols': ols_section(),
    }
    with open(OUT, 'w') as fh:
        json.dump(doc, fh, indent=1)
        fh.write('\n')
    print('wrote %s: %d t_sf, %d t_ppf, %d f_sf, %d ols' % (
        OUT, len(sf_rows), len(ppf_rows), len(doc['f_sf']), len(doc['ols'])))


if __name__ == '__main__':
    main()
