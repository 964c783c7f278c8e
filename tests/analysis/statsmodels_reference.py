"""statsmodels / pandas reference values for tests/analysis/regression_parity_test.ts.

Usage: statsmodels_reference.py <in.json> <out.json>

in.json: {"fits": [{"y": [...], "x": [[column], ...], "cov": "HAC" | "nonrobust", "lags": L,
"use_correction": bool}], "rolling": {"y", "x", "window"}, "daily": {"date": ["YYYY-MM-DD"],
"ret": [...]}}. Every fit adds a constant first (sm.add_constant) and runs
OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": ...}) or .fit();
rolling runs RollingOLS(y, X, window).fit(); daily is compounded to calendar months with
pandas ((1 + r).groupby(month).prod() - 1).
"""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.regression.rolling import RollingOLS


def nan_to_none(values):
    return [None if not np.isfinite(v) else float(v) for v in values]


def main(in_path: str, out_path: str) -> None:
    spec = json.load(open(in_path))
    fits = []
    for f in spec["fits"]:
        X = sm.add_constant(np.column_stack(f["x"]))
        model = sm.OLS(np.asarray(f["y"]), X)
        if f["cov"] == "HAC":
            r = model.fit(cov_type="HAC", cov_kwds={"maxlags": f["lags"], "use_correction": f["use_correction"]})
        else:
            r = model.fit()
        fits.append({"params": r.params.tolist(), "bse": r.bse.tolist(), "tvalues": r.tvalues.tolist(),
                     "pvalues": r.pvalues.tolist(), "rsquared": r.rsquared, "rsquared_adj": r.rsquared_adj})
    roll = spec["rolling"]
    rr = RollingOLS(np.asarray(roll["y"]), sm.add_constant(np.column_stack(roll["x"])), window=roll["window"]).fit()
    rolling = {"params": [nan_to_none(rr.params[:, j]) for j in range(rr.params.shape[1])],
               "rsquared": nan_to_none(rr.rsquared)}
    daily = pd.Series(spec["daily"]["ret"], index=pd.to_datetime(spec["daily"]["date"]))
    monthly = (1 + daily).groupby(daily.index.to_period("M")).prod() - 1
    json.dump({"fits": fits, "rolling": rolling,
               "monthly": {"month": [str(p) for p in monthly.index], "ret": monthly.tolist()}},
              open(out_path, "w"))


if __name__ == "__main__":
    main(*sys.argv[1:3])
