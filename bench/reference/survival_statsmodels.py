"""Reference Kaplan-Meier fits for test/lift/survival*.test.ts.

Run:  /usr/bin/python3 bench/reference/survival_statsmodels.py
Writes bench/reference/survival_statsmodels.json next to this script.

Reference implementation: statsmodels 0.13.5 (Debian), statsmodels.duration.survfunc.SurvfuncRight:
  surv_times, surv_prob, surv_prob_se (Greenwood), n_risk, n_events, quantile(0.5),
  quantile_ci(0.5, alpha, method='cloglog') (Brookmeyer-Crowley interval on the log-log scale).

Pointwise intervals: statsmodels 0.13.5 has no SurvfuncRight.simple_confint (added in 0.14),
and its only other interval (simultaneous_cb) is a Hall-Wellner band, not a pointwise one.
So the pointwise log-log (Kalbfleisch-Prentice) bounds below are computed here from
statsmodels' surv_prob and surv_prob_se with the formula
    exp(-exp(log(-log S) +/- z * se / (S * |log S|))),  z = scipy.stats.norm.ppf(1 - alpha/2),
which is what statsmodels 0.14 calls transform='log' in simple_confint (it transforms with
log(-log S)). They check our arithmetic against numpy/scipy, not against an independent
package. NaN (S = 0) is written as null.
"""
import json
import os

import numpy as np
import scipy
import statsmodels
from scipy.stats import norm
from statsmodels.duration.survfunc import SurvfuncRight


def nan_to_none(a):
    return [None if not np.isfinite(v) and not np.isinf(v) else (float(v) if np.isfinite(v) else ('Infinity' if v > 0 else '-Infinity')) for v in np.asarray(a, dtype=float)]


def fit(name, durations, observed, alpha=0.05, note=''):
    durations = np.asarray(durations, dtype=float)
    observed = np.asarray(observed, dtype=float)
    sf = SurvfuncRight(durations, observed)
    s = np.asarray(sf.surv_prob, dtype=float)
    se = np.asarray(sf.surv_prob_se, dtype=float)
    z = norm.ppf(1 - alpha / 2)
    with np.errstate(divide='ignore', invalid='ignore'):
        ll = np.log(-np.log(s))
        w = z * se / (s * np.abs(np.log(s)))
        lower = np.exp(-np.exp(ll + w))
        upper = np.exp(-np.exp(ll - w))
    bad = ~((s > 0) & (s < 1))
    lower[bad] = np.nan
    upper[bad] = np.nan
    lb, ub = sf.quantile_ci(0.5, alpha=alpha, method='cloglog')
    return {
        'name': name,
        'note': note,
        'alpha': alpha,
        'z': float(z),
        'durations': durations.tolist(),
        'observed': observed.astype(int).tolist(),
        'time': np.asarray(sf.surv_times, dtype=float).tolist(),
        'atRisk': np.asarray(sf.n_risk, dtype=float).tolist(),
        'events': np.asarray(sf.n_events, dtype=float).tolist(),
        'survival': s.tolist(),
        'standardError': nan_to_none(se),
        'lower': nan_to_none(lower),
        'upper': nan_to_none(upper),
        'median_statsmodels': nan_to_none([sf.quantile(0.5)])[0],
        'medianLower': nan_to_none([lb])[0],
        'medianUpper': nan_to_none([ub])[0],
    }


cases = []
# 1. Hand case (worked in the test file's comments).
cases.append(fit('hand', [5, 8, 8, 12, 20], [1, 1, 0, 1, 0], note='hand-worked: S = 0.8, 0.6, 0.3'))
# 2. Ties of events, censoring at event times, censoring before the first event, S reaching 0.
cases.append(fit(
    'ties',
    [0.5, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 10, 10, 11],
    [0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1],
    note='tied events, censored at event times 2, 3 and 10, censored at 0.5 before the first event; the last customer churns at 11, so S ends at 0',
))
# 3. Exactly S = 0.5 on a step: statsmodels quantile uses S < 0.5 (gives 3), we use S <= 0.5 (gives 2).
cases.append(fit('exact_half', [1, 2, 3, 4], [1, 1, 1, 1], note='S = 0.75, 0.5, 0.25, 0'))
# 4. Bigger random case with integer-day ties (seeded).
rng = np.random.default_rng(20240601)
n = 400
event_time = np.ceil(rng.exponential(120.0, n))
censor_time = np.ceil(rng.uniform(0, 300, n))
durations = np.minimum(event_time, censor_time)
observed = (event_time <= censor_time).astype(int)
cases.append(fit('random', durations, observed, note='numpy default_rng(20240601): ceil(Exp(mean 120)) events, ceil(U(0, 300)) censoring, n = 400'))
# 5. Same data, 90% intervals.
cases.append(fit('random_alpha10', durations, observed, alpha=0.10, note='as random, alpha = 0.10'))

out = {
    'generator': 'bench/reference/survival_statsmodels.py',
    'versions': {'statsmodels': statsmodels.__version__, 'scipy': scipy.__version__, 'numpy': np.__version__},
    'cases': cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'survival_statsmodels.json')
with open(path, 'w') as f:
    json.dump(out, f, indent=1)
for c in cases:
    print(c['name'], 'events at', len(c['time']), 'times; median', c['median_statsmodels'], 'CI', c['medianLower'], c['medianUpper'])
