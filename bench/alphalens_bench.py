"""alphalens-reloaded side of bench/alphalens_bench.ts.

Usage: alphalens_bench.py <panel.parquet> <out.json> <repeats>

The panel holds symbol, date, close and factor. Times, best of `repeats`, (1)
get_clean_factor_and_forward_returns (periods 1 and 5, quantiles 5, filter_zscore=None,
max_loss=1) and (2) factor_information_coefficient + mean_return_by_quantile(demeaned=False) on
the factor_data it returned; the panel is read and pivoted before the clocks start. Writes
{"clean_seconds", "clean_cpu", "analysis_seconds", "analysis_cpu", "rows", "ic_mean", "quantile_mean",
"alphalens", "pandas"}.
"""
import contextlib
import io
import json
import sys
import time
import warnings

import pandas as pd

import alphalens as al

warnings.filterwarnings("ignore")


def timed(fn, repeats):
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best, best_cpu, result


def main(panel_path: str, out_path: str, repeats: str) -> None:
    n = int(repeats)
    panel = pd.read_parquet(panel_path)
    panel["date"] = pd.to_datetime(panel["date"])
    prices = panel.pivot(index="date", columns="symbol", values="close").sort_index()
    factor = panel.set_index(["date", "symbol"])["factor"].astype(float).sort_index()

    def clean():
        with contextlib.redirect_stdout(io.StringIO()):
            return al.utils.get_clean_factor_and_forward_returns(
                factor, prices, periods=(1, 5), quantiles=5, filter_zscore=None, max_loss=1.0
            )

    clean_s, clean_cpu, fd = timed(clean, n)

    def analysis():
        ic = al.performance.factor_information_coefficient(fd)
        mean, _ = al.performance.mean_return_by_quantile(fd, demeaned=False)
        return ic, mean

    analysis_s, analysis_cpu, (ic, mean) = timed(analysis, n)
    json.dump({
        "clean_seconds": clean_s, "clean_cpu": clean_cpu,
        "analysis_seconds": analysis_s, "analysis_cpu": analysis_cpu,
        "rows": len(fd), "ic_mean": [float(v) for v in ic.mean().values],
        "quantile_mean": [[float(v) for v in mean[c].values] for c in mean.columns],
        "alphalens": al.__version__, "pandas": pd.__version__,
    }, open(out_path, "w"))


if __name__ == "__main__":
    main(*sys.argv[1:4])
