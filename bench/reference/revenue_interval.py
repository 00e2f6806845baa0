#!/usr/bin/env python3
"""Reference numbers for the incremental-revenue and ROI intervals of churnkit's evaluateCampaign.

Run with Debian's python3 (statsmodels 0.13.5, scipy 1.10.1):
    /usr/bin/python3 bench/reference/revenue_interval.py
Writes bench/reference/revenue_interval.json next to this file; test/lift/revenueInterval.test.ts
compares churnkit with it (1e-9 relative, or 1e-9 absolute near 0).

- Welch interval for the difference of mean revenue per customer, treatment - control:
  CompareMeans(DescrStatsW(treatment), DescrStatsW(control)).tconfint_diff(alpha, usevar='unequal')
  (statsmodels.stats.weightstats: standard error sqrt(s1^2/n1 + s2^2/n2) with ddof=1 variances,
  Welch-Satterthwaite degrees of freedom, Student-t quantile).
- Incremental revenue = difference * treatment size; its bounds = the interval's bounds * treatment size.
- ROI = (incremental revenue - cost) / cost with cost = the treatment arm's total cost (fixed),
  so the ROI bounds are (bounds - cost) / cost.
- Student-t quantiles: scipy 1.10's stats.t.ppf (special.stdtrit, cdflib's root search) is good
  to only ~1e-9 relative (e.g. t.ppf(0.95, 30) = 1.6972608943617, where the cdf is 0.0499999993 in
  the upper tail), so the reference quantile is the root of the Student-t tail
  0.5 * I_{df/(df+t^2)}(df/2, 1/2) = q computed by mpmath 1.2.1 at 40 digits (mpmath.betainc,
  regularized; mpmath.findroot). Every fixture gives both statsmodels' own bounds ('statsmodels',
  which the test checks to 1e-7 relative) and the bounds with the exact quantile (checked to 1e-9).

The fixture revenues are written into the JSON so that the test reads the same numbers.
"""
import json
import pathlib

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

FIXTURES = [
    {
        'name': 'small arms, unequal sizes',
        'alpha': 0.05,
        'costPerTreated': 2.0,
        'treatment': [12.5, 0, 30, 7.25, 0, 55, 18, 0, 22.5, 9.99],
        'control': [0, 8, 0, 15.5, 0, 4, 27, 0],
    },
    {
        'name': 'refunds (negative revenue), 90% level',
        'alpha': 0.10,
        'costPerTreated': 3.0,
        'treatment': [40, -15, 0, 25, -5.5, 60, 0],
        'control': [10, -20, 35, 0, 0, 12.75],
    },
    {
        'name': 'treatment arm with zero variance',
        'alpha': 0.05,
        'costPerTreated': 1.5,
        'treatment': [10, 10, 10, 10, 10],
        'control': [0, 5, 20, 0, 12, 3],
    },
    {
        'name': 'larger treatment arm, mostly zero revenue, 99% level',
        'alpha': 0.01,
        'costPerTreated': 0.75,
        'treatment': [0, 0, 49.9, 0, 0, 0, 12, 0, 0, 88.5, 0, 0, 0, 5.25, 0, 0, 0, 0, 31, 0,
                      0, 0, 0, 140, 0, 0, 7.5, 0, 0, 0],
        'control': [0, 0, 0, 22, 0, 0, 0, 0, 61.25, 0, 0, 0],
    },
]

T_GRID_P = [0.5000001, 0.6, 0.75, 0.9, 0.95, 0.975, 0.995, 0.9995, 0.025, 0.005]
T_GRID_DF = [1, 1.5, 2, 2.7, 4, 5.3, 9, 17.25, 30, 100, 1234.5, 3000, 9999, 10001, 25000, 1e5, 1e7]


mpmath.mp.dps = 40


def t_quantile(p, df):
    """Student-t quantile to ~40 digits: the root of the upper tail = 1 - p (or the lower tail = p)."""
    if p == 0.5:
        return 0.0
    q = mpmath.mpf(1 - p) if p > 0.5 else mpmath.mpf(p)
    nu = mpmath.mpf(df)

    def g(t):
        return 0.5 * mpmath.betainc(nu / 2, 0.5, 0, nu / (nu + t * t), regularized=True) - q
    t0 = abs(float(stats.t.ppf(p, df)))
    root = mpmath.findroot(g, (mpmath.mpf(t0) * (1 - 1e-6), mpmath.mpf(t0) * (1 + 1e-6)), solver='anderson')
    return float(root) if p > 0.5 else -float(root)


def fixture(f):
    t = np.array(f['treatment'], dtype=float)
    c = np.array(f['control'], dtype=float)
    cm = CompareMeans(DescrStatsW(t), DescrStatsW(c))
    sm_lo, sm_hi = cm.tconfint_diff(alpha=f['alpha'], alternative='two-sided', usevar='unequal')
    n_t = len(t)
    cost = f['costPerTreated'] * n_t
    diff = t.mean() - c.mean()
    se = float(cm.std_meandiff_separatevar)
    df = float(cm.dof_satt())
    tq = t_quantile(1 - f['alpha'] / 2, df)
    lo, hi = diff - tq * se, diff + tq * se
    # statsmodels' bounds differ only by its quantile's error
    assert abs(lo - sm_lo) <= 1e-7 * abs(sm_lo) and abs(hi - sm_hi) <= 1e-7 * abs(sm_hi), (lo, sm_lo, hi, sm_hi)
    inc, inc_lo, inc_hi = diff * n_t, lo * n_t, hi * n_t
    return dict(
        f,
        difference=float(diff),
        standardError=se,
        df=df,
        tQuantile=tq,
        lower=float(lo),
        upper=float(hi),
        statsmodels={'lower': float(sm_lo), 'upper': float(sm_hi), 'tQuantile': float(stats.t.ppf(1 - f['alpha'] / 2, df))},
        cost=float(cost),
        incrementalRevenue=float(inc),
        incrementalRevenueLower=float(inc_lo),
        incrementalRevenueUpper=float(inc_hi),
        roi=float((inc - cost) / cost),
        roiLower=float((inc_lo - cost) / cost),
        roiUpper=float((inc_hi - cost) / cost),
    )


def main():
    out = {
        'versions': {'statsmodels': statsmodels.__version__, 'scipy': scipy.__version__, 'numpy': np.__version__,
                     'mpmath': mpmath.__version__},
        'fixtures': [fixture(f) for f in FIXTURES],
        'tQuantile': [{'p': p, 'df': df, 'q': t_quantile(p, df), 'scipy': float(stats.t.ppf(p, df))}
                      for df in T_GRID_DF for p in T_GRID_P],
    }
    path = pathlib.Path(__file__).with_suffix('.json')
    path.write_text(json.dumps(out, indent=1) + '\n')
    for f in out['fixtures']:
        print(f"{f['name']}: diff {f['difference']:.6f} se {f['standardError']:.6f} df {f['df']:.4f} "
              f"inc {f['incrementalRevenue']:.4f} [{f['incrementalRevenueLower']:.4f}, {f['incrementalRevenueUpper']:.4f}] "
              f"roi {f['roi']:.4f} [{f['roiLower']:.4f}, {f['roiUpper']:.4f}]")
    print(f'wrote {path}')


if __name__ == '__main__':
    main()
