"""vectorbt side of bench/vectorbt_bench.ts: a moving-average crossover grid backtest.

Usage: vectorbt_bench.py CLOSE.f64 WINDOWS(comma-separated) REPEATS FEES OUT.json

Reads the close series (raw little-endian float64), then times the whole pipeline, each run from
the prices: `MA.run_combs` over every window pair, `ma_crossed_above` / `ma_crossed_below`, and
`Portfolio.from_signals` (fees, all-cash entries) up to `final_value()`. The first run in this
fresh process is the cold one: its clock starts before `import vectorbt`, so it includes the
import and numba compilation (or loading numba's on-disk cache). The warm time is the best of
the later runs.
"""

import time

T0 = time.perf_counter()
C0 = time.process_time()

import json  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import vectorbt as vbt  # noqa: E402


def run(close, windows, fees):
    fast, slow = vbt.MA.run_combs(close, window=windows, r=2, short_names=["fast", "slow"])
    entries = fast.ma_crossed_above(slow)
    exits = fast.ma_crossed_below(slow)
    pf = vbt.Portfolio.from_signals(close, entries, exits, fees=fees, init_cash=10_000.0, freq="1D")
    return np.asarray(pf.final_value(), dtype=float), int(pf.orders.count().sum())


def main():
    path, windows, repeats, fees, out = sys.argv[1:6]
    windows = [int(w) for w in windows.split(",")]
    close = pd.Series(np.fromfile(path, dtype="<f8"), name="close")
    final, n_orders = run(close, windows, float(fees))
    cold = time.perf_counter() - T0
    cold_cpu = time.process_time() - C0
    warm = []
    warm_cpu = []
    for _ in range(int(repeats)):
        t, c = time.perf_counter(), time.process_time()
        final, n_orders = run(close, windows, float(fees))
        warm.append(time.perf_counter() - t)
        warm_cpu.append(time.process_time() - c)
    best = int(np.argmin(warm)) if warm else -1
    with open(out, "w") as f:
        json.dump({
            "cold_seconds": cold,
            "cold_cpu_seconds": cold_cpu,
            "warm_seconds": warm[best] if warm else None,
            "warm_cpu_seconds": warm_cpu[best] if warm else None,
            "final_value": final.tolist(),
            "orders": n_orders,
            "vectorbt": vbt.__version__,
        }, f)


if __name__ == "__main__":
    main()
