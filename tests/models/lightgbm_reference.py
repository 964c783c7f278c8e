"""Python LightGBM reference for tests/models/lightgbm_test.ts.

Usage: lightgbm_reference.py <cases.json> <out.json>

Each case names a row-major float64 matrix file for training (and optionally for validation),
its labels, LightGBM params, the rounds, early stopping and a matrix to predict. The case is
trained the way lightgbm.train does it by default (validation set binned against the training
set, the model returned rebuilt from its text) and the output holds, per case, the predictions
(flattened row-major), gain and split importance, the best iteration and the trees kept.
"""
import json
import sys

import lightgbm as lgb
import numpy as np


def matrix(path, rows, cols):
    return np.fromfile(path, dtype="<f8").reshape(rows, cols)


def run(case):
    x = matrix(case["x"], case["rows"], case["cols"])
    y = np.asarray(case["y"], dtype=np.float64)
    params = dict(case["params"])
    valid_x = valid_y = None
    if "valid_last" in case:
        n = case["valid_last"]
        x, valid_x = x[:-n], x[-n:]
        y, valid_y = y[:-n], y[-n:]
    elif "valid" in case:
        v = case["valid"]
        valid_x = matrix(v["x"], v["rows"], case["cols"])
        valid_y = np.asarray(v["y"], dtype=np.float64)
    if case.get("early_stopping_round"):
        params["early_stopping_round"] = case["early_stopping_round"]
    categorical = case.get("categorical") or "auto"
    train = lgb.Dataset(x, label=y, params=params, categorical_feature=categorical)
    valid_sets = []
    if valid_x is not None:
        valid_sets = [lgb.Dataset(valid_x, label=valid_y, reference=train, categorical_feature=categorical)]
    booster = lgb.train(
        params, train, num_boost_round=case["num_boost_round"], valid_sets=valid_sets, valid_names=["valid"]
    )
    px = matrix(case["predict"], case["predict_rows"], case["cols"])
    return {
        "prediction": booster.predict(px).reshape(-1).tolist(),
        "gain": booster.feature_importance("gain").tolist(),
        "split": booster.feature_importance("split").tolist(),
        "best_iteration": booster.best_iteration,
        "trees_kept": booster.current_iteration(),
    }


def main(cases_path, out_path):
    cases = json.load(open(cases_path))
    out = {name: run(case) for name, case in cases.items()}
    out["lightgbm"] = lgb.__version__
    json.dump(out, open(out_path, "w"))


if __name__ == "__main__":
    main(*sys.argv[1:3])
