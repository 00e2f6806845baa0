#!/usr/bin/env python3
"""Reference numbers for churnkit's campaign statistics (src/lift).

Run with Debian's python3 (statsmodels 0.13.5, scipy 1.10.1):
    /usr/bin/python3 bench/reference/lift_stats.py
Writes bench/reference/lift_stats.json next to this file; test/lift/reference.test.ts compares
churnkit with it: intervals and p-values to 1e-9 relative, sample sizes exactly.

- Newcombe hybrid-score interval: confint_proportions_2indep(c1, n1, c2, n2, method='newcomb',
  compare='diff', alpha) -- the interval is for p1 - p2 = c1/n1 - c2/n2 (statsmodels 0.13.5,
  proportion.py: diff = p1 - p2; low = diff - sqrt((p1-low1)^2 + (upp2-p2)^2)).
- z-test: proportions_ztest([c1, c2], [n1, n2]) (pooled variance, two-sided).
- Fisher: scipy.stats.fisher_exact([[c1, n1-c1], [c2, n2-c2]]) (two-sided).
- Sample size: NormalIndPower().solve_power(effect_size=proportion_effectsize(p2, p1), nobs1=None,
  alpha, power, ratio) with p1 = baseline, p2 = baseline + lift; nobs1 is the control arm,
  nobs2 = ratio * nobs1 the treatment arm. 'exact' is the same root found by brentq with
  xtol=1e-13 on NormalIndPower().power (solve_power's own tolerance is looser).
- Detectable lift: solve_power(effect_size=None, nobs1=n, ...) then p2 = sin(asin(sqrt(p1)) + h/2)^2;
  again also the brentq root of the same power function.
- SRM: scipy.stats.chisquare([t, c], [N*s, N*(1-s)]).
"""
import json
import math
import pathlib

import numpy as np
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_effectsize,
                                          proportions_ztest)

TABLES = [
    # (c1, n1, c2, n2): treatment retained, treatment size, control retained, control size
    (56, 70, 48, 80),       # Newcombe 1998 Table II (a)
    (9, 10, 3, 10),         # Newcombe (b)
    (6, 7, 2, 7),           # Newcombe (c)
    (5, 56, 0, 29),         # Newcombe (d)
    (0, 10, 0, 20),         # Newcombe (e): no successes at all
    (0, 10, 0, 10),
    (10, 10, 10, 10),       # all successes
    (10, 10, 0, 10),
    (0, 5, 5, 5),
    (1, 1, 0, 1),           # tiny arms
    (3, 4, 1, 200),         # very unequal arms
    (1, 30, 0, 7),
    (720, 2000, 600, 2000), # 0.36 vs 0.30, the campaign of the coverage test
    (500, 1000, 500, 1000), # no difference
    (560, 1000, 500, 1000),
    (12, 400, 30, 1600),
    (150, 160, 2900, 3100),
    (49999, 100000, 50500, 100000),
]
ALPHAS = [0.05, 0.1, 0.01]

FISHER_TABLES = TABLES + [
    (8, 10, 2, 10), (2, 10, 8, 10), (5, 10, 5, 10), (3, 8, 5, 8), (0, 3, 3, 3), (7, 12, 1, 9),
    (1, 2, 1, 3), (20, 40, 8, 45), (40, 60, 2, 5), (300, 1000, 250, 1000),
]

SAMPLE_SIZES = [
    # (baseline, lift, alpha, power, ratio)
    (0.30, 0.06, 0.05, 0.8, 1.0),
    (0.30, 0.03, 0.05, 0.8, 1.0),
    (0.30, 0.01, 0.05, 0.9, 1.0),
    (0.50, 0.05, 0.05, 0.8, 1.0),
    (0.10, 0.02, 0.01, 0.9, 1.0),
    (0.80, 0.05, 0.05, 0.8, 4.0),
    (0.80, 0.05, 0.05, 0.8, 0.25),
    (0.05, 0.10, 0.05, 0.8, 2.0),
    (0.60, -0.10, 0.05, 0.8, 1.0),
    (0.02, 0.005, 0.05, 0.95, 9.0),
    (0.95, 0.05, 0.10, 0.8, 1.0),
    (0.0, 0.05, 0.05, 0.8, 1.0),
    (0.40, 0.20, 0.05, 0.5, 1.0),
    (0.30, 0.06, 0.05, 0.2, 1.0),
]

DETECTABLE = [
    # (n control, baseline, alpha, power, ratio)
    (905, 0.30, 0.05, 0.8, 1.0),
    (100, 0.30, 0.05, 0.8, 1.0),
    (5000, 0.70, 0.05, 0.8, 1.0),
    (2000, 0.10, 0.01, 0.9, 3.0),
    (300, 0.50, 0.05, 0.8, 0.5),
    (50, 0.05, 0.1, 0.8, 1.0),
    (20000, 0.85, 0.05, 0.95, 1.0),
    (1000, 0.0, 0.05, 0.8, 1.0),
]

SRM = [
    # (treatment count, control count, expected treatment share)
    (5000, 5000, 0.5), (5100, 4900, 0.5), (5300, 4700, 0.5), (8000, 2000, 0.8), (8150, 1850, 0.8),
    (90, 10, 0.9), (1, 0, 0.5), (450, 550, 0.5), (50000, 49000, 0.5),
]


def ffloat(x):
    x = float(x)
    return None if math.isnan(x) else x


def power_fn(h, nobs1, alpha, ratio):
    return NormalIndPower().power(effect_size=h, nobs1=nobs1, alpha=alpha, ratio=ratio)


def main():
    out = {
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "newcombe": [], "ztest": [], "fisher": [], "sampleSize": [], "detectable": [], "srm": [],
    }
    for c1, n1, c2, n2 in TABLES:
        for alpha in ALPHAS:
            lo, hi = confint_proportions_2indep(c1, n1, c2, n2, method="newcomb", compare="diff", alpha=alpha)
            out["newcombe"].append({"x1": c1, "n1": n1, "x2": c2, "n2": n2, "alpha": alpha,
                                    "lower": float(lo), "upper": float(hi)})
        with np.errstate(all="ignore"):
            z, p = proportions_ztest([c1, c2], [n1, n2])
        out["ztest"].append({"x1": c1, "n1": n1, "x2": c2, "n2": n2, "z": ffloat(z), "p": ffloat(p)})
    for c1, n1, c2, n2 in FISHER_TABLES:
        _, p = stats.fisher_exact([[c1, n1 - c1], [c2, n2 - c2]])
        out["fisher"].append({"x1": c1, "n1": n1, "x2": c2, "n2": n2, "p": float(p)})
    for base, lift, alpha, power, ratio in SAMPLE_SIZES:
        h = float(proportion_effectsize(base + lift, base))
        n1 = float(NormalIndPower().solve_power(effect_size=h, nobs1=None, alpha=alpha, power=power, ratio=ratio))
        exact = optimize.brentq(lambda n: power_fn(h, n, alpha, ratio) - power, 1e-6, 1e9, xtol=1e-13, rtol=1e-15, maxiter=500)
        out["sampleSize"].append({
            "baselineRate": base, "minDetectableLift": lift, "alpha": alpha, "power": power, "ratio": ratio,
            "effectSize": h, "nobs1": n1, "nobs1Exact": exact,
            "control": math.ceil(exact), "treatment": math.ceil(ratio * exact),
            "controlFromSolvePower": math.ceil(n1), "treatmentFromSolvePower": math.ceil(ratio * n1),
        })
    for n, base, alpha, power, ratio in DETECTABLE:
        h = float(NormalIndPower().solve_power(effect_size=None, nobs1=n, alpha=alpha, power=power, ratio=ratio))
        exact = optimize.brentq(lambda e: power_fn(e, n, alpha, ratio) - power, 1e-9, 10, xtol=1e-15, rtol=1e-15, maxiter=500)
        a = math.asin(math.sqrt(base))
        out["detectable"].append({
            "n": n, "baselineRate": base, "alpha": alpha, "power": power, "ratio": ratio,
            "effectSize": h, "lift": math.sin(a + h / 2) ** 2 - base,
            "effectSizeExact": exact, "liftExact": math.sin(a + exact / 2) ** 2 - base,
        })
    for t, c, s in SRM:
        total = t + c
        chi2, p = stats.chisquare([t, c], [total * s, total * (1 - s)])
        out["srm"].append({"treatment": t, "control": c, "share": s, "chiSquare": float(chi2), "p": float(p)})
    path = pathlib.Path(__file__).with_suffix(".json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}: {len(out['newcombe'])} intervals, {len(out['fisher'])} Fisher tables, "
          f"{len(out['sampleSize'])} sample sizes, {len(out['detectable'])} detectable lifts, {len(out['srm'])} SRM checks")
    # How far solve_power's own answer is from the precise root (reported, not asserted):
    worst = max(abs(r["nobs1"] / r["nobs1Exact"] - 1) for r in out["sampleSize"])
    worst_h = max(abs(r["effectSize"] / r["effectSizeExact"] - 1) for r in out["detectable"])
    print(f"solve_power vs brentq root: nobs1 {worst:.2e} relative, effect size {worst_h:.2e} relative")


if __name__ == "__main__":
    main()
