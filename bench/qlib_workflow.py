"""Qlib's LightGBM + Alpha158 workflow on a Yahoo-export folder, timed by phase.

Run by bench/scale_bench.ts with the isolated Qlib environment (bench/requirements-qlib.txt):

    python bench/qlib_workflow.py SRC_DIR WORK_DIR OUT_JSON --test-days 504 --valid-days 252

SRC_DIR holds one CSV per symbol (Date,Open,High,Low,Close,Adj Close,Volume) and ^GSPC.csv, the
benchmark. Phases, each timed on its own (wall, CPU of this process and its reaped children, peak
RSS so far):

- data: the CSVs to Qlib's .bin layout under WORK_DIR/qlib_data. The wheel of pyqlib 0.9.7 has no
  `scripts/dump_bin.py` and PyPI has no sdist of it, so the layout is written through Qlib's own
  storage classes (FileCalendarStorage, FileInstrumentStorage, FileFeatureStorage), the way
  dump_bin's `dump_all` does: one calendar of every date, each symbol reindexed to it between its
  first and last date, every field float32 with the start index first. Prices are adjusted the
  way Qlib's Yahoo collector normalises them (factor = Adj Close / Close, prices x factor, volume
  / factor, change = close's percent change).
- features: Alpha158 over the whole period (158 features and the label, its default processors
  fitted on the train segment) and DatasetH's train, valid and test segments.
- training: LGBModel with the parameters of Qlib's workflow_config_lightgbm_Alpha158.yaml, on 2
  threads (early stopping on the valid segment, as there).
- backtest: SignalRecord, SigAnaRecord and PortAnaRecord (TopkDropoutStrategy topk 50, n_drop 5,
  close price, the config's costs) over the test segment, with the ^GSPC benchmark.

The recorder is MLflow on a local file store under WORK_DIR: no server.
"""

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
# Qlib's recorder defaults to a local mlruns folder, which MLflow 3 refuses unless asked.
os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

FIELDS = ["open", "high", "low", "close", "volume", "factor", "change"]
BENCHMARK = "^GSPC"
MARKET = "universe"

# workflow_config_lightgbm_Alpha158.yaml, num_threads 20 there.
LGB_PARAMS = {
    "loss": "mse",
    "colsample_bytree": 0.8879,
    "learning_rate": 0.2,
    "subsample": 0.8789,
    "lambda_l1": 205.6999,
    "lambda_l2": 580.9768,
    "max_depth": 8,
    "num_leaves": 210,
    "num_threads": 2,
}


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_kb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids)


class Phases:
    """Wall and CPU seconds of each named phase."""

    def __init__(self) -> None:
        self.out: dict = {}

    def run(self, name: str, fn):
        cpu = cpu_seconds()
        start = time.perf_counter()
        value = fn()
        self.out[name] = {
            "seconds": time.perf_counter() - start,
            "cpu_seconds": cpu_seconds() - cpu,
            "peak_rss_kb": peak_rss_kb(),
        }
        print(f"qlib bench: {name} {self.out[name]['seconds']:.1f} s", file=sys.stderr)
        return value


def read_symbol(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, parse_dates=["Date"]).sort_values("Date")
    factor = df["Adj Close"] / df["Close"]
    out = pd.DataFrame(
        {
            "open": df["Open"] * factor,
            "high": df["High"] * factor,
            "low": df["Low"] * factor,
            "close": df["Adj Close"],
            "volume": df["Volume"] / factor,
            "factor": factor,
        }
    )
    out["change"] = out["close"].pct_change(fill_method=None)
    out.index = pd.DatetimeIndex(df["Date"])
    return out[~out.index.duplicated(keep="last")]


def dump(src: Path, qlib_dir: Path) -> dict:
    from qlib.data.storage.file_storage import (
        FileCalendarStorage,
        FileFeatureStorage,
    )

    uri = {"day": str(qlib_dir)}
    for sub in ("calendars", "instruments", "features"):
        (qlib_dir / sub).mkdir(parents=True, exist_ok=True)
    frames = {p.stem.upper(): read_symbol(p) for p in sorted(src.glob("*.csv"))}
    calendar = pd.DatetimeIndex(sorted(set().union(*(f.index for f in frames.values()))))
    FileCalendarStorage("day", future=False, provider_uri=uri).extend(
        [d.strftime("%Y-%m-%d") for d in calendar]
    )
    # FileInstrumentStorage writes its file a second time with the columns in another order
    # (dates first), which its own reader then fails on: the lines are written as dump_bin does.
    spans = [f"{s}\t{f.index[0]:%Y-%m-%d}\t{f.index[-1]:%Y-%m-%d}\n" for s, f in frames.items()]
    (qlib_dir / "instruments" / "all.txt").write_text("".join(spans))
    stocks = [line for line in spans if not line.startswith(f"{BENCHMARK}\t")]
    (qlib_dir / "instruments" / f"{MARKET}.txt").write_text("".join(stocks))
    bars = 0
    for symbol, frame in frames.items():
        start, end = calendar.get_loc(frame.index[0]), calendar.get_loc(frame.index[-1])
        frame = frame.reindex(calendar[start : end + 1])
        bars += len(frame) if symbol != BENCHMARK else 0
        (qlib_dir / "features" / symbol.lower()).mkdir(exist_ok=True)
        for field in FIELDS:
            store = FileFeatureStorage(symbol, field, "day", provider_uri=uri)
            store.write(frame[field].to_numpy(dtype=np.float32), index=start)
    size = sum(p.stat().st_size for p in qlib_dir.rglob("*") if p.is_file())
    return {
        "symbols": len(frames) - (1 if BENCHMARK in frames else 0),
        "bars": bars,
        "calendar": [str(calendar[0].date()), str(calendar[-1].date())],
        "dates": len(calendar),
        "bin_bytes": size,
    }


def segments(calendar: list, test_days: int, valid_days: int) -> dict:
    n = len(calendar)
    # A short history keeps a third for the test and a sixth for validation.
    test = min(test_days, n // 3)
    valid = min(valid_days, n // 6)
    day = lambda i: str(pd.Timestamp(calendar[i]).date())  # noqa: E731
    return {
        "train": (day(0), day(n - test - valid - 1)),
        "valid": (day(n - test - valid), day(n - test - 1)),
        "test": (day(n - test), day(n - 1)),
        # The backtest trades on the next bar: it stops one date before the end.
        "backtest": (day(n - test), day(n - 2)),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("work")
    ap.add_argument("out")
    ap.add_argument("--test-days", type=int, default=504)
    ap.add_argument("--valid-days", type=int, default=252)
    ap.add_argument("--kernels", type=int, default=2)
    args = ap.parse_args()
    src, work, out_path = (Path(p).resolve() for p in (args.src, args.work, args.out))
    # Qlib's recorder takes the file lock of a file: store relative to the working directory
    # (it strips the path's leading slash): run in the work folder so the lock lands there.
    os.chdir(work)
    qlib_dir = work / "qlib_data"
    started = time.perf_counter()

    import qlib
    from qlib.constant import REG_US
    from qlib.contrib.data.handler import Alpha158
    from qlib.contrib.model.gbdt import LGBModel
    from qlib.data.dataset import DatasetH
    from qlib.workflow import R
    from qlib.workflow.record_temp import PortAnaRecord, SigAnaRecord, SignalRecord

    import_seconds = time.perf_counter() - started
    # Qlib's storage classes read the region from its config: init first (it reads no data).
    mlruns = work / "mlruns"
    qlib.init(
        provider_uri=str(qlib_dir),
        region=REG_US,
        kernels=args.kernels,
        exp_manager={
            "class": "MLflowExpManager",
            "module_path": "qlib.workflow.expm",
            "kwargs": {"uri": mlruns.as_uri(), "default_exp_name": "scale_bench"},
        },
    )
    phases = Phases()
    sizes = phases.run("data", lambda: dump(src, qlib_dir))
    from qlib.data import D

    seg = segments(list(D.calendar(freq="day")), args.test_days, args.valid_days)

    def features():
        handler = Alpha158(
            instruments=MARKET,
            start_time=seg["train"][0],
            end_time=seg["test"][1],
            fit_start_time=seg["train"][0],
            fit_end_time=seg["train"][1],
        )
        dataset = DatasetH(
            handler, segments={k: seg[k] for k in ("train", "valid", "test")}
        )
        shapes = {
            k: list(dataset.prepare(k, col_set=["feature", "label"]).shape)
            for k in ("train", "valid", "test")
        }
        return dataset, shapes

    dataset, shapes = phases.run("features", features)
    model = LGBModel(**LGB_PARAMS)
    port_config = {
        "strategy": {
            "class": "TopkDropoutStrategy",
            "module_path": "qlib.contrib.strategy",
            "kwargs": {"signal": "<PRED>", "topk": 50, "n_drop": 5},
        },
        "backtest": {
            "start_time": seg["backtest"][0],
            "end_time": seg["backtest"][1],
            "account": 100000000,
            "benchmark": BENCHMARK,
            "exchange_kwargs": {
                "deal_price": "close",
                "open_cost": 0.0005,
                "close_cost": 0.0015,
                "min_cost": 5,
            },
        },
    }
    with R.start(experiment_name="scale_bench"):
        phases.run("training", lambda: model.fit(dataset))
        recorder = R.get_recorder()

        def backtest():
            SignalRecord(model=model, dataset=dataset, recorder=recorder).generate()
            SigAnaRecord(recorder=recorder, ana_long_short=False, ann_scaler=252).generate()
            PortAnaRecord(recorder=recorder, config=port_config).generate()

        phases.run("backtest", backtest)
    # The recorder logs metrics asynchronously: they are read once the run has ended.
    metrics = recorder.list_metrics()

    out = {
        "qlib": qlib.__version__,
        "python": sys.version.split()[0],
        "pandas": pd.__version__,
        "import_seconds": import_seconds,
        "total_seconds": time.perf_counter() - started,
        "phases": phases.out,
        "sizes": sizes,
        "segments": seg,
        "shapes": shapes,
        "best_iteration": int(model.model.best_iteration),
        "metrics": {k: float(v) for k, v in metrics.items() if np.isfinite(v)},
    }
    out_path.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
