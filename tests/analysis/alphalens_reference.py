"""alphalens-reloaded reference values for tests/analysis/alphalens_parity_test.ts.

Usage: alphalens_reference.py <panel.parquet> <out_dir> <periods, e.g. 1,5> <quantiles>

The panel holds symbol, date, close and factor (null where the factor is unknown). Prices are
pivoted to date x symbol and alphalens builds the forward returns and quantiles itself
(get_clean_factor_and_forward_returns with filter_zscore=None and max_loss=1, so nothing is
filtered or raised). Writes Parquet files to out_dir:

- factor_data: date, symbol, factor, fwd_{p}..., quantile (alphalens' clean factor data)
- ic: date, period, ic (performance.factor_information_coefficient)
- ic_stats: period, t_stat, p_value, skew, kurtosis (scipy on the IC series, as the tear sheet)
- mean_return: quantile, period, mean, std_err (performance.mean_return_by_quantile, demeaned=False)
- mean_return_by_date: date, quantile, period, mean (the same with by_date=True)
- turnover: date, quantile, period, turnover (performance.quantile_turnover, lowest and highest quantile)
- autocorrelation: date, period, autocorrelation (performance.factor_rank_autocorrelation)
"""
import contextlib
import io
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import stats

import alphalens as al

warnings.filterwarnings("ignore")


def main(panel_path: str, out_dir: str, periods_arg: str, quantiles_arg: str) -> None:
    periods = [int(p) for p in periods_arg.split(",")]
    quantiles = int(quantiles_arg)
    panel = pd.read_parquet(panel_path)
    panel["date"] = pd.to_datetime(panel["date"])
    prices = panel.pivot(index="date", columns="symbol", values="close").sort_index()
    factor = panel.set_index(["date", "symbol"])["factor"].astype(float).sort_index()
    with contextlib.redirect_stdout(io.StringIO()):
        fd = al.utils.get_clean_factor_and_forward_returns(
            factor, prices, periods=periods, quantiles=quantiles, filter_zscore=None, max_loss=1.0
        )
    columns = al.utils.get_forward_returns_columns(fd.columns)
    by_label = dict(zip(columns, sorted(periods)))

    def out(frame: pd.DataFrame, name: str) -> None:
        frame.to_parquet(f"{out_dir}/{name}.parquet", index=False)

    flat = fd.reset_index().rename(columns={"asset": "symbol", "factor_quantile": "quantile", **{c: f"fwd_{p}" for c, p in by_label.items()}})
    flat["quantile"] = flat["quantile"].astype(int)
    out(flat[["date", "symbol", "factor", *[f"fwd_{p}" for p in sorted(periods)], "quantile"]], "factor_data")

    ic = al.performance.factor_information_coefficient(fd)
    rows, stat_rows = [], []
    for c, p in by_label.items():
        s = ic[c].dropna()
        rows.append(pd.DataFrame({"date": s.index, "period": p, "ic": s.values}))
        t, pv = stats.ttest_1samp(s.values, 0)
        stat_rows.append({"period": p, "t_stat": float(t), "p_value": float(pv),
                          "skew": float(stats.skew(s.values)), "kurtosis": float(stats.kurtosis(s.values))})
    out(pd.concat(rows), "ic")
    out(pd.DataFrame(stat_rows), "ic_stats")

    mean, se = al.performance.mean_return_by_quantile(fd, demeaned=False)
    rows = []
    for c, p in by_label.items():
        rows.append(pd.DataFrame({"quantile": mean.index.astype(int), "period": p, "mean": mean[c].values, "std_err": se[c].values}))
    out(pd.concat(rows), "mean_return")

    by_date, _ = al.performance.mean_return_by_quantile(fd, by_date=True, demeaned=False)
    rows = []
    for c, p in by_label.items():
        s = by_date[c].dropna()
        rows.append(pd.DataFrame({"date": s.index.get_level_values("date"), "quantile": s.index.get_level_values("factor_quantile").astype(int), "period": p, "mean": s.values}))
    out(pd.concat(rows), "mean_return_by_date")

    q = fd["factor_quantile"]
    rows = []
    for p in sorted(periods):
        for k in (int(q.min()), int(q.max())):
            t = al.performance.quantile_turnover(q, k, period=p)
            rows.append(pd.DataFrame({"date": t.index, "quantile": k, "period": p, "turnover": t.values.astype(float)}))
    out(pd.concat(rows), "turnover")

    rows = []
    for p in sorted(periods):
        a = al.performance.factor_rank_autocorrelation(fd, period=p)
        rows.append(pd.DataFrame({"date": a.index, "period": p, "autocorrelation": a.values.astype(float)}))
    out(pd.concat(rows), "autocorrelation")


if __name__ == "__main__":
    main(*sys.argv[1:5])
