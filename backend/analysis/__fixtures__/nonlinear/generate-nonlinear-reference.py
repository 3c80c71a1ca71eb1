#!/usr/bin/python3
"""Writes nonlinear-reference.json: the out-of-fold R² of scikit-learn + XGBoost + Optuna's nested CV
(sklearn_nested_cv.py) on the learners fixtures, on the same outer folds our test uses (issue 7: our nonlinear
job's OOF R² must be at least this minus 0.01). Run with Debian's Python (python3-sklearn, python3-xgboost,
python3-optuna):

    /usr/bin/python3 backend/analysis/__fixtures__/nonlinear/generate-nonlinear-reference.py
"""
import json
import os
import platform
import sys
import time

import numpy as np
import optuna
import sklearn
import xgboost
from sklearn.metrics import r2_score

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sklearn_nested_cv import nested_cv  # noqa: E402

SETTINGS = {"models": ["random_forest", "gradient_boosting"], "inner": 3, "n_trials": 10, "seed": 0}


def main():
    with open(os.path.join(HERE, "..", "learners", "gbdt-datasets.json")) as fh:
        data = json.load(fh)
    out = {
        "generator": "generate-nonlinear-reference.py",
        "versions": {
            "python": platform.python_version(),
            "sklearn": sklearn.__version__,
            "xgboost": xgboost.__version__,
            "optuna": optuna.__version__,
        },
        "settings": SETTINGS,
        "results": {},
    }
    for name in ["diabetes", "friedman1"]:
        d = data[name]
        x = np.array(d["x_columns"], dtype=float).T
        y = np.array(d["y"], dtype=float)
        fold = np.array(d["fold"])
        t0 = time.perf_counter()
        oof, chosen = nested_cv(
            x, y, fold, SETTINGS["models"], SETTINGS["inner"], SETTINGS["n_trials"], SETTINGS["seed"]
        )
        r2 = float(r2_score(y, oof))
        out["results"][name] = {"oof_r2": r2, "chosen": chosen, "seconds": round(time.perf_counter() - t0, 1)}
        print(f"{name}: OOF R² {r2:.4f}, chosen {chosen}, {time.perf_counter() - t0:.1f} s")
    with open(os.path.join(HERE, "nonlinear-reference.json"), "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main()
