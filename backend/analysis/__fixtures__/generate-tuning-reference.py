#!/usr/bin/python3
"""Writes tuning-reference.json: Optuna 3.1 values for backend/analysis/tuning.

Run from anywhere with Debian's Python (needs python3-optuna, python3-numpy):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-tuning-reference.py

Two parts:
  - "parzen": Optuna's own univariate _ParzenEstimator (TPESampler defaults: consider_prior, prior_weight 1,
    magic clip, consider_endpoints False, default_weights) built on fixed observations for each kind of
    distribution (float, log float, stepped float, int, stepped int, log int, categorical), and its
    log_pdf at fixed points. Deterministic, so our estimator must match to rounding. `log_pdf_stable_sort`
    is the same with numpy's argsort made stable inside the estimator (see below).
    Optuna 3.1.0's `_truncnorm.logpdf` returns log phi(z) - log mass WITHOUT the -log(scale) of the change of
    variables, so its continuous "densities" favour wide kernels; the script patches that one function to
    the true truncated-normal log density (our estimator uses the true density). Grid (int, stepped) and
    categorical parameters use masses and are unaffected.
  - "studies": median (over seeds 0..19) of the best value after 80 trials of optuna's TPESampler(seed=s)
    and RandomSampler(seed=s) on Branin, Hartmann-6 and the mixed categorical function of
    tuning/test-functions.ts (same definitions below). Randomised, so only printed beside ours.
"""
import json
import math
import os
import platform

import numpy as np
import optuna
from optuna import distributions as D
from optuna.samplers._tpe import _truncnorm
from optuna.samplers._tpe import parzen_estimator as _pe_module
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights

optuna.logging.set_verbosity(optuna.logging.WARNING)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'tuning-reference.json')
_orig_logpdf = _truncnorm.logpdf


def _logpdf_with_scale(x, a, b, loc=0, scale=1):
    return _orig_logpdf(x, a, b, loc=loc, scale=scale) - np.log(scale)


_truncnorm.logpdf = _logpdf_with_scale

PARAMS = _ParzenEstimatorParameters(True, 1.0, True, False, default_weights, False)

class _StableNumpy:
    """numpy, except that argsort is stable (mergesort)."""

    def __getattr__(self, name):
        if name == 'argsort':
            return lambda a, **kw: np.argsort(a, kind='stable')
        return getattr(np, name)


rng = np.random.RandomState(7)
parzen = []
cases = [
    ('float', D.FloatDistribution(-5.0, 10.0), lambda n: rng.uniform(-5, 10, n)),
    ('float-log', D.FloatDistribution(1e-5, 100.0, log=True), lambda n: np.exp(rng.uniform(np.log(1e-5), np.log(100), n))),
    ('float-step', D.FloatDistribution(0.1, 1.0, step=0.05), lambda n: 0.1 + 0.05 * rng.randint(0, 19, n)),
    ('int', D.IntDistribution(2, 20), lambda n: rng.randint(2, 21, n).astype(float)),
    ('int-step', D.IntDistribution(50, 500, step=50), lambda n: 50.0 * rng.randint(1, 11, n)),
    ('int-log', D.IntDistribution(1, 1000, log=True), lambda n: np.round(np.exp(rng.uniform(0, np.log(1000), n)))),
    ('categorical', D.CategoricalDistribution(['a', 'b', 'c', 'd', 'e']), lambda n: rng.randint(0, 5, n).astype(float)),
]
for name, dist, draw in cases:
    for n in [0, 1, 3, 12, 40]:
        obs = np.asarray(draw(n), dtype=float)
        if name == 'float':  # a tight cluster to exercise the magic clip
            obs[: n // 2] = 1.0 + 1e-3 * np.arange(n // 2)
        pe = _ParzenEstimator({'x': obs}, {'x': dist}, PARAMS)
        if isinstance(dist, D.CategoricalDistribution):
            points = np.arange(5, dtype=float)
        elif name == 'float-step':
            points = 0.1 + 0.05 * np.arange(19)
        elif name == 'int':
            points = np.arange(2, 21, dtype=float)
        elif name == 'int-step':
            points = 50.0 * np.arange(1, 11)
        elif name == 'int-log':
            points = np.array([1, 2, 3, 7, 20, 55, 150, 400, 999, 1000], dtype=float)
        elif name == 'float-log':
            points = np.exp(np.linspace(np.log(1e-5), np.log(100), 13))
        else:
            points = np.linspace(-5, 10, 16)
        pts = {'x': points.astype(int) if isinstance(dist, D.CategoricalDistribution) else points}
        lp = pe.log_pdf(pts)
        # The same estimator with a stable sort of the centres (ours): differs only when tied centres carry
        # different weights, since numpy's default quicksort leaves the order of ties unspecified.
        _pe_module.np = _StableNumpy()
        lp_stable = _ParzenEstimator({'x': obs}, {'x': dist}, PARAMS).log_pdf(pts)
        _pe_module.np = np
        parzen.append({'case': name, 'observations': obs.tolist(), 'points': points.tolist(), 'log_pdf': lp.tolist(),
                       'log_pdf_stable_sort': lp_stable.tolist()})


def branin(t):
    x1 = t.suggest_float('x1', -5, 10)
    x2 = t.suggest_float('x2', 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    s = 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - s) * math.cos(x1) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(t):
    x = [t.suggest_float(f'x{j}', 0, 1) for j in range(6)]
    return -sum(H_ALPHA[i] * math.exp(-sum(H_A[i][j] * (x[j] - H_P[i][j] * 1e-4) ** 2 for j in range(6))) for i in range(4))


OFFSET = {'rbf': 0, 'matern12': 1.5, 'matern32': 0.6, 'matern52': 0.3, 'linear': 3}
SHIFT = {'rbf': 1.2, 'matern12': -2, 'matern32': 0.5, 'matern52': 0, 'linear': 3}


def mixed(t):
    k = t.suggest_categorical('kernel', ['rbf', 'matern12', 'matern32', 'matern52', 'linear'])
    x = t.suggest_float('x', -5, 5)
    lr = t.suggest_float('lr', 1e-5, 100, log=True)
    n = t.suggest_int('n', 1, 1000, log=True)
    frac = t.suggest_float('frac', 0.1, 1, step=0.05)
    flag = t.suggest_categorical('flag', [True, False])
    return (OFFSET[k] + 0.5 * (x - SHIFT[k]) ** 2 + 0.3 * math.log10(lr / 1e-2) ** 2 + 0.5 * math.log(n / 40) ** 2
            + 4 * (frac - 0.7) ** 2 + (0 if flag else 0.8))


_truncnorm.logpdf = _orig_logpdf  # the studies run Optuna as shipped

N_TRIALS = 80
SEEDS = range(20)
studies = {}
for name, f in [('branin', branin), ('hartmann6', hartmann6), ('mixed-categorical', mixed)]:
    row = {}
    for sampler_name, make in [('tpe', lambda s: optuna.samplers.TPESampler(seed=s)),
                               ('random', lambda s: optuna.samplers.RandomSampler(seed=s))]:
        best = []
        for s in SEEDS:
            st = optuna.create_study(sampler=make(s))
            st.optimize(f, n_trials=N_TRIALS)
            best.append(st.best_value)
        row[sampler_name] = float(np.median(best))
        if sampler_name == 'tpe':
            print(f'  {name}: optuna tpe best per seed', np.round(best, 4))
    studies[name] = row
    print(name, row)

out = {
    'versions': {'python': platform.python_version(), 'numpy': np.__version__, 'optuna': optuna.__version__},
    'n_trials': N_TRIALS,
    'n_seeds': len(SEEDS),
    'parzen': parzen,
    'studies': studies,
}
with open(OUT, 'w', encoding='utf-8') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
print(f'wrote {OUT}')
