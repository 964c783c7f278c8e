"""Reference for tests/models/drift_test.ts: scipy's two-sample KS test and a numpy PSI.

Usage: drift_reference.py IN.json OUT.json. IN holds {"cases": [{"a": [...], "b": [...]}]};
OUT gets per case the exact KS statistic and p-value (scipy.stats.ks_2samp(method="exact")),
the limiting-distribution p-value kstwobign.sf(sqrt(n1 n2 / (n1 + n2)) D), and the PSI on
training-decile bins (np.quantile, right-closed bins, shares floored at 1e-4).
"""

import json
import math
import sys
import warnings

import numpy as np
from scipy import stats


def psi(train: np.ndarray, latest: np.ndarray, bins: int = 10, eps: float = 1e-4) -> float:
    cuts = np.unique(np.quantile(train, np.arange(1, bins) / bins))
    # side="left": a value equal to a cut falls in the bin that cut closes (right-closed bins).
    expected = np.bincount(np.searchsorted(cuts, train, side="left"), minlength=len(cuts) + 1)
    actual = np.bincount(np.searchsorted(cuts, latest, side="left"), minlength=len(cuts) + 1)
    e = np.maximum(expected / len(train), eps)
    o = np.maximum(actual / len(latest), eps)
    return float(np.sum((o - e) * np.log(o / e)))


def main() -> None:
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    out = []
    for case in cases:
        a = np.asarray(case["a"], dtype=float)
        b = np.asarray(case["b"], dtype=float)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a silent fall-back to 'asymp' must fail the test
            exact = stats.ks_2samp(a, b, method="exact")
        en = len(a) * len(b) / (len(a) + len(b))
        out.append(
            {
                "statistic": float(exact.statistic),
                "pvalue": float(exact.pvalue),
                "asymp_pvalue": float(stats.kstwobign.sf(math.sqrt(en) * exact.statistic)),
                "psi": psi(a, b),
            }
        )
    with open(sys.argv[2], "w") as f:
        json.dump({"cases": out}, f)


if __name__ == "__main__":
    main()
