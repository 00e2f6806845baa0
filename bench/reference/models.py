"""scikit-learn side of bench/models.ts (one thread).

  /usr/bin/python3 bench/reference/models.py <csv> <n_train> [algorithms|all] [--repeats=k]   (Debian python3-sklearn)

Reads the CSV bench/models.ts wrote (label first, header line), fits on rows [0, n_train) and
scores rows [n_train, n): train CPU seconds (time.process_time), predict seconds and AUC per algorithm, as JSON on stdout.
With --repeats=k each fit runs k times and the fastest fit and prediction are reported (as
bench/models.ts does for churnkit); the forest runs at most twice when a fit takes over a second.
Settings match bench/models.ts: LogisticRegression(C=1, lbfgs) after StandardScaler (the scaling
is timed with the fit); RandomForestClassifier(100 trees, sqrt features, n_jobs=1);
HistGradientBoostingClassifier(100 iterations, lr 0.1, 31 leaves, min leaf 20,
early_stopping=False). Set OMP_NUM_THREADS=1 (bench/models.ts does) for one thread.
"""
import json, sys, time
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


def main():
    pos = [a for a in sys.argv[1:] if not a.startswith('--')]
    opts = dict(a[2:].split('=', 1) for a in sys.argv[1:] if a.startswith('--'))
    path, n_train = pos[0], int(pos[1])
    only = pos[2].split(',') if len(pos) > 2 and pos[2] != 'all' else None
    repeats = int(opts.get('repeats', '1'))
    data = np.loadtxt(path, delimiter=',', skiprows=1)
    y, X = data[:, 0].astype(int), data[:, 1:]
    Xtr, Xte, ytr, yte = X[:n_train], X[n_train:], y[:n_train], y[n_train:]
    out = []

    def run(name, fit, predict):
        if only and name not in only:
            return
        best_fit, best_pred, k = float('inf'), float('inf'), 0
        while k < repeats and not (name == 'forest' and k >= 2 and best_fit > 1):
            t0 = time.process_time()
            model = fit()
            t1 = time.process_time()
            p = predict(model)
            t2 = time.process_time()
            best_fit, best_pred, k = min(best_fit, t1 - t0), min(best_pred, t2 - t1), k + 1
        out.append({'algorithm': name, 'train': best_fit, 'predict': best_pred, 'auc': float(roc_auc_score(yte, p))})

    def fit_lr():
        sc = StandardScaler().fit(Xtr)
        return sc, LogisticRegression(C=1.0).fit(sc.transform(Xtr), ytr)
    run('logistic', fit_lr, lambda m: m[1].predict_proba(m[0].transform(Xte))[:, 1])
    run('forest', lambda: RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=0).fit(Xtr, ytr), lambda m: m.predict_proba(Xte)[:, 1])
    run('boosting', lambda: HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0).fit(Xtr, ytr), lambda m: m.predict_proba(Xte)[:, 1])
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
