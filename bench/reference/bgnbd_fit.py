"""Baseline for bench/btyd.ts: fit BG/NBD with numpy + scipy.optimize (BFGS on log-parameters,
vectorised log-likelihood, FHL 2005 eq. 6) on a CSV with columns x,tx,T; prints JSON with the fit
time (median of runs) and the parameters.

Usage: python3 bench/reference/bgnbd_fit.py summary.csv [runs]
"""
import json
import sys
import time
import numpy as np
from scipy.special import gammaln
from scipy.optimize import minimize

d = np.genfromtxt(sys.argv[1], delimiter=',', names=True)
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
x, tx, T = d['x'], d['tx'], d['T']
n = len(x)

def negll(th):
    r, al, a, b = np.exp(th)
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    A3 = -(r + x) * np.log(al + T)
    A4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return -np.sum(A1 + A2 + np.logaddexp(A3, A4)) / n

times = []
for _ in range(runs):
    t0 = time.perf_counter()
    res = minimize(negll, np.array([0.0, np.log(max(T.mean(), 1e-3) / max(x.mean(), 0.1)), 0.0, 0.0]), method='BFGS', options={'gtol': 1e-7})
    times.append(time.perf_counter() - t0)
r, al, a, b = np.exp(res.x)
print(json.dumps({"ms": 1000 * sorted(times)[len(times) // 2], "params": {"r": r, "alpha": al, "a": a, "b": b}, "logLikelihood": -res.fun * n, "evaluations": int(res.nfev)}))
