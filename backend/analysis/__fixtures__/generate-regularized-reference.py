#!/usr/bin/python3
"""Writes regularized-reference.json: scikit-learn / statsmodels values for backend/analysis/regularized.

Run from anywhere with Debian's Python (needs python3-sklearn, python3-statsmodels):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-regularized-reference.py

Data sets (fixed seeds, so the file is reproducible):
  - "correlated": 40 x 5, columns sharing a common factor (pairwise correlation about 0.6-0.9),
    two true coefficients are zero;
  - "wide":       12 x 20 (n < p), sparse truth;
  - "binary":     80 x 3 standardised predictors, labels drawn from a logistic model (overlapping classes);
  - "deburring":  60 brush-deburring runs, x = 回転速度 [1000 rpm], 送り速度 [100 mm/min],
                  押込み量 [mm]; label 1 = a burr remained (バリ残り), drawn from a logistic model.

Models (objectives as in scikit-learn; X is n x p WITHOUT an intercept column, the intercept is unpenalised):
  - Ridge (solver='svd'):       ||y - Xw - b||^2 + alpha ||w||^2
  - Lasso / ElasticNet:         1/(2n) ||y - Xw - b||^2 + alpha l1 ||w||_1 + alpha (1 - l1)/2 ||w||^2
                                (tol=1e-12, max_iter=1e6, cyclic coordinate descent)
  - enet_path / lasso_path:     the same objective along sklearn's default alpha grid (100 alphas, eps=1e-3)
                                on X and y centred by hand (enet_path itself never fits an intercept)
  - LogisticRegression 'l2':    1/2 ||w||^2 + C sum logloss (lbfgs, tol=1e-12, max_iter=1e6)
  - LogisticRegression 'elasticnet' (saga, tol=1e-12, max_iter=1e6):
                                (1 - l1)/2 ||w||^2 + l1 ||w||_1 + C sum logloss
  - statsmodels Logit (no penalty): params, bse (inverse Fisher information), z, two-sided normal p.

For every penalised fit the script also "polishes" sklearn's answer: it fixes sklearn's zero pattern
and signs and solves the resulting smooth problem exactly (a linear solve for Ridge/EN, Newton to
machine precision for logistic), checks the KKT conditions of the zeros, and stores
`sklearn_error` = max |sklearn - polished| / max(|polished|, 1e-300) over intercept and coefficients.
That number says how far sklearn's own stopping rule leaves it from the exact optimum, which is what
bounds the agreement a test may demand. lbfgs stops on scipy's default ftol (about 2.2e-9 relative
change in the objective) long before gtol=1e-12, so its logistic answers are only accurate to about
1e-6; the file therefore also stores the Newton-Cholesky answer (`solver='newton-cholesky'`,
tol=1e-12), whose error is at rounding level.
"""
import json
import math
import os
import platform
import warnings

import numpy as np
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge, enet_path, lasso_path

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'regularized-reference.json')
warnings.simplefilter('error', category=sklearn.exceptions.ConvergenceWarning)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def max_rel(a, b):
    a = np.concatenate([np.atleast_1d(np.asarray(v, dtype=float)) for v in a])
    b = np.concatenate([np.atleast_1d(np.asarray(v, dtype=float)) for v in b])
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)) if np.any(b != 0) else np.max(np.abs(a)))


# ---------------------------------------------------------------- data sets
def make_correlated():
    rng = np.random.default_rng(20240501)
    n, p = 40, 5
    z = rng.normal(size=n)
    x = np.empty((n, p))
    loadings = [0.9, 0.8, 0.7, 0.6, 0.85]
    scales = [1.0, 2.5, 0.4, 10.0, 1.5]
    offsets = [3.0, -1.0, 0.5, 50.0, 0.0]
    for j in range(p):
        x[:, j] = offsets[j] + scales[j] * (loadings[j] * z + math.sqrt(1 - loadings[j] ** 2) * rng.normal(size=n))
    beta = np.array([1.5, 0.0, -2.0, 0.12, 0.0])
    y = 4.0 + x @ beta + 0.7 * rng.normal(size=n)
    return x, y


def make_wide():
    rng = np.random.default_rng(7)
    n, p = 12, 20
    x = rng.normal(size=(n, p)) + 0.3 * rng.normal(size=(n, 1))
    beta = np.zeros(p)
    beta[[0, 3, 7]] = [2.0, -1.5, 1.0]
    y = 1.0 + x @ beta + 0.3 * rng.normal(size=n)
    return x, y


def sigmoid(t):
    return 1 / (1 + np.exp(-t))


def make_binary():
    rng = np.random.default_rng(1234)
    n = 80
    x = rng.normal(size=(n, 3))
    x[:, 2] = 0.6 * x[:, 0] + 0.8 * x[:, 2]
    eta = -0.3 + 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.2 * x[:, 2]
    y = (rng.uniform(size=n) < sigmoid(eta)).astype(float)
    return x, y


def make_deburring():
    rng = np.random.default_rng(31)
    n = 60
    rpm = rng.uniform(1.0, 3.0, size=n)  # 回転速度 / 1000 rpm
    feed = rng.uniform(1.0, 8.0, size=n)  # 送り速度 / 100 mm/min
    depth = rng.uniform(0.1, 1.0, size=n)  # 押込み量 / mm
    # A burr remains (1) when the brush is slow, the feed fast or the engagement shallow.
    eta = 1.0 - 1.8 * (rpm - 2.0) + 0.6 * (feed - 4.5) - 2.5 * (depth - 0.55)
    y = (rng.uniform(size=n) < sigmoid(eta)).astype(float)
    return np.column_stack([rpm, feed, depth]), y


DATA = {
    'correlated': make_correlated(),
    'wide': make_wide(),
    'binary': make_binary(),
    'deburring': make_deburring(),
}
COLUMN_NAMES = {
    'correlated': ['x1', 'x2', 'x3', 'x4', 'x5'],
    'wide': [f'x{j + 1}' for j in range(20)],
    'binary': ['x1', 'x2', 'x3'],
    'deburring': ['回転速度 [1000 rpm]', '送り速度 [100 mm/min]', '押込み量 [mm]'],
}


def centred(x, y, fit_intercept):
    if not fit_intercept:
        return x, y, np.zeros(x.shape[1]), 0.0
    xm = x.mean(axis=0)
    ym = y.mean()
    return x - xm, y - ym, xm, ym


# ---------------------------------------------------------------- exact polish for the linear models
def polish_enet(x, y, alpha, l1, w, fit_intercept):
    """Exact EN solution with sklearn's support and signs; returns (intercept, coef, kkt_violation)."""
    n, p = x.shape
    xc, yc, xm, ym = centred(x, y, fit_intercept)
    act = np.flatnonzero(w != 0)
    s = np.sign(w[act])
    a = xc[:, act]
    lhs = a.T @ a + n * alpha * (1 - l1) * np.eye(len(act))
    rhs = a.T @ yc - n * alpha * l1 * s
    wp = np.zeros(p)
    if len(act):
        wp[act] = np.linalg.solve(lhs, rhs)
    # KKT for the zeros: |x_j' r| <= n alpha l1.
    r = yc - xc @ wp
    grad = xc.T @ r
    zero = np.setdiff1d(np.arange(p), act)
    kkt = float(np.max(np.abs(grad[zero]) - n * alpha * l1)) / (n * alpha * l1) if len(zero) else None
    sign_ok = bool(np.all(np.sign(wp[act]) == s))
    return ym - xm @ wp, wp, kkt, sign_ok


def ridge_exact(x, y, alpha, fit_intercept):
    xc, yc, xm, ym = centred(x, y, fit_intercept)
    p = x.shape[1]
    aug = np.vstack([xc, math.sqrt(alpha) * np.eye(p)])
    w = np.linalg.lstsq(aug, np.concatenate([yc, np.zeros(p)]), rcond=None)[0]
    return ym - xm @ w, w


# ---------------------------------------------------------------- exact polish for logistic
def logistic_newton(x, y, c, l2, l1_signs=None, l1=0.0, active=None):
    """Newton to machine precision on C sum logloss + l2/2 ||w_A||^2 + l1 s_A'w_A over (b, w_A)."""
    n, p = x.shape
    act = np.arange(p) if active is None else active
    a = np.column_stack([np.ones(n), x[:, act]])
    beta = np.zeros(a.shape[1])
    pen = np.full(a.shape[1], l2)
    pen[0] = 0
    lin = np.zeros(a.shape[1])
    if l1_signs is not None:
        lin[1:] = l1 * l1_signs

    def obj(b):
        eta = a @ b
        return c * np.sum(np.logaddexp(0, eta) - y * eta) + 0.5 * np.sum(pen * b * b) + lin @ b

    for _ in range(200):
        mu = sigmoid(a @ beta)
        g = c * a.T @ (mu - y) + pen * beta + lin
        h = c * (a.T * (mu * (1 - mu))) @ a + np.diag(pen)
        step = np.linalg.solve(h, g)
        t = 1.0
        f0 = obj(beta)
        while obj(beta - t * step) > f0 + 1e-12 * abs(f0) and t > 1e-10:
            t /= 2
        beta = beta - t * step
        if np.max(np.abs(step)) <= 1e-15 * max(1.0, np.max(np.abs(beta))):
            break
    return beta[0], beta[1:]


def polish_logistic_enet(x, y, c, l1, b, w):
    act = np.flatnonzero(w != 0)
    b2, wa = logistic_newton(x, y, c, 1 - l1, np.sign(w[act]), l1, act)
    wp = np.zeros(x.shape[1])
    wp[act] = wa
    mu = sigmoid(b2 + x @ wp)
    grad = c * x.T @ (mu - y)
    zero = np.setdiff1d(np.arange(x.shape[1]), act)
    kkt = float(np.max(np.abs(grad[zero]) - l1)) / l1 if len(zero) else None
    return b2, wp, kkt


# ---------------------------------------------------------------- fits
def dataset_json(name):
    x, y = DATA[name]
    return {
        'name': name,
        'n': int(x.shape[0]),
        'p': int(x.shape[1]),
        'columns': COLUMN_NAMES[name],
        'x_columns': [floats(x[:, j]) for j in range(x.shape[1])],
        'y': floats(y),
    }


def ridge_cases():
    out = []
    for name, alphas in [('correlated', [0.01, 1.0, 10.0, 1000.0]), ('wide', [0.1, 1.0, 10.0])]:
        x, y = DATA[name]
        for alpha in alphas:
            for fit_intercept in [True, False]:
                m = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver='svd').fit(x, y)
                b, w = ridge_exact(x, y, alpha, fit_intercept)
                out.append({
                    'dataset': name, 'alpha': alpha, 'fit_intercept': fit_intercept,
                    'intercept': float(m.intercept_), 'coef': floats(m.coef_),
                    'sklearn_error': max_rel([m.intercept_, m.coef_], [b, w]) if fit_intercept
                    else max_rel([m.coef_], [w]),
                })
    return out


def enet_cases():
    out = []
    plan = [
        ('correlated', [0.001, 0.01, 0.1, 0.5], [0.1, 0.5, 0.9, 1.0]),
        ('wide', [0.01, 0.05, 0.2], [0.1, 0.5, 0.9, 1.0]),
    ]
    for name, alphas, ratios in plan:
        x, y = DATA[name]
        for alpha in alphas:
            for l1 in ratios:
                for fit_intercept in ([True, False] if alpha == alphas[1] else [True]):
                    kw = dict(alpha=alpha, fit_intercept=fit_intercept, tol=1e-12, max_iter=1_000_000)
                    m = Lasso(**kw) if l1 == 1.0 else ElasticNet(l1_ratio=l1, **kw)
                    m.fit(x, y)
                    b, w, kkt, sign_ok = polish_enet(x, y, alpha, l1, m.coef_, fit_intercept)
                    assert sign_ok and (kkt is None or kkt < 1e-6), (name, alpha, l1, kkt)
                    out.append({
                        'dataset': name, 'model': 'Lasso' if l1 == 1.0 else 'ElasticNet',
                        'alpha': alpha, 'l1_ratio': l1, 'fit_intercept': fit_intercept,
                        'intercept': float(m.intercept_), 'coef': floats(m.coef_),
                        'n_iter': int(m.n_iter_), 'dual_gap': float(m.dual_gap_),
                        'sklearn_error': max_rel([m.intercept_, m.coef_], [b, w]),
                        'kkt_zero_margin': kkt,
                    })
    return out


def path_cases():
    out = []
    x, y = DATA['correlated']
    xc, yc, xm, ym = centred(x, y, True)
    for l1 in [1.0, 0.5]:
        if l1 == 1.0:
            alphas, coefs, gaps = lasso_path(xc, yc, eps=1e-3, n_alphas=100, tol=1e-12, max_iter=1_000_000)
        else:
            alphas, coefs, gaps = enet_path(xc, yc, l1_ratio=l1, eps=1e-3, n_alphas=100, tol=1e-12,
                                            max_iter=1_000_000)
        errors = []
        for k, alpha in enumerate(alphas):
            b, w, kkt, sign_ok = polish_enet(x, y, alpha, l1, coefs[:, k], True)
            assert sign_ok and (kkt is None or kkt < 1e-6)
            # At alphas[0] = alpha_max the exact answer is 0 but cd_fast leaves a 2e-17 round-off residue in
            # the coefficient that sits on the threshold: judge such entries absolutely, the rest relatively.
            nz = np.abs(w) > 1e-12
            errors.append(max(max_rel([coefs[nz, k]], [w[nz]]) if np.any(nz) else 0.0,
                              float(np.max(np.abs(coefs[~nz, k]), initial=0.0))))
        out.append({
            'dataset': 'correlated', 'l1_ratio': l1, 'fit_intercept': True, 'n_alphas': 100, 'eps': 1e-3,
            'alphas': floats(alphas),
            'coefs': [floats(coefs[:, k]) for k in range(len(alphas))],
            'intercepts': [float(ym - xm @ coefs[:, k]) for k in range(len(alphas))],
            'sklearn_error': max(errors),
        })
    return out


def logistic_l2_cases():
    out = []
    for name in ['binary', 'deburring']:
        x, y = DATA[name]
        for c in [0.1, 1.0, 10.0]:
            lb = LogisticRegression(penalty='l2', C=c, solver='lbfgs', tol=1e-12, max_iter=1_000_000).fit(x, y)
            nc = LogisticRegression(penalty='l2', C=c, solver='newton-cholesky', tol=1e-12,
                                    max_iter=1000).fit(x, y)
            b, w = logistic_newton(x, y, c, 1.0)
            out.append({
                'dataset': name, 'C': c,
                'intercept': float(nc.intercept_[0]), 'coef': floats(nc.coef_[0]),
                'proba': floats(nc.predict_proba(x)[:, 1]),
                'lbfgs_intercept': float(lb.intercept_[0]), 'lbfgs_coef': floats(lb.coef_[0]),
                'lbfgs_proba': floats(lb.predict_proba(x)[:, 1]), 'lbfgs_n_iter': int(lb.n_iter_[0]),
                'sklearn_error': max_rel([nc.intercept_, nc.coef_[0]], [b, w]),
                'lbfgs_error': max_rel([lb.intercept_, lb.coef_[0]], [b, w]),
            })
    return out


def logistic_enet_cases():
    out = []
    for name in ['binary', 'deburring']:
        x, y = DATA[name]
        for c in [0.1, 1.0, 10.0]:
            for l1 in [0.1, 0.5, 0.9]:
                # saga visits samples in random order: fix the seed so the file is reproducible.
                m = LogisticRegression(penalty='elasticnet', C=c, l1_ratio=l1, solver='saga', tol=1e-12,
                                       random_state=0, max_iter=1_000_000).fit(x, y)
                b, w, kkt = polish_logistic_enet(x, y, c, l1, m.intercept_[0], m.coef_[0])
                assert kkt is None or kkt < 1e-6, (name, c, l1, kkt)
                out.append({
                    'dataset': name, 'C': c, 'l1_ratio': l1,
                    'intercept': float(m.intercept_[0]), 'coef': floats(m.coef_[0]),
                    'proba': floats(m.predict_proba(x)[:, 1]), 'n_iter': int(m.n_iter_[0]),
                    'sklearn_error': max_rel([m.intercept_, m.coef_[0]], [b, w]),
                    'kkt_zero_margin': kkt,
                })
    return out


def logit_cases():
    out = []
    for name in ['binary', 'deburring']:
        x, y = DATA[name]
        res = sm.Logit(y, sm.add_constant(x)).fit(method='newton', tol=1e-14, maxiter=100, disp=0)
        out.append({
            'dataset': name,
            'params': floats(res.params), 'bse': floats(res.bse), 'zvalues': floats(res.tvalues),
            'pvalues': floats(res.pvalues), 'proba': floats(res.predict(sm.add_constant(x))),
            'llf': float(res.llf), 'converged': bool(res.mle_retvals['converged']),
        })
    return out


def main():
    ref = {
        'versions': {
            'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__,
            'sklearn': sklearn.__version__, 'statsmodels': statsmodels.__version__,
        },
        'datasets': [dataset_json(k) for k in DATA],
        'ridge': ridge_cases(),
        'enet': enet_cases(),
        'path': path_cases(),
        'logistic_l2': logistic_l2_cases(),
        'logistic_enet': logistic_enet_cases(),
        'logit': logit_cases(),
    }
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(ref, f, ensure_ascii=False, indent=1, allow_nan=False)
        f.write('\n')
    for key in ['ridge', 'enet', 'path', 'logistic_l2', 'logistic_enet']:
        worst = max(c['sklearn_error'] for c in ref[key])
        print(f'{key:14s} cases={len(ref[key]):3d}  max sklearn error vs exact polish = {worst:.2e}')
    print('lbfgs worst error vs exact:', max(c['lbfgs_error'] for c in ref['logistic_l2']))


if __name__ == '__main__':
    main()
