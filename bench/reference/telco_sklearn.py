"""Reference numbers for test/models/telco.test.ts: scikit-learn on IBM Telco churn.

Run:  /usr/bin/python3 bench/reference/telco_sklearn.py > bench/reference/telco_sklearn.json
Reads ../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv (never copied into the repo).

The split and the encoding repeat test/helpers/telco.ts exactly:
- test row when FNV-1a-32(UTF-8 customerID) % 4 == 0;
- tenure, MonthlyCharges, TotalCharges numeric (blank -> NaN), SeniorCitizen binary, every other
  column one-hot over all its levels sorted by code point across the whole file;
- design columns in input order, then one 0/1 missing indicator per input with NaN among the
  training rows; NaN -> training median (numpy median);
- logistic: StandardScaler (population sd; constant column -> scale 1) then
  LogisticRegression(C=1) solved to tight tolerance (newton-cg, tol 1e-10); the largest gradient
  component of its objective at the solution is recorded as max_abs_gradient;
- forest / boosting on the unstandardised imputed design, scikit-learn defaults.
"""
import csv, json, os, sys, time
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'telco', 'WA_Fn-UseC_-Telco-Customer-Churn.csv')
NUMERIC = {'tenure', 'MonthlyCharges', 'TotalCharges'}
BINARY = {'SeniorCitizen'}


def fnv1a32(s):
    h = 0x811C9DC5
    for b in s.encode('utf-8'):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def main():
    with open(PATH, newline='') as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], [r for r in rows[1:] if r]
    id_col, y_col = header.index('customerID'), header.index('Churn')
    feats = [j for j in range(len(header)) if j not in (id_col, y_col)]
    ids = [r[id_col] for r in rows]
    y = np.array([1 if r[y_col] == 'Yes' else 0 for r in rows])
    test = np.array([fnv1a32(i) % 4 == 0 for i in ids])
    train = ~test
    cols, names, inputs_with_nan = [], [], []
    raw_inputs = []
    for j in feats:
        name = header[j]
        raw = [r[j].strip() for r in rows]
        if name in NUMERIC or name in BINARY:
            v = np.array([float(s) if s != '' else np.nan for s in raw])
            raw_inputs.append((name, v))
            if np.isnan(v[train]).any():
                inputs_with_nan.append((name, v))
            med = np.median(v[train][~np.isnan(v[train])])
            cols.append(np.where(np.isnan(v), med, v))
            names.append(name)
        else:
            levels = sorted(set(raw))
            for lv in levels:
                cols.append(np.array([1.0 if s == lv else 0.0 for s in raw]))
                names.append(f'{name}={lv}')
    for name, v in inputs_with_nan:
        cols.append(np.isnan(v).astype(float))
        names.append(f'{name}:missing')
    X = np.column_stack(cols)
    Xtr, Xte, ytr, yte = X[train], X[test], y[train], y[test]

    mean = Xtr.mean(axis=0)
    sd = Xtr.std(axis=0)
    sd[sd == 0] = 1.0
    Ztr, Zte = (Xtr - mean) / sd, (Xte - mean) / sd
    out = {
        'generated_by': 'bench/reference/telco_sklearn.py',
        'sklearn_version': sklearn.__version__,
        'numpy_version': np.__version__,
        'n_train': int(train.sum()), 'n_test': int(test.sum()),
        'train_positives': int(ytr.sum()),
        'design_columns': names,
        'logistic': {}, 'forest': {}, 'boosting': {},
    }
    for C in (1.0, 0.1):
        t0 = time.perf_counter()
        lr = LogisticRegression(C=C, solver='newton-cg', tol=1e-10, max_iter=10000).fit(Ztr, ytr)
        dt = time.perf_counter() - t0
        # gradient of C*sum(logloss) + 0.5*|w|^2 at the solution (intercept unpenalised)
        p = lr.predict_proba(Ztr)[:, 1]
        g_w = C * Ztr.T @ (p - ytr) + lr.coef_[0]
        g_b = C * np.sum(p - ytr)
        out['logistic'][f'C={C}'] = {
            'max_abs_gradient': float(max(np.abs(g_w).max(), abs(g_b))),
            'C': C, 'intercept': float(lr.intercept_[0]), 'coef': [float(c) for c in lr.coef_[0]],
            'test_auc': float(roc_auc_score(yte, lr.predict_proba(Zte)[:, 1])), 'fit_seconds': dt,
        }
    aucs = []
    for seed in range(5):
        rf = RandomForestClassifier(n_estimators=100, random_state=seed, n_jobs=1).fit(Xtr, ytr)
        aucs.append(float(roc_auc_score(yte, rf.predict_proba(Xte)[:, 1])))
    out['forest'] = {'params': 'RandomForestClassifier(n_estimators=100, defaults), seeds 0..4', 'test_auc': aucs, 'mean_test_auc': float(np.mean(aucs))}
    aucs = []
    for seed in range(3):
        hgb = HistGradientBoostingClassifier(random_state=seed).fit(Xtr, ytr)
        aucs.append(float(roc_auc_score(yte, hgb.predict_proba(Xte)[:, 1])))
    out['boosting'] = {'params': 'HistGradientBoostingClassifier(defaults: lr 0.1, 100 iters, 31 leaves, min_samples_leaf 20; no early stopping below 10k rows)', 'test_auc': aucs, 'mean_test_auc': float(np.mean(aucs)), 'n_iter': int(hgb.n_iter_)}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
