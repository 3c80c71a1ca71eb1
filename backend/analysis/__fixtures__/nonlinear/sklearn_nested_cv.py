#!/usr/bin/python3
"""The scikit-learn + XGBoost + Optuna counterpart of our nonlinear_analysis job's nested CV, used twice:

  * as a reference: `generate-nonlinear-reference.py` runs it on the learners fixtures (gbdt-datasets.json,
    same outer folds) and commits the out-of-fold R² our job must reach (issue 7: ours ≥ theirs − 0.01);
  * as the comparison in bench/nonlinear.ts: `sklearn_nested_cv.py --csv FILE --targets a,b --features ...`
    prints a JSON line with the wall time and OOF R² per target.

The procedure mirrors ours (backend/analysis/model-selection/tuned-nested-cv.ts): per outer fold and per model an
Optuna TPE study (seeded) of `n_trials` trials, each scored by the mean RMSE over `inner` shuffled folds of the
outer-training rows, with Optuna's MedianPruner fed the running mean after each inner fold; the model with the lowest
best score is refitted on the outer-training rows with its best parameters and predicts the outer test rows. The
search spaces are ours (backend/analysis/tuning/search-spaces.ts) in the libraries' parameter names:
  gradient boosting = xgboost.XGBRegressor(tree_method='hist', grow_policy='lossguide', max_bin=256), with
    min_child_weight standing for min_data_in_leaf (squared error: hessian 1 per row, so equal);
  random forest = sklearn.ensemble.RandomForestRegressor(bootstrap=True).
Single-threaded (n_jobs=1, nthread=1) so both sides use one core per study.
"""
import argparse
import json
import sys
import time

import numpy as np
import optuna
import xgboost as xgb
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import KFold

optuna.logging.set_verbosity(optuna.logging.WARNING)


def suggest(trial, model):
    if model == "gradient_boosting":
        return dict(
            n_estimators=trial.suggest_int("n_estimators", 50, 1000, log=True),
            learning_rate=trial.suggest_float("learning_rate", 0.005, 0.3, log=True),
            max_leaves=trial.suggest_int("max_leaves", 4, 64, log=True),
            max_depth=trial.suggest_int("max_depth", 2, 10),
            min_child_weight=trial.suggest_int("min_child_weight", 2, 40, log=True),
            reg_lambda=trial.suggest_float("reg_lambda", 1e-4, 10, log=True),
            reg_alpha=trial.suggest_float("reg_alpha", 1e-4, 10, log=True),
            subsample=trial.suggest_float("subsample", 0.4, 1.0),
            colsample_bytree=trial.suggest_float("colsample_bytree", 0.4, 1.0),
        )
    mode = trial.suggest_categorical("max_features_mode", ["sqrt", "log2", "fraction"])
    return dict(
        n_estimators=trial.suggest_int("n_estimators", 50, 500, step=50),
        max_depth=trial.suggest_int("max_depth", 2, 32, log=True),
        min_samples_split=trial.suggest_int("min_samples_split", 2, 20),
        min_samples_leaf=trial.suggest_int("min_samples_leaf", 1, 15),
        max_features=trial.suggest_float("max_features_fraction", 0.3, 1.0) if mode == "fraction" else mode,
        max_samples=trial.suggest_float("max_samples", 0.5, 1.0),
    )


def build(model, params, seed):
    if model == "gradient_boosting":
        return xgb.XGBRegressor(
            tree_method="hist", grow_policy="lossguide", max_bin=256, n_jobs=1, random_state=seed, **params
        )
    return RandomForestRegressor(bootstrap=True, n_jobs=1, random_state=seed, **params)


def tune(model, x, y, inner, n_trials, seed):
    folds = list(KFold(inner, shuffle=True, random_state=seed).split(x))

    def objective(trial):
        params = suggest(trial, model)
        total = 0.0
        for k, (tr, te) in enumerate(folds):
            est = build(model, params, seed).fit(x[tr], y[tr])
            total += mean_squared_error(y[te], est.predict(x[te])) ** 0.5
            trial.report(total / (k + 1), k)
            if k < len(folds) - 1 and trial.should_prune():
                raise optuna.TrialPruned()
        return total / len(folds)

    study = optuna.create_study(
        sampler=optuna.samplers.TPESampler(seed=seed), pruner=optuna.pruners.MedianPruner()
    )
    study.optimize(objective, n_trials=n_trials)
    return study.best_value, study.best_params


def params_of(model, best):
    """Optuna's best_params (suggest names) back into estimator arguments."""
    p = dict(best)
    if model == "random_forest":
        mode = p.pop("max_features_mode")
        frac = p.pop("max_features_fraction", None)
        p["max_features"] = frac if mode == "fraction" else mode
    return p


def nested_cv(x, y, fold, models, inner, n_trials, seed):
    oof = np.empty(len(y))
    chosen = []
    for f in sorted(set(fold.tolist())):
        tr, te = fold != f, fold == f
        best = None
        for m, model in enumerate(models):
            value, params = tune(model, x[tr], y[tr], inner, n_trials, seed + 1000 * f + m)
            if best is None or value < best[0]:
                best = (value, model, params_of(model, params))
        est = build(best[1], best[2], seed).fit(x[tr], y[tr])
        oof[te] = est.predict(x[te])
        chosen.append(best[1])
    return oof, chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--features", required=True)
    ap.add_argument("--outer", type=int, default=5)
    ap.add_argument("--inner", type=int, default=5)
    ap.add_argument("--trials", type=int, default=30)
    ap.add_argument("--models", default="random_forest,gradient_boosting")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    import csv

    with open(a.csv, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    features = a.features.split(",")
    x = np.array([[float(r[c]) for c in features] for r in rows])
    t0 = time.perf_counter()
    out = {}
    for target in a.targets.split(","):
        y = np.array([float(r[target]) for r in rows])
        fold = np.empty(len(y), dtype=int)
        for f, (_, te) in enumerate(KFold(a.outer, shuffle=True, random_state=a.seed).split(x)):
            fold[te] = f
        oof, chosen = nested_cv(x, y, fold, a.models.split(","), a.inner, a.trials, a.seed)
        out[target] = {"oof_r2": float(r2_score(y, oof)), "chosen": chosen}
    out["wall_seconds"] = time.perf_counter() - t0
    out["cpu_seconds"] = time.process_time()
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
