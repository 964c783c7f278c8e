"""The FastAPI peer of `deno task bench serve`: the same registered models served by FastAPI +
uvicorn + python lightgbm, answering the same two endpoints with the same JSON.

    python bench/serve_fastapi.py MODEL_FOLDER PORT

MODEL_FOLDER (written by bench/serve_bench.ts) holds `peer.json`: the boosters' LightGBM model
text (regression, one per quantile level, the action classifier), each model's feature order,
the symbol coding, the conformal corrections, the action classes and, per symbol, the latest
session's feature row (the Deno service computes features from the bars at load; this peer is
given them, so both look a row up per request and score it).
"""

import json
import os
import sys

import lightgbm
import numpy as np
import uvicorn
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict, create_model

folder, port = sys.argv[1], int(sys.argv[2])
with open(f"{folder}/peer.json") as f:
    peer = json.load(f)

booster = lambda text: lightgbm.Booster(model_str=text)  # noqa: E731
# One thread per prediction call: on 1 to 100 rows OpenMP's start-up costs more than it saves,
# and uvicorn's worker threads already share the cores (BENCH_SERVE_PEER_THREADS overrides it).
THREADS = {"num_threads": int(os.environ.get("BENCH_SERVE_PEER_THREADS", "1"))}
regression = booster(peer["regression"]["model"])
quantile_boosters = [booster(t) for t in peer["quantiles"]["models"]]
levels = peer["quantiles"]["levels"]
action = booster(peer["action"]["model"])
coding = {s: i for i, s in enumerate(peer["symbols"])}
features = peer["features"]
latest = peer["latest"]
level_index = {round(l, 6): k for k, l in enumerate(levels)}
PROBA = ["p_strong_sell", "p_sell", "p_hold", "p_buy", "p_strong_buy"]
LABELS = {-2: "strong_sell", -1: "sell", 0: "hold", 1: "buy", 2: "strong_buy"}


def matrix(rows, order):
    x = np.empty((len(rows), len(order)))
    for j, name in enumerate(order):
        if name == "symbol_id":
            x[:, j] = [coding[r["symbol"]] for r in rows]
        else:
            x[:, j] = [r["features"][name] for r in rows]
    return x


def qname(level):
    text = f"{100 * level:.10g}"
    return f"q{text}"


def p_up(q):
    # 1 - F(0), F linear through (q_k, level_k), extended by the outermost slopes.
    k = len(levels)
    if q[0] > 0:
        slope = (levels[1] - levels[0]) / (q[1] - q[0]) if q[1] != q[0] else float("inf")
        cdf = max(0.0, levels[0] - q[0] * slope) if np.isfinite(slope) else 0.0
    elif q[-1] < 0:
        slope = (levels[-1] - levels[-2]) / (q[-1] - q[-2]) if q[-1] != q[-2] else float("inf")
        cdf = min(1.0, levels[-1] - q[-1] * slope) if np.isfinite(slope) else 1.0
    else:
        at = [levels[j] for j in range(k) if q[j] == 0]
        if at:
            cdf = (at[0] + at[-1]) / 2
        else:
            j = 0
            while q[j + 1] < 0:
                j += 1
            cdf = levels[j] + (levels[j + 1] - levels[j]) * (0 - q[j]) / (q[j + 1] - q[j])
    return 1 - cdf


def score(rows, dates):
    point = regression.predict(matrix(rows, peer["regression"]["features"]), **THREADS)
    qx = matrix(rows, peer["quantiles"]["features"])
    q = np.column_stack([b.predict(qx, **THREADS) for b in quantile_boosters])
    for pair in peer["quantiles"]["pairs"]:
        c = pair["correction"] if pair["correction"] is not None else float("inf")
        q[:, level_index[round(pair["lower"], 6)]] -= c
        q[:, level_index[round(pair["upper"], 6)]] += c
    q.sort(axis=1)
    proba = action.predict(matrix(rows, peer["action"]["features"]), **THREADS)
    classes = peer["action"]["classes"]
    out = []
    for i, r in enumerate(rows):
        p = [0.0] * 5
        for c, cls in enumerate(classes):
            p[cls] = float(proba[i, c])
        best = classes[int(np.argmax(proba[i]))] - 2
        expected = sum(float(proba[i, c]) * (cls - 2) for c, cls in enumerate(classes))
        out.append({
            "symbol": r["symbol"],
            "date": dates[i],
            "horizon": peer["horizon"],
            "model": peer["regression"]["name"],
            "version": peer["regression"]["version"],
            "prediction": float(point[i]),
            "quantiles": {qname(l): float(q[i, k]) for k, l in enumerate(levels)},
            "p_up": float(p_up(q[i])),
            "action": {
                "model": peer["action"]["name"],
                "version": peer["action"]["version"],
                "class": best,
                "label": LABELS[best],
                "score": expected,
                "probabilities": dict(zip(PROBA, p)),
            },
        })
    return out


Features = create_model("Features", __config__=ConfigDict(extra="ignore"),
                        **{f: (float, ...) for f in features})


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    symbol: str
    date: str | None = None
    features: Features


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rows: list[Row]


app = FastAPI()


@app.get("/predict/component")
def component(symbol: str):
    if symbol not in latest:
        raise HTTPException(404, f"unknown symbol {symbol}")
    row = latest[symbol]
    return score([{"symbol": symbol, "features": row["features"]}], [row["date"]])[0]


@app.post("/predict")
def predict(body: Body):
    rows = [{"symbol": r.symbol, "features": r.features.model_dump()} for r in body.rows]
    unknown = sorted({r["symbol"] for r in rows if r["symbol"] not in coding})
    if unknown:
        raise HTTPException(404, f"unknown symbols {unknown}")
    return {"rows": score(rows, [r.date for r in body.rows])}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
