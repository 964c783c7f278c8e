"""Reference values for tests/performance/empyrical_parity_test.ts.

Reads a JSON file of cases ({name, returns, benchmark, dates, periods_per_year, risk_free,
window, trial_sharpes}) and writes, per case, every statistic empyrical 0.7.1 defines plus the
probabilistic and deflated Sharpe ratios computed by hand from the papers' formulas with
scipy.stats.norm:

  PSR(SR*) = Phi((SR - SR*) sqrt(n - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2))
             (Bailey & Lopez de Prado 2012; SR per period, g3 skewness, g4 kurtosis)
  SR0 = sqrt(V) ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e)))
  DSR = PSR(SR0)  (Bailey & Lopez de Prado 2014; V the variance of the trials' SR per period)

Usage: python empyrical_reference.py cases.json out.json
"""

import json
import math
import sys

import empyrical as ep
import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats import norm

EULER_GAMMA = 0.5772156649015329


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def psr(r, rf, sr_star_per_period):
    excess = r - rf
    sr = excess.mean() / excess.std(ddof=1)
    g3 = stats.skew(r)
    g4 = stats.kurtosis(r, fisher=False)
    n = len(r)
    z = (sr - sr_star_per_period) * math.sqrt(n - 1) / math.sqrt(1 - g3 * sr + (g4 - 1) / 4 * sr**2)
    return norm.cdf(z)


def case_values(case):
    r = np.asarray(case["returns"], dtype=float)
    b = np.asarray(case["benchmark"], dtype=float)
    ppy = case["periods_per_year"]
    rf = case["risk_free"]
    window = case["window"]
    out = {
        "total_return": ep.cum_returns_final(r),
        "annual_return": ep.annual_return(r, annualization=ppy),
        "annual_volatility": ep.annual_volatility(r, annualization=ppy),
        "sharpe": ep.sharpe_ratio(r, risk_free=rf, annualization=ppy),
        "sortino": ep.sortino_ratio(r, required_return=rf, annualization=ppy),
        "downside_risk": ep.downside_risk(r, required_return=rf, annualization=ppy),
        "calmar": ep.calmar_ratio(r, annualization=ppy),
        "omega": ep.omega_ratio(r, risk_free=rf, required_return=0.0, annualization=ppy),
        "max_drawdown": ep.max_drawdown(r),
        "value_at_risk": ep.value_at_risk(r),
        "conditional_value_at_risk": ep.conditional_value_at_risk(r),
        "tail_ratio": ep.tail_ratio(r),
        "stability": ep.stability_of_timeseries(r),
        "skew": stats.skew(r),
        "kurtosis": stats.kurtosis(r),
        "information_ratio": ep.excess_sharpe(r, b) * math.sqrt(ppy),
    }
    alpha, beta = ep.alpha_beta(r, b, risk_free=rf, annualization=ppy)
    out["alpha"] = alpha
    out["beta"] = beta
    out["psr"] = psr(r, rf, 0.0)
    out["psr_target"] = psr(r, rf, case["psr_target"] / math.sqrt(ppy))
    trials = np.asarray(case["trial_sharpes"], dtype=float)
    n_trials = len(trials)
    variance = trials.var(ddof=1) / ppy
    sr0 = math.sqrt(variance) * (
        (1 - EULER_GAMMA) * norm.ppf(1 - 1 / n_trials)
        + EULER_GAMMA * norm.ppf(1 - 1 / (n_trials * math.e))
    )
    out["dsr_threshold"] = sr0 * math.sqrt(ppy)
    out["dsr"] = psr(r, rf, sr0)
    out = {k: num(v) for k, v in out.items()}
    out["rolling_sharpe"] = [
        num(v) for v in ep.roll_sharpe_ratio(r, window=window, risk_free=rf, annualization=ppy)
    ]
    out["rolling_beta"] = [num(v) for v in ep.roll_beta(r, b, window=window)]
    index = pd.to_datetime(np.asarray(case["dates"], dtype="int64"), unit="D")
    series = pd.Series(r, index=index)
    out["monthly"] = [num(v) for v in ep.aggregate_returns(series, "monthly").to_numpy()]
    out["yearly"] = [num(v) for v in ep.aggregate_returns(series, "yearly").to_numpy()]
    return out


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    result = {case["name"]: case_values(case) for case in cases}
    with open(sys.argv[2], "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
