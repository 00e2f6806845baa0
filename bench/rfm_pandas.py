"""RFM aggregation in pandas: the baseline bench/features.ts compares churnkit against.

Usage: /usr/bin/python3 bench/rfm_pandas.py <csv> <cutoff_ms> <runs>
       /usr/bin/python3 bench/rfm_pandas.py <csv> <cutoff_ms> serve
In serve mode the CSV is read once, one JSON line {"ready": ...} is printed, and then every
"run" line read from stdin times one aggregation and prints its JSON line ("quit" or end of
input stops): bench/features.ts alternates these runs with its own, so both sides see the same
load on a shared machine.
CSV columns: customer,time,type,value (time in epoch ms, value empty when absent).
Times only the aggregation (filter time < cutoff and type == order, groupby customer: last time,
count, sum and mean of value, recency in days), not the CSV read. Prints one JSON line.
"""
import json
import resource
import sys
import time

import pandas as pd


def rfm(df: pd.DataFrame, cutoff: float) -> pd.DataFrame:
    d = df[(df["time"] < cutoff) & (df["type"] == "order")]
    g = d.groupby("customer", sort=False).agg(
        last=("time", "max"), frequency=("time", "size"), monetary=("value", "sum"), mean=("value", "mean")
    )
    g["recency"] = (cutoff - g["last"]) / 86_400_000
    return g


def sums(g: pd.DataFrame) -> dict:
    return {
        "customers": int(len(g)),
        "frequency_sum": float(g["frequency"].sum()),
        "monetary_sum": float(g["monetary"].sum()),
        "recency_sum": float(g["recency"].sum()),
    }


def main() -> None:
    path, cutoff, mode = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype={"customer": "int64", "time": "float64", "type": "category", "value": "float64"})
    read_s = time.perf_counter() - t0
    if mode == "serve":
        print(json.dumps({"ready": True, "pandas": pd.__version__, "rows": int(len(df)), "read_seconds": read_s}), flush=True)
        while True:
            line = sys.stdin.readline()
            if line.strip() != "run":
                break
            t = time.perf_counter()
            g = rfm(df, cutoff)
            secs = time.perf_counter() - t
            print(json.dumps({"seconds": secs, **sums(g)}), flush=True)
        return
    runs = int(mode)
    times = []
    g = None
    for _ in range(runs):
        t = time.perf_counter()
        g = rfm(df, cutoff)
        times.append(time.perf_counter() - t)
    times.sort()
    print(json.dumps({
        "pandas": pd.__version__,
        "rows": int(len(df)),
        "read_seconds": read_s,
        "seconds": times[len(times) // 2],
        **sums(g),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
