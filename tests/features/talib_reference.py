"""TA-Lib reference values for the feature parity test (tests/features/talib_parity_test.ts).

Usage: talib_reference.py <ohlcv.csv> <out.parquet>

Reads daily bars (symbol, date, open, high, low, close, volume), runs TA-Lib per symbol with the
parameters of the default catalog and writes symbol, date and one column per TA-Lib output,
named like the feature it checks. TA-Lib's NaN warm-up becomes null.
"""
import sys

import numpy as np
import polars as pl
import talib


def reference(g: pl.DataFrame) -> dict:
    o, h, l, c, v = (g[x].to_numpy().astype(np.float64) for x in ("open", "high", "low", "close", "volume"))
    macd, signal, hist = talib.MACD(c, 12, 26, 9)
    upper, middle, lower = talib.BBANDS(c, 20, 2.0, 2.0, 0)
    slowk, slowd = talib.STOCH(h, l, c, 14, 3, 0, 3, 0)
    return {
        "sma_20": talib.SMA(c, 20),
        "sma_200": talib.SMA(c, 200),
        "ema_12": talib.EMA(c, 12),
        "ema_26": talib.EMA(c, 26),
        "rsi_14": talib.RSI(c, 14),
        "rsi_2": talib.RSI(c, 2),
        "plus_di_14": talib.PLUS_DI(h, l, c, 14),
        "minus_di_14": talib.MINUS_DI(h, l, c, 14),
        "adx_14": talib.ADX(h, l, c, 14),
        "adx_5": talib.ADX(h, l, c, 5),
        "macd_12_26_9": macd,
        "macd_signal_12_26_9": signal,
        "macd_hist_12_26_9": hist,
        "stoch_k_14_3_3": slowk,
        "stoch_d_14_3_3": slowd,
        "roc_10": talib.ROC(c, 10),
        "mom_10": talib.MOM(c, 10),
        "cmo_14": talib.CMO(c, 14),
        "atr_14": talib.ATR(h, l, c, 14),
        "bb_upper_20_2": upper,
        "bb_lower_20_2": lower,
        "bb_width_20_2": (upper - lower) / middle,
        "bb_pctb_20_2": (c - lower) / (upper - lower),
        "obv": talib.OBV(c, v),
    }


def main(csv: str, out: str) -> None:
    bars = pl.read_csv(csv, try_parse_dates=True).sort("symbol", "date")
    frames = []
    for (symbol,), g in bars.group_by("symbol", maintain_order=True):
        cols = {k: pl.Series(k, x).fill_nan(None) for k, x in reference(g).items()}
        frames.append(g.select("symbol", "date").with_columns(**cols))
    pl.concat(frames).write_parquet(out)
    print(f"talib {talib.__version__} ta-lib C {talib.__ta_version__.decode()}: {sum(f.height for f in frames)} rows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
