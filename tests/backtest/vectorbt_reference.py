"""Reference results from vectorbt 1.2.0 for tests/backtest/vectorbt_parity_test.ts.

Usage: vectorbt_reference.py IN.json OUT.json

IN.json holds {"cases": [case, ...]}; each case has matrices as row-major lists of rows (null =
NaN): close/open/high/low (bars x assets), entries/exits (bars x columns) or size (bars x
columns, for mode "orders"), asset_of (price column of each column) and options (the TypeScript
option names, mapped here to vectorbt's keywords). OUT.json holds, per case, the order records,
exit-trade records, and value/returns/drawdown per group.
"""

import json
import sys

import numpy as np
import pandas as pd
import vectorbt as vbt


def matrix(rows):
    return np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)


def clean(a):
    a = np.asarray(a, dtype=float).ravel()
    return [None if not np.isfinite(v) else float(v) for v in a]


STOP_EXIT = {"stop": "stoplimit", "stop_market": "stopmarket", "price": "price", "close": "close"}
STOP_ENTRY = {"close": "close", "fill": "fillprice", "price": "price"}
OPPOSITE = {"ignore": "ignore", "close": "close", "reverse": "reversereduce"}


def per_col(v, n_cols):
    if isinstance(v, list):
        return np.array(v, dtype=float).reshape(1, n_cols)
    return v


def run_case(case):
    opts = case.get("options", {})
    close = matrix(case["close"])
    asset_of = case.get("asset_of") or list(range(close.shape[1]))
    cols = pd.RangeIndex(len(asset_of))
    def frame(m):
        return pd.DataFrame(m[:, asset_of], columns=cols)

    close_df = frame(close)
    ohlc = {k: frame(matrix(case[k])) for k in ("open", "high", "low") if case.get(k) is not None}
    n_cols = len(asset_of)
    group_lens = opts.get("groupLens")
    group_by = None
    if group_lens is not None:
        group_by = np.repeat(np.arange(len(group_lens)), group_lens)
    init_cash = opts.get("initCash", 10_000)
    if isinstance(init_cash, list):
        init_cash = np.array(init_cash, dtype=float)
    common = dict(
        fees=opts.get("fees", 0.0),
        fixed_fees=opts.get("fixedFees", 0.0),
        slippage=opts.get("slippage", 0.0),
        init_cash=init_cash,
        group_by=group_by,
        cash_sharing=opts.get("cashSharing", False),
        call_seq=opts.get("callSeq", "default"),
        freq="1D",
    )
    if "minSize" in opts:
        common["min_size"] = opts["minSize"]
    if case.get("mode") == "orders":
        size = pd.DataFrame(matrix(case["size"]), columns=cols)
        pf = vbt.Portfolio.from_orders(
            close_df, size=size, size_type=opts.get("sizeType", "targetpercent"),
            direction=opts.get("orderDirection", "longonly"), **common)
    else:
        if case.get("windows") is not None:
            # The grid's own signals: MA.run_combs over the assets, parameter-major columns.
            assets = pd.DataFrame(close)
            fast, slow = vbt.MA.run_combs(assets, window=case["windows"], r=2,
                                          short_names=["fast", "slow"])
            entries = pd.DataFrame(fast.ma_crossed_above(slow).values, columns=cols)
            exits = pd.DataFrame(fast.ma_crossed_below(slow).values, columns=cols)
        else:
            entries = pd.DataFrame(np.array(case["entries"], dtype=bool), columns=cols)
            exits = pd.DataFrame(np.array(case["exits"], dtype=bool), columns=cols)
        kwargs = dict(common)
        if opts.get("execution") in ("next_open", "next_close"):
            entries = entries.vbt.fshift(1, fill_value=False)
            exits = exits.vbt.fshift(1, fill_value=False)
        if opts.get("execution") == "next_open":
            kwargs["price"] = ohlc["open"]
        for k, v in ohlc.items():
            kwargs[k] = v
        for ts, py in (("slStop", "sl_stop"), ("tpStop", "tp_stop")):
            if ts in opts:
                kwargs[py] = per_col(opts[ts], n_cols)
        if "slTrail" in opts:
            v = opts["slTrail"]
            kwargs["sl_trail"] = np.array(v, dtype=bool).reshape(1, n_cols) if isinstance(v, list) else v
        if "stopExitPrice" in opts:
            kwargs["stop_exit_price"] = STOP_EXIT[opts["stopExitPrice"]]
        if "stopEntryPrice" in opts:
            kwargs["stop_entry_price"] = STOP_ENTRY[opts["stopEntryPrice"]]
        if "uponOppositeEntry" in opts:
            kwargs["upon_opposite_entry"] = OPPOSITE[opts["uponOppositeEntry"]]
        for ts, py in (("uponLongConflict", "upon_long_conflict"),
                       ("uponShortConflict", "upon_short_conflict"),
                       ("uponDirConflict", "upon_dir_conflict")):
            if ts in opts:
                kwargs[py] = opts[ts]
        pf = vbt.Portfolio.from_signals(
            close_df, entries, exits,
            direction=opts.get("direction", "longonly"),
            size=opts.get("size", np.inf),
            size_type=opts.get("sizeType", "amount"),
            **kwargs)
    o = pf.orders.values
    t = pf.trades.values
    value = pf.value()
    return {
        "orders": {k: clean(o[k]) for k in ("col", "idx", "size", "price", "fees", "side")},
        "trades": {k: clean(t[k]) for k in (
            "col", "size", "entry_idx", "entry_price", "entry_fees", "exit_idx", "exit_price",
            "exit_fees", "pnl", "return", "direction", "status", "parent_id")},
        "value": clean(np.asarray(value)),
        "returns": clean(np.asarray(pf.returns())),
        "drawdown": clean(np.asarray(pf.drawdown())),
        "final_value": clean(np.atleast_1d(np.asarray(pf.final_value()))),
    }


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src) as f:
        cases = json.load(f)["cases"]
    out = {"vectorbt": vbt.__version__, "results": [run_case(c) for c in cases]}
    with open(dst, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
