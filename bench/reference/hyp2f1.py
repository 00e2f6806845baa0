"""Reference values for churnkit's special functions (src/internal/special.ts).

Run: python3 bench/reference/hyp2f1.py > bench/reference/hyp2f1.json
Uses scipy.special.hyp2f1 / gammaln (and mpmath, when present, for a second opinion on 2F1).
The cases cover the ranges the BTYD models need: BG/NBD conditional expectations
(a = r + x, b = b + x, c = a + b + x - 1, z = t / (alpha + T + t)), heavy buyers (x up to 300),
E[X(t)] at long horizons (z near 1), negative z (Pfaff) and the sBG DERL (a = 1, z = 1/(1+d)).
"""
import json
import scipy
import scipy.special as sp

r, alpha, a, b = 0.242593, 4.413532, 0.792886, 2.425752
cases = []
def add(A, B, C, z, note):
    cases.append({"a": A, "b": B, "c": C, "z": z, "value": float(sp.hyp2f1(A, B, C, z)), "note": note})

for t in (1.0, 3.0, 39.0, 78.0, 520.0):
    add(r, b, a + b - 1, t / (alpha + t), f"BG/NBD E[X({t})]")
for x in (0, 1, 2, 7, 20, 60, 150, 300):
    T = 38.86
    add(r + x, b + x, a + b + x - 1, 39.0 / (alpha + T + 39.0), f"BG/NBD conditional x={x}")
for n in (0, 3, 7, 20):
    for d in (0.1, 0.01):
        add(1.0, 1.182 + n + 1, 0.704 + 1.182 + n + 1, 1 / (1 + d), f"sBG DERL n={n} d={d}")
for z in (-0.5, -3.0, -20.0):
    add(1.5, 2.25, 3.1, z, "negative z (Pfaff)")
for z in (0.3, 0.95, 0.999):
    add(0.5, 0.5, 1.0, z, "c-a-b = 0 (log singular at 1)")
    add(1.2, 3.4, 2.0, z, "c-a-b = -2.6")
    add(2.5, 1.5, 6.0, z, "c-a-b = 2")
lg = [{"x": x, "value": float(sp.gammaln(x))} for x in (1e-8, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.7, 10.0, 14.999, 15.0, 33.3, 171.5, 1e4, 1e7, -0.5, -2.7)]
check = None
try:
    import mpmath
    mpmath.mp.dps = 30
    check = max(abs(float(mpmath.hyp2f1(c["a"], c["b"], c["c"], c["z"])) - c["value"]) / abs(c["value"]) for c in cases)
    check = f"mpmath {mpmath.__version__} (30 digits) agrees to a relative {check:.1e}"
except ImportError:
    pass
print(json.dumps({"source": f"scipy {scipy.__version__} scipy.special.hyp2f1 / gammaln", "crossCheck": check, "hyp2f1": cases, "lgamma": lg}, indent=1))
