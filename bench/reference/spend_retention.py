"""Reference Gamma-Gamma and shifted-beta-geometric figures for churnkit's tests.

Run: python3 bench/reference/spend_retention.py > bench/reference/spend_retention.json
Independent scipy implementations of: Gamma-Gamma likelihood (Fader & Hardie 2013, note 025),
expected average value, CLV with lifetimes' convention (monthly steps of 4.345 weeks, discount
(1+d)^k), sBG likelihood (Fader & Hardie 2007) and DERL (Fader & Hardie 2010) by a brute-force sum.
"""
import json
import numpy as np
import scipy
from scipy.special import gammaln, hyp2f1, betaln
from scipy.optimize import minimize

d = np.genfromtxt('/work/shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', delimiter=',', names=True)
x, tx, T, z = d['x'], d['t_x'], d['T'], d['zbar']
rep = x > 0
xr, zr = x[rep], z[rep]

def gg_ll(p, q, v):
    return np.sum(gammaln(p * xr + q) - gammaln(p * xr) - gammaln(q) + q * np.log(v) + (p * xr - 1) * np.log(zr) + p * xr * np.log(xr) - (p * xr + q) * np.log(v + xr * zr))

res = minimize(lambda th: -gg_ll(*np.exp(th)), np.zeros(3), method='Nelder-Mead', options={'xatol': 1e-10, 'fatol': 1e-10, 'maxiter': 20000})
res = minimize(lambda th: -gg_ll(*np.exp(th)), res.x, method='BFGS', options={'gtol': 1e-8})
p, q, v = np.exp(res.x)

# BG/NBD MLE from bgnbd.json for the CLV check
bg = json.load(open('bench/reference/bgnbd.json'))['params']
r, al, a, b = bg['r'], bg['alpha'], bg['a'], bg['b']
def cond(t, xx, txx, TT):
    num = (a + b + xx - 1) / (a - 1) * (1 - ((al + TT) / (al + TT + t)) ** (r + xx) * hyp2f1(r + xx, b + xx, a + b + xx - 1, t / (al + TT + t)))
    den = 1 + (xx > 0) * a / (b + xx - 1) * ((al + TT) / (al + txx)) ** (r + xx)
    return num / den
def avg(xx, zz):
    return np.where(xx > 0, p * (v + xx * zz) / (p * xx + q - 1), p * v / (q - 1))
clv = np.zeros(10)
factor = 4.345
for k in range(1, 13):
    clv += avg(x[:10], z[:10]) * (cond(k * factor, x[:10], tx[:10], T[:10]) - cond((k - 1) * factor, x[:10], tx[:10], T[:10])) / 1.01 ** k

def sbg_fit(s):
    s = np.asarray(s, float)
    n = len(s) - 1
    def ll(al_, be_):
        t = np.arange(1, n + 1)
        P = np.exp(betaln(al_ + 1, be_ + t - 1) - betaln(al_, be_))
        return np.sum((s[:-1] - s[1:]) * np.log(P)) + s[-1] * (betaln(al_, be_ + n) - betaln(al_, be_))
    r_ = minimize(lambda th: -ll(*np.exp(th)), np.zeros(2), method='Nelder-Mead', options={'xatol': 1e-12, 'fatol': 1e-12, 'maxiter': 20000})
    al_, be_ = np.exp(r_.x)
    return al_, be_, ll(al_, be_)

reg = sbg_fit([1000, 631, 468, 382, 326, 289, 262, 241])
high = sbg_fit([1000, 869, 743, 653, 593, 551, 517, 491])
def derl_sum(al_, be_, n, dd):
    t = np.arange(n + 1, n + 20001)
    S = np.exp(betaln(al_, be_ + t) - betaln(al_, be_ + n))
    return float(np.sum(S / (1 + dd) ** (t - n - 1)))

print(json.dumps({
    "source": f"scipy {scipy.__version__}, numpy {np.__version__}",
    "gammaGamma": {"p": p, "q": q, "gamma": v, "logLikelihood": gg_ll(p, q, v), "customers": int(rep.sum()),
                   "correlation": float(np.corrcoef(xr, zr)[0, 1]),
                   "expectedAverageValue_first10": avg(x[:10], z[:10]).tolist(),
                   "clv_first10_12months_4.345weeks_d0.01": clv.tolist()},
    "sbgRegular": {"alpha": reg[0], "beta": reg[1], "logLikelihood": reg[2]},
    "sbgHighEnd": {"alpha": high[0], "beta": high[1], "logLikelihood": high[2]},
    "derlRegular": {f"n={n},d={dd}": derl_sum(reg[0], reg[1], n, dd) for n in (0, 4, 10) for dd in (0.1, 0.2)},
}, indent=1))
