#!/usr/bin/python3
"""Writes transform-reference.json: Box-Cox and Yeo-Johnson lambdas (maximum likelihood) and transformed values
from scipy.stats, for backend/analysis/transforms/target-transform.test.ts.

Run from anywhere with Debian's Python (needs python3-scipy):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-transform-reference.py

The data sets are drawn once from a seeded NumPy generator and rounded to 6 decimals, so the JSON holds the
exact inputs. For Box-Cox the data are first shifted by the same rule as fitTransform (shift = 1 - min(y) when
min(y) <= 0, else 0), and scipy.stats.boxcox is called on y + shift. scipy.stats.skew (biased, the default) is
recorded too, because chooseTransform ranks candidates by it.

Each lambda is also recorded as "mp_lambda": the true maximiser of the same log-likelihood, found by mpmath at 40
digits (root of the derivative, started at scipy's lambda). The likelihood is flat at its maximum, so in double
precision any optimiser's lambda is only good to about 1e-7 (absolute near 0): scipy's gamma_200 Yeo-Johnson
lambda, for one, is 1e-7 away from the true one (2e-5 relative). The tests hold ours to both.
"""
import json
import os
import platform

import mpmath as mp
import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'transform-reference.json')

rng = np.random.default_rng(20261129)


def r6(a):
    return [round(float(v), 6) for v in a]


datasets = {
    'lognormal_50': r6(rng.lognormal(mean=1.0, sigma=0.8, size=50)),
    'gamma_200': r6(rng.gamma(shape=2.0, scale=3.0, size=200)),
    'right_skew_small_5': [0.5, 1.0, 1.5, 4.0, 20.0],
    'near_symmetric_40': r6(10.0 + rng.normal(size=40)),
    'with_zeros_30': r6(np.concatenate([np.zeros(5), rng.exponential(scale=2.0, size=25)])),
    'with_negatives_60': r6(rng.normal(loc=0.5, scale=1.0, size=60) ** 3),
    'left_skew_40': r6(20.0 - rng.lognormal(mean=1.0, sigma=0.7, size=40)),
    'process_yield_25': [
        81.2, 84.5, 79.9, 88.1, 90.3, 77.4, 85.0, 86.6, 92.8, 74.1, 83.3, 89.7, 95.2,
        80.0, 82.7, 87.9, 91.1, 78.8, 84.0, 86.2, 99.5, 73.6, 85.8, 88.8, 93.4,
    ],
}


def shift_for_positive(y):
    m = float(np.min(y))
    return 1.0 - m if m <= 0 else 0.0


mp.mp.dps = 40


def mp_boxcox_lambda(x, start):
    xs = [mp.mpf(v) for v in x]
    n = len(xs)
    sum_log = sum(mp.log(v) for v in xs)

    def llf(lam):
        t = [mp.log(v) for v in xs] if lam == 0 else [mp.power(v, lam) / lam for v in xs]
        m = sum(t) / n
        return (lam - 1) * sum_log - mp.mpf(n) / 2 * mp.log(sum((v - m) ** 2 for v in t) / n)

    return float(mp.findroot(lambda lam: mp.diff(llf, lam), mp.mpf(start)))


def mp_yeojohnson_lambda(x, start):
    xs = [mp.mpf(v) for v in x]
    n = len(xs)
    s = sum(mp.sign(v) * mp.log(abs(v) + 1) for v in xs)

    def tr(v, lam):
        if v >= 0:
            return mp.log1p(v) if lam == 0 else (mp.power(v + 1, lam) - 1) / lam
        return -mp.log1p(-v) if lam == 2 else -(mp.power(1 - v, 2 - lam) - 1) / (2 - lam)

    def llf(lam):
        t = [tr(v, lam) for v in xs]
        m = sum(t) / n
        return -mp.mpf(n) / 2 * mp.log(sum((v - m) ** 2 for v in t) / n) + (lam - 1) * s

    return float(mp.findroot(lambda lam: mp.diff(llf, lam), mp.mpf(start)))


cases = []
for name, y in datasets.items():
    y = np.asarray(y, dtype=np.float64)
    shift = shift_for_positive(y)
    bc_values, bc_lambda = stats.boxcox(y + shift)
    yj_values, yj_lambda = stats.yeojohnson(y)
    cases.append({
        'name': name,
        'y': [float(v) for v in y],
        'skew': float(stats.skew(y)),
        'box_cox': {
            'shift': shift,
            'lambda': float(bc_lambda),
            'values': [float(v) for v in bc_values],
            'llf_at_lambda': float(stats.boxcox_llf(bc_lambda, y + shift)),
            'mp_lambda': mp_boxcox_lambda(y + shift, bc_lambda),
        },
        'yeo_johnson': {
            'lambda': float(yj_lambda),
            'values': [float(v) for v in yj_values],
            'llf_at_lambda': float(stats.yeojohnson_llf(yj_lambda, y)),
            'mp_lambda': mp_yeojohnson_lambda(y, yj_lambda),
        },
    })

out = {
    'versions': {
        'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__,
        'mpmath': mp.__version__,
    },
    'cases': cases,
}
with open(OUT, 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
print('wrote', OUT)
for c in cases:
    for k in ('box_cox', 'yeo_johnson'):
        d = c[k]
        print(f"{c['name']:22s} {k:12s} scipy - true = {d['lambda'] - d['mp_lambda']:.3g}")
for c in cases:
    print(f"{c['name']:22s} boxcox lambda={c['box_cox']['lambda']:.12g} shift={c['box_cox']['shift']}  "
          f"yeojohnson lambda={c['yeo_johnson']['lambda']:.12g}  skew={c['skew']:.4f}")
