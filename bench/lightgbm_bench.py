"""python lightgbm twin of bench/lightgbm_bench.ts.

Usage: lightgbm_bench.py <config.json> <out.json>

config: {"x", "y": paths of little-endian float64 files, "rows", "cols", "params": the LightGBM
parameter string the TypeScript side uses, "iterations", "repeats", "predict_rows",
"predictions": path to write float64 predictions of the first predict_rows rows,
"walk_forward": optional {"x", "y", "rows", "cols", "folds": [{"train": [...], "test": [...]}],
"params", "iterations", "predictions"}}.

Data are read before any clock starts. Per repeat, the dataset is constructed (lgb.Dataset(...)
.construct()) and then trained with lgb.train, each timed on its own; the best wall and CPU
seconds of each are written to out.json.
"""
import json
import sys
import time

import lightgbm as lgb
import numpy as np


def parse_params(text):
    return dict(pair.split("=", 1) for pair in text.split())


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main(config_path, out_path):
    cfg = json.load(open(config_path))
    rows, cols = cfg["rows"], cfg["cols"]
    x = np.fromfile(cfg["x"], dtype="<f8").reshape(rows, cols)
    y = np.fromfile(cfg["y"], dtype="<f8")
    params = parse_params(cfg["params"])
    best = {"dataset": [float("inf"), float("inf")], "train": [float("inf"), float("inf")]}
    booster = None
    for _ in range(cfg["repeats"]):
        dataset, wall, cpu = timed(lambda: lgb.Dataset(x, label=y, params=params).construct())
        best["dataset"] = [min(best["dataset"][0], wall), min(best["dataset"][1], cpu)]
        booster, wall, cpu = timed(lambda: lgb.train(params, dataset, num_boost_round=cfg["iterations"]))
        best["train"] = [min(best["train"][0], wall), min(best["train"][1], cpu)]
        del dataset
    booster.predict(x[: cfg["predict_rows"]]).astype("<f8").tofile(cfg["predictions"])
    out = {
        "lightgbm": lgb.__version__,
        "dataset_seconds": best["dataset"][0],
        "dataset_cpu_seconds": best["dataset"][1],
        "train_seconds": best["train"][0],
        "train_cpu_seconds": best["train"][1],
    }
    wf = cfg.get("walk_forward")
    if wf:
        wx = np.fromfile(wf["x"], dtype="<f8").reshape(wf["rows"], wf["cols"])
        wy = np.fromfile(wf["y"], dtype="<f8")
        wparams = parse_params(wf["params"])
        oof = np.full(wf["rows"], np.nan)

        def walk():
            for fold in wf["folds"]:
                train, test = np.asarray(fold["train"]), np.asarray(fold["test"])
                ds = lgb.Dataset(wx[train], label=wy[train], params=wparams)
                model = lgb.train(wparams, ds, num_boost_round=wf["iterations"])
                oof[test] = model.predict(wx[test])

        best_wf = [float("inf"), float("inf")]
        for _ in range(cfg["repeats"]):
            _, wall, cpu = timed(walk)
            best_wf = [min(best_wf[0], wall), min(best_wf[1], cpu)]
        oof.astype("<f8").tofile(wf["predictions"])
        out["walk_forward_seconds"], out["walk_forward_cpu_seconds"] = best_wf
    json.dump(out, open(out_path, "w"))


if __name__ == "__main__":
    main(*sys.argv[1:3])
