#!/usr/bin/env python3
"""Reference ROC curves for churnkit's rocCurve (src/evaluate/rocCurve.ts).

Run with Debian's python3-sklearn:  /usr/bin/python3 bench/reference/roc_curve.py
Writes bench/reference/roc_curve.json: small seeded fixtures (scores rounded so that they tie)
and scikit-learn's roc_curve(..., drop_intermediate=False) and roc_auc_score on them.
test/evaluate/rocCurve.test.ts compares fpr and tpr within 1e-12. scikit-learn 1.2's first
threshold is max + 1 (churnkit writes Infinity), so thresholds are compared from index 1 on.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.metrics import roc_auc_score, roc_curve


def main():
    rng = np.random.default_rng(20240611)
    fixtures = {}
    fixtures["hand"] = ([1, 0, 1, 1, 0, 0, 1, 0], [0.9, 0.9, 0.7, 0.4, 0.4, 0.4, 0.1, 0.0])
    p = np.round(rng.random(50), 1)
    y = (rng.random(50) < 0.2 + 0.6 * p).astype(int)
    fixtures["ties_small"] = (y.tolist(), p.tolist())
    p = np.round(rng.random(400), 2)
    y = (rng.random(400) < 0.1 + 0.5 * p ** 2).astype(int)
    fixtures["ties_medium"] = (y.tolist(), p.tolist())
    out = {"sklearn": sklearn.__version__, "cases": {}}
    for name, (y, s) in fixtures.items():
        fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
        out["cases"][name] = {
            "y": [int(v) for v in y],
            "scores": [float(v) for v in s],
            "fpr": fpr.tolist(),
            "tpr": tpr.tolist(),
            "thresholds": thr.tolist(),
            "auc": float(roc_auc_score(y, s)),
        }
    path = pathlib.Path(__file__).with_suffix(".json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path} (scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
