#!/usr/bin/python3
"""Writes doe-reference.json: exact optima of small design problems, by enumerating every design with NumPy.

Run from anywhere with Debian's Python (needs python3-numpy):

    /usr/bin/python3 backend/analysis/__fixtures__/generate-doe-reference.py

For each problem (a candidate set, a polynomial model, optional fixed runs, n new runs chosen without
replacement) every subset of n candidates is evaluated and the script records, for the design fixed + subset
with M = X'X:
  - "D": max ln det M (and one maximiser, as ascending candidate indices);
  - "A": min trace M^-1;
  - "I": min trace(B M^-1), B = mean over all candidates of f(x) f(x)' (the moment matrix of the region);
  - the number of designs enumerated and of nonsingular ones.
Singular designs (smallest eigenvalue of M <= 1e-10 times the largest) are skipped. Model columns are in the
order: intercept, main effects, two-factor interactions (a:b for a < b), squares; "terms" names them.
"""
import itertools
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def grid(levels, k):
    return [list(p) for p in itertools.product(levels, repeat=k)]


def model_matrix(points, model):
    k = len(points[0])
    cols, names = [], []
    cols.append([1.0] * len(points))
    names.append("(Intercept)")
    for a in range(k):
        cols.append([x[a] for x in points])
        names.append(f"x{a + 1}")
    if model in ("interactions", "quadratic"):
        for a in range(k):
            for b in range(a + 1, k):
                cols.append([x[a] * x[b] for x in points])
                names.append(f"x{a + 1}:x{b + 1}")
    if model == "quadratic":
        for a in range(k):
            cols.append([x[a] ** 2 for x in points])
            names.append(f"x{a + 1}^2")
    return np.array(cols, dtype=float).T, names


def enumerate_problem(name, points, model, n_new, fixed_points=()):
    x, names = model_matrix(points, model)
    p = x.shape[1]
    f = model_matrix(list(fixed_points), model)[0] if fixed_points else np.zeros((0, p))
    m_fixed = f.T @ f
    b = x.T @ x / x.shape[0]
    best = {"D": (-np.inf, None), "A": (np.inf, None), "I": (np.inf, None)}
    total = 0
    nonsingular = 0
    combos = list(itertools.combinations(range(len(points)), n_new))
    for start in range(0, len(combos), 20000):
        chunk = np.array(combos[start : start + 20000], dtype=int)
        xs = x[chunk]  # (c, n, p)
        m = m_fixed + np.einsum("cnp,cnq->cpq", xs, xs)
        total += len(chunk)
        eig = np.linalg.eigvalsh(m)
        ok = eig[:, 0] > 1e-10 * eig[:, -1]
        nonsingular += int(ok.sum())
        if not ok.any():
            continue
        idx = np.nonzero(ok)[0]
        mi = m[idx]
        sign, logdet = np.linalg.slogdet(mi)
        inv = np.linalg.inv(mi)
        a = np.trace(inv, axis1=1, axis2=2)
        i = np.einsum("pq,cqp->c", b, inv)
        for crit, values, better in (("D", logdet, np.argmax), ("A", a, np.argmin), ("I", i, np.argmin)):
            w = better(values)
            v = float(values[w])
            if (crit == "D" and v > best[crit][0]) or (crit != "D" and v < best[crit][0]):
                best[crit] = (v, [int(t) for t in chunk[idx[w]]])
    return {
        "name": name,
        "model": model,
        "terms": names,
        "points": points,
        "fixed": [list(t) for t in fixed_points],
        "n_new": n_new,
        "designs": total,
        "nonsingular": nonsingular,
        "optimum": {c: {"value": v, "design": d} for c, (v, d) in best.items()},
    }


def main():
    rng = np.random.default_rng(20240611)
    random14 = [[round(float(v), 3) for v in row] for row in rng.uniform(-1, 1, size=(14, 2))]
    problems = [
        enumerate_problem("grid3x3-quadratic-6", grid([-1, 0, 1], 2), "quadratic", 6),
        enumerate_problem("grid3x3-quadratic-7", grid([-1, 0, 1], 2), "quadratic", 7),
        enumerate_problem("factorial2^4-main-8", grid([-1, 1], 4), "linear", 8),
        enumerate_problem("factorial2^3-main-4", grid([-1, 1], 3), "linear", 4),
        enumerate_problem("grid3x3x3-main-6", grid([-1, 0, 1], 3), "linear", 6),
        enumerate_problem("grid4x4-interactions-5", grid([-1, -1 / 3, 1 / 3, 1], 2), "interactions", 5),
        enumerate_problem("random14-quadratic-7", random14, "quadratic", 7),
        enumerate_problem(
            "grid3x3-quadratic-augment-3+4", grid([-1, 0, 1], 2), "quadratic", 4, ((0, 0), (1, 1), (-1, 0))
        ),
        enumerate_problem("grid5x5-quadratic-9", grid([-1, -0.5, 0, 0.5, 1], 2), "quadratic", 9),
    ]
    out = {"generator": "generate-doe-reference.py", "numpy": np.__version__, "problems": problems}
    with open(os.path.join(HERE, "doe-reference.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    for pr in problems:
        print(pr["name"], pr["designs"], {c: (round(v["value"], 6), v["design"]) for c, v in pr["optimum"].items()})


main()
