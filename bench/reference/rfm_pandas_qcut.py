#!/usr/bin/env python3
"""Reference RFM scores for test/segments/rfmReference.test.ts (pandas 1.5.3, numpy).

Method (the one scoreRfm documents): among customers with a recency (not NaN), each measure is
ranked with pandas ``Series.rank(method='average')`` (midranks for ties) and scored
``1 + floor(bins * (midrank - 0.5) / n)``; recency is ranked descending (few days = high score).
Customers with NaN recency get 0 / 'No purchase'. The segment is read from the 5 x 5
R-versus-FM grid written out cell by cell below (independently of the rule list in
src/segments/rfmSegments.ts); for bins != 5 each score s is rescaled to 1 + floor(5 (s - 0.5) / bins).

For comparison the script also reports how often pandas' ``qcut`` of the average ranks into
``bins`` quantile bins (duplicates='drop') agrees with these scores: qcut cuts at interpolated
rank quantiles, so ties straddling an edge and the bin edges themselves can differ.

Run: /usr/bin/python3 bench/reference/rfm_pandas_qcut.py  (writes rfm_pandas_qcut.json beside it)
"""
import json
import math
import os

import numpy as np
import pandas as pd

rng = np.random.default_rng(20240601)
N = 2000
recency = rng.integers(0, 366, N).astype(float)          # integer days: many ties
recency[rng.random(N) < 0.05] = np.nan                    # ~5% never bought
frequency = np.where(rng.random(N) < 0.7, 1, 1 + rng.geometric(0.3, N)).astype(float)  # 70% bought once
monetary = np.round(rng.lognormal(4, 1, N), 2)
monetary[rng.random(N) < 0.1] = 25.0                      # a block of exact ties
monetary[rng.random(N) < 0.02] = -12.5                    # net refunds

# Grid of the default map: rows R = 5..1, columns FM 1, 1.5, ..., 5 (9 columns).
def grid_row(a, b, c, d):
    # a: FM 1-1.5, b: FM 2-2.5, c: FM 3-3.5, d: FM 4-5
    return [a, a, b, b, c, c, d, d, d]

GRID = {
    5: grid_row('New', 'Potential Loyalist', 'Loyal', 'Champions'),
    4: grid_row('Promising', 'Potential Loyalist', 'Loyal', 'Champions'),
    3: grid_row('About to Sleep', 'Need Attention', 'Loyal', 'Loyal'),
    2: grid_row('Hibernating', 'Hibernating', 'At Risk', 'At Risk'),
    1: grid_row('Lost', 'Lost', 'At Risk', "Can't Lose Them"),
}


def scores(values, bins, descending):
    s = pd.Series(values)
    r = s.rank(method='average', ascending=not descending)
    n = len(s)
    return (1 + np.floor(bins * (r - 0.5) / n)).astype(int).to_numpy(), r.to_numpy()


def to5(s, bins):
    return s if bins == 5 else 1 + math.floor(5 * (s - 0.5) / bins)


out = {
    'source': 'pandas %s Series.rank(method="average"); numpy %s default_rng(20240601)' % (pd.__version__, np.__version__),
    'input': {
        'recency': [None if math.isnan(v) else v for v in recency],
        'frequency': frequency.tolist(),
        'monetary': monetary.tolist(),
    },
    'cases': [],
}
mask = ~np.isnan(recency)
for bins in (5, 4, 10):
    rs, rr = scores(recency[mask], bins, True)
    fs, fr = scores(frequency[mask], bins, False)
    ms, mr = scores(monetary[mask], bins, False)
    R = np.zeros(N, int); F = np.zeros(N, int); M = np.zeros(N, int)
    R[mask] = rs; F[mask] = fs; M[mask] = ms
    seg = []
    for i in range(N):
        if not mask[i]:
            seg.append('No purchase')
            continue
        fm2 = to5(F[i], bins) + to5(M[i], bins)  # 2 * FM in 2..10
        seg.append(GRID[to5(R[i], bins)][fm2 - 2])
    agree = {}
    for name, sc, rk in (('recency', rs, rr), ('frequency', fs, fr), ('monetary', ms, mr)):
        q = pd.qcut(rk, bins, labels=False, duplicates='drop') + 1
        agree[name] = float(np.mean(q == sc))
    counts = pd.Series(seg).value_counts().to_dict()
    out['cases'].append({
        'bins': bins,
        'recency': R.tolist(), 'frequency': F.tolist(), 'monetary': M.tolist(),
        'segment': seg,
        'segmentCounts': {k: int(v) for k, v in counts.items()},
        'qcutAgreement': agree,
    })
    print('bins', bins, 'segments', counts, 'qcut agreement', agree)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'rfm_pandas_qcut.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
