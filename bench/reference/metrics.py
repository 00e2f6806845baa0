#!/usr/bin/env python3
"""Reference numbers for churnkit's evaluation metrics (src/evaluate).

Run with Debian's python3-sklearn:  /usr/bin/python3 bench/reference/metrics.py
Writes bench/reference/metrics.json next to this file: the (small, generated) fixtures
themselves and what scikit-learn / scipy compute on them. test/evaluate/*.test.ts compare
churnkit's numbers with these within 1e-9 (EMPC: 1e-9 relative, against scipy.integrate.quad).

Fixtures are generated with numpy's seeded Generator and rounded so that scores tie.
"""
import json
import pathlib
import sys

import numpy as np
import scipy
import scipy.special
import sklearn
from scipy import integrate, stats
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss,
                             f1_score, log_loss, precision_score, recall_score, roc_auc_score)


def fixtures():
    rng = np.random.default_rng(20131005)
    out = {}
    # hand-sized: every kind of tie
    out["hand"] = (np.array([1, 0, 1, 1, 0, 0, 1, 0]), np.array([0.9, 0.9, 0.7, 0.4, 0.4, 0.4, 0.1, 0.0]))
    # small, coarse scores (one decimal): many ties
    p = np.round(rng.random(40), 1)
    y = (rng.random(40) < 0.15 + 0.7 * p).astype(int)
    out["ties_small"] = (y, p)
    # medium, two decimals
    p = np.round(rng.random(600), 2)
    y = (rng.random(600) < 0.1 + 0.5 * p ** 2).astype(int)
    out["ties_medium"] = (y, p)
    # continuous logistic scores (few or no ties)
    x = rng.normal(size=300)
    p = 1 / (1 + np.exp(-(1.3 * x - 1.0)))
    y = (rng.random(300) < 1 / (1 + np.exp(-(1.0 * x - 1.2)))).astype(int)
    out["continuous"] = (y, p)
    # imbalanced (about 5% churners), scores on a 0.05 grid
    p = np.round(rng.beta(1.2, 8, size=800) / 0.05) * 0.05
    p = np.clip(p, 0, 1)
    y = (rng.random(800) < 0.02 + 0.5 * p).astype(int)
    out["imbalanced"] = (y, p)
    # probabilities that hit 0 and 1 exactly (log-loss clipping)
    p = np.array([0.0, 1.0, 0.0, 1.0, 0.5, 1e-20, 1 - 1e-17, 0.25, 0.75, 0.999999])
    y = np.array([0, 1, 1, 0, 1, 0, 1, 0, 1, 1])
    out["extremes"] = (y, p)
    return out


def confusion(y, p, t):
    yp = (p >= t).astype(int)
    tp = int(((yp == 1) & (y == 1)).sum()); fp = int(((yp == 1) & (y == 0)).sum())
    tn = int(((yp == 0) & (y == 0)).sum()); fn = int(((yp == 0) & (y == 1)).sum())
    return {
        "threshold": t, "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "precision": precision_score(y, yp, zero_division=0),
        "recall": recall_score(y, yp, zero_division=0),
        "f1": f1_score(y, yp, zero_division=0),
        "accuracy": accuracy_score(y, yp),
        "specificity": recall_score(1 - y, 1 - yp, zero_division=0),
    }


def calibration(y, p, n_bins, strategy):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    # counts per non-empty bin, with sklearn 1.2.1's own binning (searchsorted, side='left')
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(ids, minlength=len(edges))
    counts = total[total != 0]
    gaps = np.abs(prob_true - prob_pred)
    return {
        "bins": n_bins, "strategy": strategy, "edges": edges.tolist(),
        "fractionPositive": prob_true.tolist(), "meanPredicted": prob_pred.tolist(),
        "counts": counts.tolist(),
        "ece": float(np.sum(counts / len(p) * gaps)), "mce": float(gaps.max()),
    }


def empc_bruteforce(y, s, clv, d, f, a, b):
    """EMPC (Verbraken, Verdonck & Baesens 2013, eq. 16) by brute force: for each acceptance
    rate gamma, the best of ALL score cut-offs (not only hull vertices), integrated against
    the Beta(a, b) density with adaptive quadrature. Independent of churnkit's hull walk."""
    n = len(y); n1 = y.sum(); n0 = n - n1
    pi1 = n1 / n; pi0 = n0 / n          # churners / non-churners
    order = np.argsort(-s, kind="stable")
    ss = s[order]; yy = y[order]
    # cumulative rates at each distinct cut (target everyone with score >= cut)
    tpr = [0.0]; fpr = [0.0]
    tp = fp = 0
    for i in range(n):
        tp += yy[i]; fp += 1 - yy[i]
        if i == n - 1 or ss[i + 1] != ss[i]:
            tpr.append(tp / n1); fpr.append(fp / n0)
    tpr = np.array(tpr); fpr = np.array(fpr)
    delta = d / clv; phi = f / clv

    def best(g):
        prof = clv * (g * (1 - delta) - phi) * pi1 * tpr - clv * (delta + phi) * pi0 * fpr
        return prof.max(), int(prof.argmax())

    def integrand(g):
        return best(g)[0] * stats.beta.pdf(g, a, b)

    def frac(g):
        k = best(g)[1]
        return (pi1 * tpr[k] + pi0 * fpr[k]) * stats.beta.pdf(g, a, b)

    # breakpoints where the argmax changes make quad exact to its tolerance
    grid = np.linspace(0, 1, 2001)
    brk = []
    for lo, hi in zip(grid[:-1], grid[1:]):
        if best(lo)[1] == best(hi)[1]:
            continue
        k_lo = best(lo)[1]
        for _ in range(60):  # bisect the switch to double precision
            mid = 0.5 * (lo + hi)
            if best(mid)[1] == k_lo:
                lo = mid
            else:
                hi = mid
        brk.append(hi)
    val, _ = integrate.quad(integrand, 0, 1, points=brk or None, limit=500, epsabs=1e-11, epsrel=1e-11)
    eta, _ = integrate.quad(frac, 0, 1, points=brk or None, limit=500, epsabs=1e-11, epsrel=1e-11)
    # maximum profit at a fixed acceptance rate (the mean of the Beta)
    mp, k = best(a / (a + b))
    return {"clv": clv, "incentive": d, "contact": f, "alpha": a, "beta": b,
            "empc": val, "fraction": eta, "mpAtMean": mp, "fractionAtMean": float(pi1 * tpr[k] + pi0 * fpr[k])}


def profit_best(y, s, clv, d, f, g):
    """Profit of targeting everyone with score >= cut, for every distinct cut; churner i
    targeted: g*(clv_i - d) - f; non-churner targeted: -(d + f) (Neslin et al. 2006)."""
    order = np.argsort(-s, kind="stable")
    ss = s[order]; yy = y[order]; cc = clv[order]
    per = np.where(yy == 1, g * (cc - d) - f, -(d + f))
    cum = np.cumsum(per)
    best = (0.0, 0, float("inf"))
    prof = [0.0]
    for i in range(len(y)):
        if i == len(y) - 1 or ss[i + 1] != ss[i]:
            prof.append(float(cum[i]))
            if cum[i] > best[0]:
                best = (float(cum[i]), i + 1, float(ss[i]))
    return {"clv": clv.tolist(), "incentive": d, "contact": f, "acceptance": g,
            "profit": prof, "bestProfit": best[0], "bestCount": best[1], "bestThreshold": best[2]}


def main():
    result = {
        "generator": "bench/reference/metrics.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                     "python": sys.version.split()[0]},
        "fixtures": {},
    }
    for name, (y, p) in fixtures().items():
        y = np.asarray(y, dtype=int); p = np.asarray(p, dtype=float)
        fx = {"y": y.tolist(), "p": p.tolist(), "n": len(y), "positives": int(y.sum())}
        fx["rocAuc"] = roc_auc_score(y, p)
        fx["prAuc"] = average_precision_score(y, p)
        fx["logLoss"] = log_loss(y, p)
        fx["brierScore"] = brier_score_loss(y, p)
        fx["confusion"] = [confusion(y, p, t) for t in (0.0, 0.3, 0.5, 0.7, 1.0)]
        ks = stats.ks_2samp(p[y == 1], p[y == 0])
        fx["ksStatistic"] = float(ks.statistic)
        fx["calibration"] = [calibration(y, p, nb, st) for nb in (5, 10) for st in ("uniform", "quantile")]
        fx["empc"] = [empc_bruteforce(y, p, 200.0, 10.0, 1.0, 6.0, 14.0),
                      empc_bruteforce(y, p, 100.0, 20.0, 2.0, 2.0, 2.0)]
        clv = np.round(50 + 300 * np.random.default_rng(len(y)).random(len(y)), 2)
        fx["profit"] = [profit_best(y, p, np.full(len(y), 200.0), 10.0, 1.0, 0.3),
                        profit_best(y, p, clv, 15.0, 2.0, 0.25)]
        result["fixtures"][name] = fx
    # the regularized incomplete beta function that EMPC integrates with
    result["betainc"] = [{"a": a, "b": b, "x": x, "value": float(scipy.special.betainc(a, b, x))}
                         for a, b in ((6.0, 14.0), (7.0, 14.0), (2.0, 2.0), (0.5, 0.5), (30.0, 70.0), (1.0, 1.0))
                         for x in (0.0, 1e-6, 0.05, 0.3, 0.31, 0.5, 0.9, 0.999999, 1.0)]
    path = pathlib.Path(__file__).with_name("metrics.json")
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {path} with sklearn {sklearn.__version__}:")
    for name, fx in result["fixtures"].items():
        print(f"  {name:12s} n={fx['n']:4d} auc={fx['rocAuc']:.6f} ap={fx['prAuc']:.6f} "
              f"logloss={fx['logLoss']:.6f} brier={fx['brierScore']:.6f} ks={fx['ksStatistic']:.6f} "
              f"empc={fx['empc'][0]['empc']:.6f}")


if __name__ == "__main__":
    main()
