#!/usr/bin/python3
"""Writes gp-reference.json: scikit-learn GaussianProcessRegressor values for backend/analysis/gaussian-process.

Run from anywhere with Debian's Python (needs python3-sklearn):

    /usr/bin/python3 backend/analysis/__fixtures__/learners/generate-gp-reference.py

Data sets (fixed seed, so the file is reproducible):
  - "smooth3": 30 x 3, features on different scales (x1 in [0, 2], x2 in [-1, 1], x3 in [0, 5]),
               y = sin(2 x1) + 0.5 x2^2 + 0.2 x3 + N(0, 0.1^2); 7 test rows drawn from the same box.
  - "smooth1": 20 x 1, x in [0, 10], y = sin(x) + 0.1 x + N(0, 0.2^2); 9 test rows.

Kernels (theta = log hyperparameters in kernel.theta order [constant, length scales..., noise]):
    ConstantKernel(c) * RBF(l, ARD)              + WhiteKernel(s2)   -> "rbf"
    ConstantKernel(c) * Matern(l, ARD, nu=0.5)   + WhiteKernel(s2)   -> "matern12"
    ConstantKernel(c) * Matern(l, ARD, nu=1.5)   + WhiteKernel(s2)   -> "matern32"
    ConstantKernel(c) * Matern(l, ARD, nu=2.5)   + WhiteKernel(s2)   -> "matern52"
  all bounds (1e-5, 1e5) (scikit-learn's defaults).

"fixed": optimizer=None at the given hyperparameters: log_marginal_likelihood_value_, the gradient from
log_marginal_likelihood(theta, eval_gradient=True), predict(X_test, return_std=True).
"optimized": every hyperparameter started at 1.0, n_restarts_optimizer=5, random_state=0, normalize_y=True:
log_marginal_likelihood_value_ and the fitted theta.
"""
import json
import os
import platform
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern, WhiteKernel

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'gp-reference.json')
warnings.simplefilter('ignore')  # ConvergenceWarning when a hyperparameter ends on its bound


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def make_datasets():
    rng = np.random.default_rng(20240611)
    lo3, hi3 = np.array([0.0, -1.0, 0.0]), np.array([2.0, 1.0, 5.0])

    def f3(x):
        return np.sin(2 * x[:, 0]) + 0.5 * x[:, 1] ** 2 + 0.2 * x[:, 2]

    x3 = lo3 + (hi3 - lo3) * rng.random((30, 3))
    y3 = f3(x3) + 0.1 * rng.standard_normal(30)
    t3 = lo3 + (hi3 - lo3) * rng.random((7, 3))

    x1 = 10 * rng.random((20, 1))
    y1 = np.sin(x1[:, 0]) + 0.1 * x1[:, 0] + 0.2 * rng.standard_normal(20)
    t1 = np.linspace(-0.5, 10.5, 9)[:, None]
    return [('smooth3', x3, y3, t3), ('smooth1', x1, y1, t1)]


def make_kernel(name, c, ls, noise):
    b = (1e-5, 1e5)
    if name == 'rbf':
        base = RBF(length_scale=ls, length_scale_bounds=b)
    else:
        nu = {'matern12': 0.5, 'matern32': 1.5, 'matern52': 2.5}[name]
        base = Matern(length_scale=ls, length_scale_bounds=b, nu=nu)
    return ConstantKernel(c, constant_value_bounds=b) * base + WhiteKernel(noise, noise_level_bounds=b)


FIXED = {
    'smooth3': dict(c=1.3, ls=[0.7, 1.1, 3.0], noise=0.02),
    'smooth1': dict(c=0.8, ls=[1.5], noise=0.05),
}
KERNELS = ['rbf', 'matern12', 'matern32', 'matern52']


def main():
    datasets = make_datasets()
    out = {
        'generator': 'generate-gp-reference.py',
        'versions': {
            'python': platform.python_version(),
            'numpy': np.__version__,
            'scipy': scipy.__version__,
            'sklearn': sklearn.__version__,
        },
        'datasets': [],
        'fixed': [],
        'optimized': [],
    }
    for name, x, y, t in datasets:
        out['datasets'].append({
            'name': name,
            'n': int(x.shape[0]),
            'p': int(x.shape[1]),
            'x_columns': [floats(x[:, j]) for j in range(x.shape[1])],
            'y': floats(y),
            'n_test': int(t.shape[0]),
            'test_columns': [floats(t[:, j]) for j in range(t.shape[1])],
        })
        hp = FIXED[name]
        cases = [(k, True, 1e-10) for k in KERNELS]
        if name == 'smooth3':
            cases += [('rbf', False, 1e-10), ('matern32', True, 1e-4)]
        for kernel, normalize_y, alpha in cases:
            gpr = GaussianProcessRegressor(
                kernel=make_kernel(kernel, hp['c'], hp['ls'], hp['noise']),
                optimizer=None,
                normalize_y=normalize_y,
                alpha=alpha,
            ).fit(x, y)
            theta = gpr.kernel_.theta
            lml, grad = gpr.log_marginal_likelihood(theta, eval_gradient=True)
            mean, std = gpr.predict(t, return_std=True)
            out['fixed'].append({
                'dataset': name,
                'kernel': kernel,
                'normalize_y': normalize_y,
                'alpha': alpha,
                'signal_variance': hp['c'],
                'length_scales': hp['ls'],
                'noise_variance': hp['noise'],
                'theta': floats(theta),
                'lml': float(gpr.log_marginal_likelihood_value_),
                'lml_recomputed': float(lml),
                'gradient': floats(grad),
                'mean': floats(mean),
                'std': floats(std),
            })
        for kernel in KERNELS:
            gpr = GaussianProcessRegressor(
                kernel=make_kernel(kernel, 1.0, [1.0] * x.shape[1], 1.0),
                normalize_y=True,
                n_restarts_optimizer=5,
                random_state=0,
            ).fit(x, y)
            out['optimized'].append({
                'dataset': name,
                'kernel': kernel,
                'lml': float(gpr.log_marginal_likelihood_value_),
                'theta': floats(gpr.kernel_.theta),
                'kernel_repr': str(gpr.kernel_),
            })
    with open(OUT, 'w', encoding='utf-8') as fh:
        json.dump(out, fh, indent=1)
        fh.write('\n')


if __name__ == '__main__':
    main()
