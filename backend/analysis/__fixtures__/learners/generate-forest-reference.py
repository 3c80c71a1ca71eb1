#!/usr/bin/python3
"""Writes forest-reference.json: scikit-learn random-forest cross-validation scores that
backend/analysis/forest is checked against (issue 6, "accuracy against the established libraries").

Run from anywhere with Debian's Python (needs python3-sklearn), AFTER generate-gbdt-reference.py:

    /usr/bin/python3 backend/analysis/__fixtures__/learners/generate-forest-reference.py

Data and folds are NOT duplicated: they are read from gbdt-datasets.json (written by
generate-gbdt-reference.py), which holds exactly the data sets this issue names:
  - "diabetes":      load_diabetes(scaled=False), 442 x 10, regression (trees are invariant to the
                     column scaling, so the unscaled values give the same forests as the scaled ones);
  - "breast_cancer": load_breast_cancer(), 569 x 30, binary (target 1 = benign);
  - "friedman1":     make_friedman1(n_samples=1000, noise=1.0, random_state=0), x and y rounded to 6
                     decimals;
  with fold[i] = the held-out fold of row i under KFold(5, shuffle=True, random_state=0).
This script rebuilds the data and the folds from scikit-learn and stops if the file disagrees.

Models: RandomForestRegressor / RandomForestClassifier(n_estimators=200, random_state=0, n_jobs=2)
with scikit-learn's defaults otherwise (max_features=1.0 for regression, 'sqrt' for classification,
bootstrap=True, min_samples_leaf=1, max_depth=None; criterion squared_error / gini).
Scores: R^2 (regression) or ROC AUC of predict_proba[:, 1] (binary) on each held-out fold, and
their mean. "seed_means" repeats the whole CV with random_state 0..4, to show how much the mean
moves with the forest's own randomness alone (the noise floor of any comparison with our forest).
"""
import json
import os
import platform

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, make_friedman1
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import KFold

HERE = os.path.dirname(os.path.abspath(__file__))
N_TREES = 200
SEEDS = range(5)


def expected_datasets():
    d = load_diabetes(scaled=False)
    yield "diabetes", "regression", d.data, d.target
    b = load_breast_cancer()
    yield "breast_cancer", "binary", b.data, b.target.astype(float)
    x, y = make_friedman1(n_samples=1000, noise=1.0, random_state=0)
    yield "friedman1", "regression", np.round(x, 6), np.round(y, 6)


def cv_scores(task, x, y, fold, seed):
    scores = []
    for f in range(5):
        tr, te = fold != f, fold == f
        if task == "binary":
            m = RandomForestClassifier(n_estimators=N_TREES, random_state=seed, n_jobs=2).fit(x[tr], y[tr])
            scores.append(roc_auc_score(y[te], m.predict_proba(x[te])[:, 1]))
        else:
            m = RandomForestRegressor(n_estimators=N_TREES, random_state=seed, n_jobs=2).fit(x[tr], y[tr])
            scores.append(r2_score(y[te], m.predict(x[te])))
    return [float(s) for s in scores]


def main():
    with open(os.path.join(HERE, "gbdt-datasets.json")) as fh:
        data = json.load(fh)
    out = {
        "generator": "generate-forest-reference.py",
        "datasets_file": "gbdt-datasets.json",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "sklearn": sklearn.__version__,
        },
        "n_trees": N_TREES,
        "results": {},
    }
    for name, task, x_exp, y_exp in expected_datasets():
        d = data[name]
        x = np.array(d["x_columns"], dtype=float).T
        y = np.array(d["y"], dtype=float)
        fold = np.array(d["fold"])
        exp_fold = np.empty(len(y_exp), dtype=int)
        for f, (_, test) in enumerate(KFold(5, shuffle=True, random_state=0).split(x_exp)):
            exp_fold[test] = f
        if d["task"] != task or not np.array_equal(x, x_exp) or not np.array_equal(y, y_exp):
            raise SystemExit(f"gbdt-datasets.json: {name} differs from scikit-learn's data; regenerate it")
        if not np.array_equal(fold, exp_fold):
            raise SystemExit(f"gbdt-datasets.json: {name} folds differ from KFold(5, shuffle, 0)")
        scores = cv_scores(task, x, y, fold, 0)
        seed_means = [float(np.mean(cv_scores(task, x, y, fold, s))) for s in SEEDS]
        metric = "auc" if task == "binary" else "r2"
        out["results"][name] = {
            "metric": metric,
            "fold_scores": scores,
            "mean": float(np.mean(scores)),
            "seed_means": seed_means,
        }
        print(f"{name:14s} {metric} per fold {np.round(scores, 4)} mean {np.mean(scores):.4f} "
              f"seeds 0-4 {np.round(seed_means, 4)}")
    with open(os.path.join(HERE, "forest-reference.json"), "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main()
