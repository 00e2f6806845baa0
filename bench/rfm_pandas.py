"""RFM aggregation in pandas: the baseline bench/features.ts compares churnkit against.

Usage: /usr/bin/python3 bench/rfm_pandas.py <csv> <cutoff_ms> <runs>
CSV columns: customer,time,type,value (time in epoch ms, value empty when absent).
Times only the aggregation (filter time < cutoff and type == order, groupby customer: last time,
count, sum and mean of value, recency in days), not the CSV read. Prints one JSON line.
"""
import json
import resource
import sys
import time

import pandas as pd


def main() -> None:
    path, cutoff, runs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype={"customer": "int64", "time": "float64", "type": "category", "value": "float64"})
    read_s = time.perf_counter() - t0
    times = []
    g = None
    for _ in range(runs):
        t = time.perf_counter()
        d = df[(df["time"] < cutoff) & (df["type"] == "order")]
        g = d.groupby("customer", sort=False).agg(
            last=("time", "max"), frequency=("time", "size"), monetary=("value", "sum"), mean=("value", "mean")
        )
        g["recency"] = (cutoff - g["last"]) / 86_400_000
        times.append(time.perf_counter() - t)
    times.sort()
    print(json.dumps({
        "pandas": pd.__version__,
        "rows": int(len(df)),
        "customers": int(len(g)),
        "read_seconds": read_s,
        "seconds": times[len(times) // 2],
        "frequency_sum": float(g["frequency"].sum()),
        "monetary_sum": float(g["monetary"].sum()),
        "recency_sum": float(g["recency"].sum()),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
