"""alphalens-reloaded 0.5.1 reference values for tests/analysis/factor_returns_parity_test.ts.

Usage: alphalens_factor_returns_reference.py <panel.parquet> <out.parquet> <quantiles>

The panel holds symbol, date, close and factor (null where the factor is unknown). alphalens
builds the 1-period forward returns and the quantiles itself (get_clean_factor_and_forward_returns
with periods=(1,), filter_zscore=None and max_loss=1, so nothing is filtered or raised), then
performance.factor_returns(demeaned=True) and performance.cumulative_returns of its "1D" column.
Writes date, factor_return, cumulative.
"""
import contextlib
import io
import sys
import warnings

import pandas as pd

import alphalens as al

warnings.filterwarnings("ignore")


def main(panel_path: str, out_path: str, quantiles_arg: str) -> None:
    panel = pd.read_parquet(panel_path)
    panel["date"] = pd.to_datetime(panel["date"])
    prices = panel.pivot(index="date", columns="symbol", values="close").sort_index()
    factor = panel.set_index(["date", "symbol"])["factor"].astype(float).sort_index()
    with contextlib.redirect_stdout(io.StringIO()):
        fd = al.utils.get_clean_factor_and_forward_returns(
            factor, prices, periods=(1,), quantiles=int(quantiles_arg), filter_zscore=None, max_loss=1.0
        )
    returns = al.performance.factor_returns(fd, demeaned=True)
    column = al.utils.get_forward_returns_columns(fd.columns)[0]
    daily = returns[column]
    cumulative = al.performance.cumulative_returns(daily)
    pd.DataFrame({"date": daily.index, "factor_return": daily.values, "cumulative": cumulative.values}).to_parquet(out_path, index=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])
