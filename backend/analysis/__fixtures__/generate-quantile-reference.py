#!/usr/bin/python3
"""Writes quantile-reference.json: scipy values for the chi-square, incomplete-gamma and beta quantiles in
backend/analysis/stats (used by the Mahalanobis gate, MCD and the Clopper-Pearson bounds).

Run from anywhere with Debian's Python (needs python3-scipy):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-quantile-reference.py

Contents (all plain doubles, grids fixed in this file so the output is reproducible):
  - gamma:         scipy.special.gammainc / gammaincc (regularised P and Q) on a grid of a and x;
  - chi2:          scipy.stats.chi2.ppf(p, df) and chi2.isf(q, df), df 1..100 (incl. fractional), p and q
                   down to 1e-12;
  - normal:        scipy.stats.norm.ppf(p) for p from 1e-300 to 1 - 1e-12;
  - beta:          scipy.stats.beta.ppf(p, a, b) and beta.isf(q, a, b), including the (k, n - k + 1) and
                   (k + 1, n - k) pairs of Clopper-Pearson bounds for n up to 1000.
scipy 1.10's beta.ppf and chi2.ppf come from Boost's ibeta_inv / gamma_p_inv (about 1e-15 relative).
"""
import json
import os
import platform

import numpy as np
import scipy
from scipy import special, stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'quantile-reference.json')

gamma_rows = []
for a in [0.5, 1.0, 1.5, 2.5, 5.0, 10.0, 37.5, 100.0, 500.0]:
    for x_rel in [1e-6, 0.01, 0.3, 0.9, 1.0, 1.1, 2.0, 5.0]:
        x = a * x_rel
        gamma_rows.append({'a': a, 'x': x, 'p': float(special.gammainc(a, x)), 'q': float(special.gammaincc(a, x))})
    for x in [1e-3, 0.5, 3.0, 20.0, 60.0]:
        gamma_rows.append({'a': a, 'x': x, 'p': float(special.gammainc(a, x)), 'q': float(special.gammaincc(a, x))})

chi2_rows = []
for df in [1, 2, 3, 4.5, 6, 10, 23, 50, 100]:
    for p in [1e-12, 1e-6, 0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.99, 0.999]:
        chi2_rows.append({'df': df, 'p': p, 'ppf': float(stats.chi2.ppf(p, df)), 'isf': float(stats.chi2.isf(p, df))})

beta_rows = []
for a, b in [(0.5, 0.5), (1, 1), (2, 3), (0.7, 9), (10, 2.5), (50, 50), (3, 400), (400, 3)]:
    for p in [1e-10, 1e-4, 0.025, 0.05, 0.3, 0.5, 0.95, 0.975, 0.999]:
        beta_rows.append({'a': a, 'b': b, 'p': p, 'ppf': float(stats.beta.ppf(p, a, b)), 'isf': float(stats.beta.isf(p, a, b))})
# Clopper-Pearson shapes: Beta(k, n - k + 1) (lower bound) and Beta(k + 1, n - k) (upper bound).
for n, k in [(10, 1), (10, 5), (10, 9), (50, 2), (100, 95), (200, 190), (1000, 3), (1000, 950), (1000, 999)]:
    for conf in [0.9, 0.95, 0.99]:
        for a, b, p in [(k, n - k + 1, 1 - conf), (k + 1, n - k, conf)]:
            beta_rows.append({'a': a, 'b': b, 'p': p, 'ppf': float(stats.beta.ppf(p, a, b)), 'isf': float(stats.beta.isf(p, a, b))})

normal_rows = [{'p': p, 'ppf': float(stats.norm.ppf(p))} for p in
               [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.02, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-12]]

out = {
    'versions': {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__},
    'gamma': gamma_rows,
    'chi2': chi2_rows,
    'beta': beta_rows,
    'normal': normal_rows,
}
with open(OUT, 'w', encoding='utf-8') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
print(f'wrote {OUT}: {len(gamma_rows)} gamma, {len(chi2_rows)} chi2, {len(beta_rows)} beta rows')
