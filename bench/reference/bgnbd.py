"""Reference BG/NBD figures on CDNOW for churnkit's tests (test/models/btyd/bgNbd.test.ts).

Run: python3 bench/reference/bgnbd.py > bench/reference/bgnbd.json
Independent of churnkit: scipy.optimize (Nelder-Mead, then BFGS) on the FHL (2005) eq. 6 likelihood,
closed forms eq. 7, 8, 10 with scipy.special.hyp2f1.
"""
import json
import numpy as np
import scipy
from scipy.special import gammaln, hyp2f1, betaln
from scipy.optimize import minimize

d = np.genfromtxt('/work/shared/data/cdnow/cdnow_customers_summary.csv', delimiter=',', names=True)
x, tx, T = d['frequency'], d['recency'], d['T']

def ll(p):
    r, al, a, b = p
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    A3 = -(r + x) * np.log(al + T)
    A4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(A1 + A2 + np.logaddexp(A3, A4))

f = lambda th: -ll(np.exp(th))
res = minimize(f, np.zeros(4), method='Nelder-Mead', options={'xatol': 1e-10, 'fatol': 1e-10, 'maxiter': 20000})
res = minimize(f, res.x, method='BFGS', options={'gtol': 1e-8})
r, al, a, b = np.exp(res.x)

def ex(t, r, al, a, b):
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b, a + b - 1, t / (al + t)))

def cond(t, xx, txx, TT, r, al, a, b):
    num = (a + b + xx - 1) / (a - 1) * (1 - ((al + TT) / (al + TT + t)) ** (r + xx) * hyp2f1(r + xx, b + xx, a + b + xx - 1, t / (al + TT + t)))
    den = 1 + (xx > 0) * a / (b + xx - 1) * ((al + TT) / (al + txx)) ** (r + xx)
    return num / den

def pmf(n, t, r, al, a, b):
    lnbd = lambda j: gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * np.log(al / (al + t)) + j * np.log(t / (al + t))
    v = np.exp(betaln(a, b + n) - betaln(a, b) + lnbd(n))
    if n > 0:
        v += np.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * (1 - sum(np.exp(lnbd(j)) for j in range(n)))
    return float(v)

rounded = (0.243, 4.414, 0.793, 2.426)
full = (r, al, a, b)
out = {
    "source": f"scipy {scipy.__version__}, numpy {np.__version__}",
    "params": {"r": r, "alpha": al, "a": a, "b": b},
    "logLikelihood": ll(full),
    "expected": {str(t): ex(t, *full) for t in (0.1429, 1, 3, 31.8571, 32, 78)},
    "expectedRoundedParams": {str(t): ex(t, *rounded) for t in (1, 3, 78)},
    "conditional_39_2_30.43_38.86": cond(39, 2, 30.43, 38.86, *full),
    "conditionalHeavy_39_x": {str(xx): cond(39, xx, 38.0, 38.86, *full) for xx in (10, 50, 200)},
    "pmfMle": {"P(X(39)=0)": pmf(0, 39, *full)},
    "pmfRounded": {"P(X(39)=0)": pmf(0, 39, *rounded), "P(X(2)=10)": pmf(10, 2, *rounded), "P(X(39)=3)": pmf(3, 39, *rounded)},
}
print(json.dumps(out, indent=1))
