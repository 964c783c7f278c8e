"""Reference values for tests/performance/pbo_test.ts: the probability of backtest overfitting
by combinatorially symmetric cross-validation (Bailey, Borwein, Lopez de Prado & Zhu, "The
Probability of Backtest Overfitting", 2017), as computed by the PyPI package holdout-backtest
0.1.0 (`holdout.pbo.probability_of_backtest_overfitting`, numpy only).

pypbo, the implementation usually cited, is not published on PyPI, so it cannot be installed
here. holdout-backtest follows its conventions: S contiguous blocks as equal as possible (the
first T mod S blocks one row longer, numpy's array_split), every C(S, S/2) choice of in-sample
blocks in lexicographic order, the in-sample winner the first arg-max, its out-of-sample rank
with rank 1 the worst and ties sharing the average rank (scipy's rankdata default, as pypbo),
w = rank / (M + 1), logit ln(w / (1 - w)), PBO the share of logits <= 0; Sharpe = mean / std
(n - 1) per period. As a second check, phacker 0.1.0 (another PyPI implementation, which ranks
ties low and drops the last T mod S rows) must agree on the case without ties whose T is a
multiple of S.

Cases (seeded, numpy.random.default_rng):
  signal  T=320, M=10, S=16 (12,870 combinations): noise plus a real drift in three strategies.
  noise   T=250, M=8,  S=8: pure noise, T not a multiple of S, strategy 7 a copy of strategy 2
          (ties out of sample).
  mean    the noise case with metric "mean".
  flat    T=200, M=6, S=10: strategies 1 and 4 hold no position (returns exactly 0) in the
          first 120 periods; the metric is the Sharpe ratio with an all-zero sample scoring 0
          (holdout's callable-metric path), the convention of lib/performance/pbo.ts.

Returns are rounded to 6 decimals so the JSON text gives both sides the same doubles. Logits and
metrics are written to 13 significant digits; the winner and its in- and out-of-sample metric are
kept for the first 1,000 combinations, with their sums over every combination.

Usage (own venv: pip install holdout-backtest==0.1.0 phacker==0.1.0 numpy):
  python tests/performance/pbo_reference.py tests/performance/pbo_reference.json
"""

import json
import sys
from importlib.metadata import version

import numpy as np
from holdout.pbo import probability_of_backtest_overfitting
from phacker.cscv import cscv_reference


def flat_zero_sharpe(x):
    flat = ~x.any(axis=0)
    m, v = x.mean(axis=0), x.var(axis=0, ddof=1)
    return np.where(flat, 0.0, m / np.sqrt(np.where(flat, 1.0, v)))


def make_cases():
    rng = np.random.default_rng(20261202)
    signal = rng.normal(0.0, 0.01, (320, 10))
    signal[:, [1, 4, 8]] += np.array([0.002, 0.0015, 0.0025])
    noise = rng.normal(0.0, 0.01, (250, 8))
    noise[:, 7] = noise[:, 2]
    flat = rng.normal(0.0002, 0.01, (200, 6))
    flat[:120, [1, 4]] = 0.0
    return [
        ("signal", np.round(signal, 6), 16, "sharpe"),
        ("noise", np.round(noise, 6), 8, "sharpe"),
        ("mean", np.round(noise, 6), 8, "mean"),
        ("flat", np.round(flat, 6), 10, "sharpe_flat_zero"),
    ]


KEPT = 1000


def sig(v):
    return float(f"{v:.13g}")


def main(out_path):
    cases = []
    for name, returns, s, metric in make_cases():
        fn = flat_zero_sharpe if metric == "sharpe_flat_zero" else metric
        result = probability_of_backtest_overfitting(returns, n_blocks=s, metric=fn)
        if name == "signal":
            pbo, logits = cscv_reference(returns, s)
            assert pbo == result.pbo and np.allclose(logits, result.logits, rtol=0, atol=1e-12)
        cases.append({
            "name": name,
            "metric": "sharpe" if metric == "sharpe_flat_zero" else metric,
            "periods": returns.shape[0],
            "strategies": returns.shape[1],
            "nPartitions": s,
            "returns": [float(v) for v in returns.reshape(-1)],
            "pbo": result.pbo,
            "logits": [sig(v) for v in result.logits],
            "selected": [int(v) for v in result.selected[:KEPT]],
            "inSample": [sig(v) for v in result.in_sample[:KEPT]],
            "outOfSample": [sig(v) for v in result.out_of_sample[:KEPT]],
            "inSampleSum": float(result.in_sample.sum()),
            "outOfSampleSum": float(result.out_of_sample.sum()),
        })
    reference = {
        "package": "holdout-backtest",
        "version": version("holdout-backtest"),
        "crossCheck": {"package": "phacker", "version": version("phacker"), "case": "signal"},
        "numpy": np.__version__,
        "cases": cases,
    }
    with open(out_path, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
