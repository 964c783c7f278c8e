"""Reference values for the linear-model, logistic, metric and distribution parity tests.

Usage: linear_reference.py MODE IN.json OUT.json, MODE one of dist, ols, ridge, enet, logit,
metrics. Input and output are JSON; NaN is written as null. Solvers are run to tolerances far
below the tests' so the reference is the optimum, not an early stop.
"""

import json
import math
import sys
import warnings

import numpy as np


def clean(value):
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return clean(value.tolist())
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def scaled(x, standardize):
    """Columns divided by their population std (1 for a constant one), as StandardScaler."""
    std = x.std(axis=0)
    scale = np.where(std > 0, std, 1.0) if standardize else np.ones(x.shape[1])
    return x / scale, scale


def unscale(coef, intercept, scale):
    return coef / scale, intercept


def dist(job):
    from scipy import stats

    return {
        "t_cdf": [stats.t.cdf(t, df) for t, df in job["t"]],
        "t_p2": [2 * stats.t.sf(abs(t), df) for t, df in job["t"]],
        "norm_cdf": [stats.norm.cdf(z) for z in job["z"]],
        "norm_p2": [2 * stats.norm.sf(abs(z)) for z in job["z"]],
        "f_sf": [stats.f.sf(f, d1, d2) for f, d1, d2 in job["f"]],
        "beta": [stats.beta.cdf(x, a, b) for x, a, b in job["beta"]],
    }


def ols(job):
    import statsmodels.api as sm

    x = np.asarray(job["x"], dtype=float)
    y = np.asarray(job["y"], dtype=float)
    res = sm.OLS(y, sm.add_constant(x, has_constant="add")).fit()
    return {
        "params": res.params,
        "bse": res.bse,
        "tvalues": res.tvalues,
        "pvalues": res.pvalues,
        "rsquared": res.rsquared,
        "rsquared_adj": res.rsquared_adj,
        "fvalue": res.fvalue,
        "f_pvalue": res.f_pvalue,
        "df_resid": res.df_resid,
        "sigma": math.sqrt(res.scale),
    }


def ridge(job):
    from sklearn.linear_model import Ridge

    x = np.asarray(job["x"], dtype=float)
    y = np.asarray(job["y"], dtype=float)
    z, scale = scaled(x, job["standardize"])
    model = Ridge(alpha=job["alpha"], solver="cholesky").fit(z, y)
    coef, intercept = unscale(model.coef_, model.intercept_, scale)
    return {"coef": coef, "intercept": intercept}


def enet(job):
    from sklearn.linear_model import ElasticNet

    x = np.asarray(job["x"], dtype=float)
    y = np.asarray(job["y"], dtype=float)
    z, scale = scaled(x, job["standardize"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ElasticNet(
            alpha=job["alpha"], l1_ratio=job["l1_ratio"], tol=1e-14, max_iter=1_000_000
        ).fit(z, y)
    coef, intercept = unscale(model.coef_, model.intercept_, scale)
    return {"coef": coef, "intercept": intercept, "n_iter": model.n_iter_}


def logit(job):
    x = np.asarray(job["x"], dtype=float)
    y = np.asarray(job["y"], dtype=float)
    if job["C"] is None:
        import statsmodels.api as sm

        res = sm.Logit(y, sm.add_constant(x, has_constant="add")).fit(
            method="newton", tol=1e-14, maxiter=200, disp=0
        )
        return {
            "params": res.params,
            "bse": res.bse,
            "zvalues": res.tvalues,
            "pvalues": res.pvalues,
            "proba": res.predict(sm.add_constant(x, has_constant="add")),
        }
    from sklearn.linear_model import LogisticRegression

    z, scale = scaled(x, job["standardize"])
    model = LogisticRegression(C=job["C"], solver="newton-cholesky", tol=1e-12, max_iter=1000)
    model.fit(z, y)
    coef, intercept = unscale(model.coef_[0], model.intercept_[0], scale)
    return {"coef": coef, "intercept": intercept, "proba": model.predict_proba(z)[:, 1]}


def metrics(job):
    from sklearn import metrics as m

    y = np.asarray(job["y_true"])
    pred = np.asarray(job["y_pred"])
    score = np.asarray(job["score"], dtype=float)
    ym = np.asarray(job["y_multi"])
    pm = np.asarray(job["pred_multi"])
    proba = np.asarray(job["proba_multi"], dtype=float)
    return {
        "accuracy": m.accuracy_score(y, pred),
        "f1_macro": m.f1_score(y, pred, average="macro"),
        "accuracy_multi": m.accuracy_score(ym, pm),
        "f1_macro_multi": m.f1_score(ym, pm, average="macro", zero_division=0),
        "auc": m.roc_auc_score(y, score),
        "auc_multi": m.roc_auc_score(ym, proba, multi_class="ovr", average="macro"),
        "log_loss": m.log_loss(y, score),
        "log_loss_multi": m.log_loss(ym, proba),
        "confusion": m.confusion_matrix(y, pred),
        "confusion_multi": m.confusion_matrix(ym, pm),
    }


MODES = {"dist": dist, "ols": ols, "ridge": ridge, "enet": enet, "logit": logit, "metrics": metrics}

if __name__ == "__main__":
    mode, src, dst = sys.argv[1:4]
    with open(src) as fh:
        job = json.load(fh)
    with open(dst, "w") as fh:
        json.dump(clean(MODES[mode](job)), fh)
