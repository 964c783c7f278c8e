"""python-polars peer of two steps of the scale benchmark, for bench/scale_bench.ts.

Usage: scale_bench.py <folder of CSVs> <labels.json> <out.json>

1. Acquisition's reading: `pl.read_csv` of every `.csv` in the folder (one symbol per file,
   named after the file), then one concat, as a user would write it.
2. Labeling: the forward returns, label ends and action classes of lib/labels (fixed daily
   thresholds, scaled by sqrt(h) under "sqrt"), as vectorized expressions over the panel sorted
   by symbol and date; the range-expansion columns are left out on both sides.

Writes {"read_seconds", "read_cpu", "rows", "label_seconds", "label_cpu", "means", "nulls"}.
"""
import json
import math
import sys
import time
from pathlib import Path

import polars as pl

folder, spec_path, out_path = sys.argv[1:4]
spec = json.loads(Path(spec_path).read_text())

t0, c0 = time.perf_counter(), time.process_time()
frames = []
for path in sorted(Path(folder).glob("*.csv")):
    frame = pl.read_csv(path, try_parse_dates=True)
    frames.append(frame.with_columns(pl.lit(path.stem).alias("symbol")))
panel = pl.concat(frames)
read_seconds, read_cpu = time.perf_counter() - t0, time.process_time() - c0

c = pl.col


def action(r, weak, strong):
    return (
        pl.when(r.is_null()).then(None)
        .when(r >= strong).then(2)
        .when(r >= weak).then(1)
        .when(r <= -strong).then(-2)
        .when(r <= -weak).then(-1)
        .otherwise(0)
        .cast(pl.Int32)
    )


t0, c0 = time.perf_counter(), time.process_time()
sorted_panel = panel.sort(["symbol", "Date"])
exprs = [c("symbol"), c("Date").alias("date")]
for h in spec["horizons"]:
    k = math.sqrt(h) if spec["scaling"] == "sqrt" else 1.0
    weak, strong = spec["weak"] * k, spec["strong"] * k
    fwd = (c("Close").shift(-h) / c("Close") - 1).over("symbol").cast(pl.Float64)
    exprs += [
        fwd.alias(f"fwd_ret_{h}"),
        c("Date").shift(-h).over("symbol").alias(f"label_end_{h}"),
        action(fwd, weak, strong).alias(f"action_{h}"),
    ]
labels = sorted_panel.select(exprs)
label_seconds, label_cpu = time.perf_counter() - t0, time.process_time() - c0

value_cols = [n for n in labels.columns if n.startswith(("fwd_ret_", "action_"))]
Path(out_path).write_text(json.dumps({
    "read_seconds": read_seconds,
    "read_cpu": read_cpu,
    "rows": panel.height,
    "label_seconds": label_seconds,
    "label_cpu": label_cpu,
    "columns": value_cols,
    "means": [labels[n].cast(pl.Float64).mean() for n in value_cols],
    "nulls": [labels[n].null_count() for n in value_cols],
    "polars": pl.__version__,
}))
