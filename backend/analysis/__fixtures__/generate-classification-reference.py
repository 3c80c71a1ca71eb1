#!/usr/bin/python3
"""Writes classification-reference.json: scikit-learn values for backend/analysis/classification.

Run from anywhere with Debian's Python (needs python3-sklearn, python3-scipy):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-classification-reference.py

Data (fixed seeds): "scores" = 300 classifier scores with labels (overlapping Gaussian classes), rounded to
2 decimals so there are many tied scores, plus a small hand-made set with ties across classes.

  - platt:      sklearn.calibration._sigmoid_calibration(score, y) -> (a, b), p = expit(-(a*s + b)), the
                function CalibratedClassifierCV(method='sigmoid') uses. It stops BFGS at gtol 1e-5, so the
                script also records the exact minimiser of the same objective (Newton to machine precision):
                `a_exact`, `b_exact`. Predictions on a grid of scores from both.
  - isotonic:   IsotonicRegression(out_of_bounds='clip').fit(score, y): X_thresholds_, y_thresholds_ and
                predict() on a grid reaching beyond the data (clipped), incl. tied scores; plus a weighted
                regression problem with ties and a decreasing fit.
  - metrics:    accuracy, balanced_accuracy, precision, recall, f1 (zero_division=0), confusion_matrix,
                roc_auc_score, average_precision_score, roc_curve (drop_intermediate True and False),
                precision_recall_curve, brier_score_loss, calibration_curve (uniform, 10 bins).
  - mcd:        MinCovDet(random_state=0) on 3-D data, 170 inliers N(mu, Sigma) + 30 far outliers: raw and
                reweighted location/covariance, supports, squared distances, and the raw log-determinant.
"""
import json
import os
import platform

import numpy as np
import scipy
import sklearn
from scipy.special import expit, xlogy
from sklearn.calibration import _sigmoid_calibration, calibration_curve
from sklearn.covariance import MinCovDet
from sklearn.isotonic import IsotonicRegression
from sklearn import metrics as M

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'classification-reference.json')
rng = np.random.RandomState(20240607)


def exact_platt(F, y):
    """Newton's method on Platt's smoothed-target log loss, to machine precision."""
    prior0 = float(np.sum(y <= 0))
    prior1 = y.shape[0] - prior0
    T = np.where(y > 0, (prior1 + 1.0) / (prior1 + 2.0), 1.0 / (prior0 + 2.0))
    ab = np.array([0.0, np.log((prior0 + 1.0) / (prior1 + 1.0))])
    for _ in range(100):
        P = expit(-(ab[0] * F + ab[1]))
        g = np.array([np.dot(T - P, F), np.sum(T - P)])
        w = P * (1 - P)
        H = np.array([[np.dot(w, F * F), np.dot(w, F)], [np.dot(w, F), np.sum(w)]])
        step = np.linalg.solve(H, g)
        ab = ab - step
        if np.max(np.abs(step)) < 1e-15 * max(1.0, np.max(np.abs(ab))):
            break
    return ab


# ---- scores with ties
n = 300
y = (rng.rand(n) < 0.4).astype(int)
score = np.where(y == 1, rng.normal(1.0, 1.0, n), rng.normal(-0.5, 1.2, n))
score = np.round(score, 2)
prob = np.round(expit(score), 3)  # probabilities with ties, for Brier / calibration curve
pred = (prob >= 0.5).astype(int)

a, b = _sigmoid_calibration(score, y)
a_ex, b_ex = exact_platt(score, y)
grid = np.linspace(-4, 4, 33)
platt = {
    'score': score.tolist(), 'y': y.tolist(), 'a': float(a), 'b': float(b), 'a_exact': float(a_ex), 'b_exact': float(b_ex),
    'grid': grid.tolist(), 'p_sklearn': expit(-(a * grid + b)).tolist(), 'p_exact': expit(-(a_ex * grid + b_ex)).tolist(),
}

iso_cases = []
ir = IsotonicRegression(out_of_bounds='clip').fit(prob, y)
g2 = np.concatenate([[-0.1, 0.0], np.unique(prob)[::7], np.linspace(0, 1, 21), [1.0, 1.2]])
iso_cases.append({'name': 'probabilities', 'x': prob.tolist(), 'y': y.astype(float).tolist(), 'weight': None, 'increasing': True,
                  'x_thresholds': ir.X_thresholds_.tolist(), 'y_thresholds': ir.y_thresholds_.tolist(),
                  'grid': g2.tolist(), 'predict': ir.predict(g2).tolist()})
xr = np.round(rng.uniform(0, 10, 60), 0)
yr = np.sin(xr / 3) + 0.3 * rng.normal(size=60)
wr = rng.uniform(0.2, 3, 60)
for inc in [True, False]:
    ir = IsotonicRegression(out_of_bounds='clip', increasing=inc).fit(xr, yr, sample_weight=wr)
    g3 = np.linspace(-1, 11, 49)
    iso_cases.append({'name': f'weighted-ties-{"up" if inc else "down"}', 'x': xr.tolist(), 'y': yr.tolist(), 'weight': wr.tolist(),
                      'increasing': inc, 'x_thresholds': ir.X_thresholds_.tolist(), 'y_thresholds': ir.y_thresholds_.tolist(),
                      'grid': g3.tolist(), 'predict': ir.predict(g3).tolist()})


def curves(yt, s):
    out = {}
    for drop in [True, False]:
        fpr, tpr, thr = M.roc_curve(yt, s, drop_intermediate=drop)
        out['roc_drop' if drop else 'roc_all'] = {'fpr': fpr.tolist(), 'tpr': tpr.tolist(), 'thresholds': thr.tolist()}
    p, r, t = M.precision_recall_curve(yt, s)
    out['pr'] = {'precision': p.tolist(), 'recall': r.tolist(), 'thresholds': t.tolist()}
    return out


metric_cases = []
small_y = np.array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0])
small_s = np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.9, 0.2, 0.05])
for name, yt, s, pr in [('scores', y, score, pred), ('small-ties', small_y, small_s, (small_s >= 0.4).astype(int))]:
    c = {
        'name': name, 'y': yt.tolist(), 'score': s.tolist(), 'pred': pr.tolist(),
        'accuracy': M.accuracy_score(yt, pr), 'balanced_accuracy': M.balanced_accuracy_score(yt, pr),
        'precision': M.precision_score(yt, pr, zero_division=0), 'recall': M.recall_score(yt, pr, zero_division=0),
        'f1': M.f1_score(yt, pr, zero_division=0), 'confusion': M.confusion_matrix(yt, pr, labels=[0, 1]).tolist(),
        'roc_auc': M.roc_auc_score(yt, s), 'average_precision': M.average_precision_score(yt, s),
    }
    c.update(curves(yt, s))
    metric_cases.append(c)
prob_true, prob_pred = calibration_curve(y, prob, n_bins=10, strategy='uniform')
calib = {'y': y.tolist(), 'prob': prob.tolist(), 'brier': M.brier_score_loss(y, prob),
         'prob_true': prob_true.tolist(), 'prob_pred': prob_pred.tolist()}
# Edge probabilities exactly on bin edges (0.1, 0.5, 1.0) go to the lower bin in sklearn 1.2 (searchsorted left).
edge_p = np.array([0.0, 0.1, 0.1, 0.2, 0.5, 0.5, 0.7, 1.0, 1.0, 0.95])
edge_y = np.array([0, 0, 1, 0, 1, 0, 1, 1, 1, 0])
pt, pp = calibration_curve(edge_y, edge_p, n_bins=10)
calib_edges = {'y': edge_y.tolist(), 'prob': edge_p.tolist(), 'prob_true': pt.tolist(), 'prob_pred': pp.tolist(),
               'brier': M.brier_score_loss(edge_y, edge_p)}

# ---- MCD: unambiguous inliers + a far outlier cluster
L = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [-0.3, 0.2, 0.5]])
mu = np.array([2.0, -1.0, 0.5])
inl = rng.normal(size=(170, 3)) @ L.T * np.array([1.0, 2.0, 0.5]) + mu
out = rng.normal(size=(30, 3)) * 0.5 + np.array([9.0, 8.0, -6.0])
X = np.vstack([inl, out])
perm = rng.permutation(len(X))
X = X[perm]
mcd = MinCovDet(random_state=0).fit(X)
sign, raw_logdet = np.linalg.slogdet(mcd.raw_covariance_)
mcd_ref = {
    'x_rows': X.tolist(), 'outlier': (perm >= 170).astype(int).tolist(),
    'raw_location': mcd.raw_location_.tolist(), 'raw_covariance': mcd.raw_covariance_.tolist(),
    'raw_support': mcd.raw_support_.astype(int).tolist(), 'raw_logdet': float(raw_logdet),
    'location': mcd.location_.tolist(), 'covariance': mcd.covariance_.tolist(),
    'support': mcd.support_.astype(int).tolist(), 'dist': mcd.dist_.tolist(),
    'mahalanobis_new': mcd.mahalanobis(np.array([[2.0, -1.0, 0.5], [9.0, 8.0, -6.0], [4.0, 3.0, 1.0]])).tolist(),
}

out_json = {
    'versions': {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__, 'sklearn': sklearn.__version__},
    'platt': platt, 'isotonic': iso_cases, 'metrics': metric_cases, 'calibration': calib, 'calibration_edges': calib_edges,
    'mcd': mcd_ref,
}
with open(OUT, 'w', encoding='utf-8') as f:
    json.dump(out_json, f, indent=1)
    f.write('\n')
print(f'wrote {OUT}; platt sklearn ({a:.9f}, {b:.9f}) exact ({a_ex:.12f}, {b_ex:.12f})')
