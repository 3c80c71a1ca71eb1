#!/usr/bin/python3
"""Writes ols-diagnostics-reference.json: statsmodels' values for the OLS diagnostics in
backend/analysis/linear/ols-diagnostics.ts, on a model built from a text column, two numeric columns,
an interaction with the text column and a square term.

Run from anywhere with Debian's Python (needs python3-statsmodels, which brings patsy, numpy, pandas):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-ols-diagnostics-reference.py

The data set is fixed below (24 rows of a made-up machining study: 材料 = material with three levels,
回転速度 = spindle speed, 送り = feed, 面粗度 = surface roughness). The model is fitted with the formula API:

    面粗度 ~ C(材料) + 回転速度 + 送り + C(材料):回転速度 + I(送り ** 2)

and the JSON records, in statsmodels' column order (`columns`, with our term name for each in `terms`):
params, bse, hat diagonal, internally and externally studentized residuals, Cook's distance,
VIF (variance_inflation_factor on the design with its constant, for every non-constant column),
standardized coefficients (params · sd(x) / sd(y), ddof 1), anova_lm(typ=1) with our source names,
llf, aic, bic, ssr, df_resid. Our formula for the same model, in the same term order, is `formula`.

statsmodels solves through a pseudo-inverse, so its parameters (and everything built on the residuals)
carry relative errors up to ~1e-12 (residual-based values up to ~1e-10 for rows with small residuals).
The block `exact` therefore repeats the same quantities computed by mpmath at 50 significant digits
(normal equations on the exact binary inputs, then rounded to doubles): the values to hold our engine to
tightly, while statsmodels is the independent-implementation check.
"""
import json
import math
import os
import platform

import mpmath as mp
import numpy as np
import pandas as pd
import patsy
import statsmodels
import statsmodels.formula.api as smf
from statsmodels.stats.anova import anova_lm
from statsmodels.stats.outliers_influence import OLSInfluence, variance_inflation_factor

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'ols-diagnostics-reference.json')

MATERIAL = ['Steel', 'Alumi', 'Brass'] * 8
SPEED = [800, 1200, 1600, 1000, 1400, 1800, 900, 1300, 1700, 1100, 1500, 1900,
         850, 1250, 1650, 1050, 1450, 1850, 950, 1350, 1750, 1150, 1550, 1950]
FEED = [0.10, 0.15, 0.20, 0.25, 0.12, 0.18, 0.22, 0.08, 0.14, 0.16, 0.24, 0.11,
        0.19, 0.21, 0.09, 0.13, 0.23, 0.17, 0.26, 0.07, 0.155, 0.205, 0.125, 0.185]
# A fixed response: a known surface plus fixed 'noise' (no random generator, so the file never changes).
NOISE = [0.031, -0.052, 0.018, 0.067, -0.024, -0.041, 0.012, 0.055, -0.063, 0.028, -0.009, 0.044,
         -0.036, 0.021, 0.059, -0.017, -0.048, 0.006, 0.073, -0.029, 0.015, -0.058, 0.037, -0.011]
BASE = {'Steel': 1.20, 'Alumi': 0.85, 'Brass': 1.05}
SLOPE = {'Steel': -2.0e-4, 'Alumi': -1.2e-4, 'Brass': -1.6e-4}
ROUGH = [round(BASE[m] + SLOPE[m] * s + 3.1 * f + 9.5 * f * f + e, 6)
         for m, s, f, e in zip(MATERIAL, SPEED, FEED, NOISE)]

# Our formula (backend/analysis/linear/model-formula.ts) with the terms in the order patsy puts them
# (it moves C(材料):回転速度 before 送り), so that the sequential (Type I) ANOVA is the same.
OUR_FORMULA = '材料 + 回転速度 + 材料:回転速度 + 送り + 送り^2'
SM_FORMULA = 'Q("面粗度") ~ C(材料) + 回転速度 + 送り + C(材料):回転速度 + I(送り ** 2)'


def our_term(column):
    """statsmodels/patsy column name -> our term name."""
    names = {
        'Intercept': '(Intercept)',
        'C(材料)[T.Brass]': '材料[Brass]',
        'C(材料)[T.Steel]': '材料[Steel]',
        '回転速度': '回転速度',
        '送り': '送り',
        'C(材料)[T.Brass]:回転速度': '材料[Brass]:回転速度',
        'C(材料)[T.Steel]:回転速度': '材料[Steel]:回転速度',
        'I(送り ** 2)': '送り^2',
    }
    return names[column]


def our_source(source):
    """anova_lm row name -> our ANOVA source name (text levels collapsed to the column)."""
    names = {
        'C(材料)': '材料',
        '回転速度': '回転速度',
        '送り': '送り',
        'C(材料):回転速度': '材料:回転速度',
        'I(送り ** 2)': '送り^2',
        'Residual': 'Residual',
    }
    return names[source]


def mp_sse(cols, y):
    """Residual sum of squares of y on the given columns (lists of mpf), by 50-digit normal equations."""
    if not cols:
        return sum(v * v for v in y)
    X = mp.matrix(len(y), len(cols))
    for j, c in enumerate(cols):
        for i, v in enumerate(c):
            X[i, j] = v
    Y = mp.matrix(y)
    beta = mp.lu_solve(X.T * X, X.T * Y)
    e = Y - X * beta
    return sum(e[i] ** 2 for i in range(len(y)))


def exact_reference(exog, y, columns, anova_sources):
    """The diagnostics at 50 digits from the exact binary design and response."""
    mp.mp.dps = 50
    n, p = exog.shape
    cols = [[mp.mpf(float(exog[i, j])) for i in range(n)] for j in range(p)]
    yy = [mp.mpf(float(v)) for v in y]
    X = mp.matrix(n, p)
    for j in range(p):
        for i in range(n):
            X[i, j] = cols[j][i]
    Y = mp.matrix(yy)
    xtx_inv = (X.T * X) ** -1
    beta = xtx_inv * (X.T * Y)
    e = Y - X * beta
    sse = sum(e[i] ** 2 for i in range(n))
    dfr = n - p
    s2 = sse / dfr
    h = [sum(X[i, a] * xtx_inv[a, b] * X[i, b] for a in range(p) for b in range(p)) for i in range(n)]
    r = [e[i] / mp.sqrt(s2 * (1 - h[i])) for i in range(n)]
    s2i = [(sse - e[i] ** 2 / (1 - h[i])) / (dfr - 1) for i in range(n)]
    t = [e[i] / mp.sqrt(s2i[i] * (1 - h[i])) for i in range(n)]
    cook = [r[i] ** 2 * h[i] / (p * (1 - h[i])) for i in range(n)]
    const = columns.index('Intercept')
    vif = []
    for j in range(p):
        if j == const:
            continue
        mean = sum(cols[j]) / n
        sst = sum((v - mean) ** 2 for v in cols[j])
        vif.append(float(sst / mp_sse([c for k, c in enumerate(cols) if k != j], cols[j])))
    # Type I: SSE of the nested fits, adding the columns of one source at a time (intercept first).
    anova_ss = []
    kept = [cols[const]]
    previous = mp_sse(kept, yy)
    for source_cols in anova_sources:
        kept = kept + [cols[j] for j in source_cols]
        current = mp_sse(kept, yy)
        anova_ss.append(float(previous - current))
        previous = current
    llf = -mp.mpf(n) / 2 * (mp.log(2 * mp.pi) + mp.log(sse / n) + 1)
    return {
        'params': [float(beta[j]) for j in range(p)],
        'hat_diag': [float(v) for v in h],
        'studentized_internal': [float(v) for v in r],
        'studentized_external': [float(v) for v in t],
        'cooks_distance': [float(v) for v in cook],
        'vif': vif,
        'anova_sum_sq': anova_ss,
        'ssr': float(sse),
        'llf': float(llf),
    }


def num(v):
    v = float(v)
    return v if math.isfinite(v) else None


def main():
    df = pd.DataFrame({'材料': MATERIAL, '回転速度': SPEED, '送り': FEED, '面粗度': ROUGH})
    fit = smf.ols(SM_FORMULA, data=df).fit()
    columns = list(fit.model.exog_names)
    exog = fit.model.exog
    infl = OLSInfluence(fit)
    const = columns.index('Intercept')
    vif = [
        {'term': our_term(c), 'vif': num(variance_inflation_factor(exog, j))}
        for j, c in enumerate(columns)
        if j != const
    ]
    sd_y = float(np.std(df['面粗度'], ddof=1))
    standardized = [
        {'term': our_term(c), 'beta': None if j == const else float(fit.params.iloc[j] * np.std(exog[:, j], ddof=1) / sd_y)}
        for j, c in enumerate(columns)
    ]
    table = anova_lm(fit, typ=1)
    anova = [
        {
            'source': our_source(name),
            'df': int(round(row['df'])),
            'sum_sq': num(row['sum_sq']),
            'mean_sq': num(row['mean_sq']),
            'f': num(row['F']),
            'p': num(row['PR(>F)']),
        }
        for name, row in table.iterrows()
    ]
    # Columns of each ANOVA source, in statsmodels' order (the design_info's term slices).
    info = fit.model.data.design_info
    anova_sources = [
        list(range(info.slice(term).start, info.slice(term).stop))
        for term in info.terms
        if term.name() != 'Intercept'
    ]
    exact = exact_reference(exog, fit.model.endog, columns, anova_sources)
    out = {
        'generator': 'generate-ols-diagnostics-reference.py',
        'versions': {
            'python': platform.python_version(),
            'numpy': np.__version__,
            'pandas': pd.__version__,
            'patsy': patsy.__version__,
            'statsmodels': statsmodels.__version__,
            'mpmath': mp.__version__,
        },
        'statsmodels_formula': SM_FORMULA,
        'formula': OUR_FORMULA,
        'data': {'材料': MATERIAL, '回転速度': SPEED, '送り': FEED, '面粗度': ROUGH},
        'target': '面粗度',
        'features': ['材料', '回転速度', '送り'],
        'columns': columns,
        'terms': [our_term(c) for c in columns],
        'params': [float(v) for v in fit.params],
        'bse': [float(v) for v in fit.bse],
        'hat_diag': [float(v) for v in infl.hat_matrix_diag],
        'studentized_internal': [float(v) for v in infl.resid_studentized_internal],
        'studentized_external': [float(v) for v in infl.resid_studentized_external],
        'cooks_distance': [float(v) for v in infl.cooks_distance[0]],
        'vif': vif,
        'standardized_coefficients': standardized,
        'anova': anova,
        'llf': float(fit.llf),
        'aic': float(fit.aic),
        'bic': float(fit.bic),
        'ssr': float(fit.ssr),
        'df_resid': int(round(fit.df_resid)),
        'rank': int(np.linalg.matrix_rank(exog)),
        'exact': exact,
    }
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print(f'wrote {OUT}: columns {columns}')


if __name__ == '__main__':
    main()
