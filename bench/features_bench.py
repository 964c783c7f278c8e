"""python-polars twin of the feature build, for bench/features_bench.ts.

Usage: features_bench.py <panel.parquet> <spec.json> <out.json>

Builds the same features as lib/features (same helper stages, same expressions, each
`.over("symbol")`) on the panel, timing the build only (the panel is read before the clock
starts), and writes {"seconds", "rows", "columns", "means", "nulls"} so the Deno side can check
that both builds agree.
"""
import json
import math
import sys
import time

import polars as pl

c = pl.col
NOTHING = pl.lit(None, dtype=pl.Float64)


def keep_null(x, then):
    return pl.when(x.is_null()).then(NOTHING).otherwise(then)


def is_zero(x):
    return x.abs() < 1e-14


def ewm_from_seed(x, seed, alpha):
    is_seed = seed.is_not_null() & seed.shift(1).is_null()
    inp = pl.when(seed.is_null()).then(NOTHING).when(is_seed).then(seed).otherwise(x)
    return inp.ewm_mean(alpha=alpha, adjust=False, min_samples=1, ignore_nulls=True)


def seeded_ewm(x, n, alpha):
    return ewm_from_seed(x, x.rolling_mean(n), alpha)


def wilder_sum(x, n):
    seed = x.rolling_sum(n - 1) / n
    return pl.when(seed.shift(1).is_null()).then(NOTHING).otherwise(ewm_from_seed(x, seed, 1 / n))


def ret(x, h):
    return x / x.shift(h) - 1


def true_range():
    pc = c("close").shift(1)
    rng = keep_null(pc, c("high") - c("low"))
    m1 = pl.when((c("high") - pc).abs() > rng).then((c("high") - pc).abs()).otherwise(rng)
    return pl.when((c("low") - pc).abs() > m1).then((c("low") - pc).abs()).otherwise(m1)


def directional_stages(n):
    up = c("high") - c("high").shift(1)
    down = c("low").shift(1) - c("low")
    plus = keep_null(up, pl.when((up > 0) & (up > down)).then(up).otherwise(0))
    minus = keep_null(up, pl.when((down > 0) & (up < down)).then(down).otherwise(0))
    tr = c(f"_tr_wilder_{n}")
    di = lambda s: keep_null(tr, pl.when(is_zero(tr)).then(0).otherwise(c(s) / tr) * 100)
    p, m = c(f"_plus_di_{n}"), c(f"_minus_di_{n}")
    return [
        {"_tr": true_range(), "_plus_dm": plus, "_minus_dm": minus},
        {f"_tr_wilder_{n}": wilder_sum(c("_tr"), n), f"_plus_dm_wilder_{n}": wilder_sum(c("_plus_dm"), n),
         f"_minus_dm_wilder_{n}": wilder_sum(c("_minus_dm"), n)},
        {f"_plus_di_{n}": di(f"_plus_dm_wilder_{n}"), f"_minus_di_{n}": di(f"_minus_dm_wilder_{n}")},
        {f"_dx_{n}": pl.when(is_zero(tr) | is_zero(p + m)).then(NOTHING).otherwise((m - p).abs() / (p + m) * 100)},
    ]


def adx(n):
    dx = c(f"_dx_{n}")
    seed = keep_null(c(f"_plus_di_{n}"), dx.fill_null(0)).rolling_mean(n)
    return ewm_from_seed(dx, seed, 1 / n).forward_fill()


def gain_loss_stages(n):
    ch = c("close").diff(1)
    gain = keep_null(ch, pl.when(ch > 0).then(ch).otherwise(0))
    loss = keep_null(ch, pl.when(ch < 0).then(-ch).otherwise(0))
    return [{"_gain": gain, "_loss": loss},
            {f"_avg_gain_{n}": seeded_ewm(c("_gain"), n, 1 / n), f"_avg_loss_{n}": seeded_ewm(c("_loss"), n, 1 / n)}]


def rsi(n):
    g, l = c(f"_avg_gain_{n}"), c(f"_avg_loss_{n}")
    return pl.when(is_zero(g + l)).then(0).otherwise(g / (g + l) * 100)


def cmo(n):
    g, l = c(f"_avg_gain_{n}"), c(f"_avg_loss_{n}")
    return pl.when(is_zero(g + l)).then(0).otherwise((g - l) / (g + l) * 100)


def macd_stages(f, s, g):
    x = c("close")
    slow_seed = x.rolling_mean(s)
    raw = ewm_from_seed(x, keep_null(slow_seed, x.rolling_mean(f)), 2 / (f + 1)) - ewm_from_seed(x, slow_seed, 2 / (s + 1))
    return [{f"_macd_raw_{f}_{s}": raw}, {f"_macd_signal_{f}_{s}_{g}": seeded_ewm(c(f"_macd_raw_{f}_{s}"), g, 2 / (g + 1))}]


def macd(f, s, g):
    raw, sig = c(f"_macd_raw_{f}_{s}"), c(f"_macd_signal_{f}_{s}_{g}")
    line = keep_null(sig, raw)
    return line, sig, line - sig


def stoch_stages(k, sk):
    lo, hi = c("low").rolling_min(k), c("high").rolling_max(k)
    scale = (hi - lo) / 100
    raw = keep_null(scale, pl.when(scale == 0).then(0).otherwise((c("close") - lo) / scale))
    return [{f"_stoch_raw_{k}": raw}, {f"_stoch_k_{k}_{sk}": c(f"_stoch_raw_{k}").rolling_mean(sk)}]


def stoch(k, sk, sd):
    kk = c(f"_stoch_k_{k}_{sk}")
    d = kk.rolling_mean(sd)
    return keep_null(d, kk), d


def bb_stages(n):
    return [{f"_bb_mid_{n}": c("close").rolling_mean(n),
             f"_bb_sd_{n}": c("close").rolling_std(n, ddof=1) * math.sqrt((n - 1) / n)}]


def bands(n, k):
    mid, sd = c(f"_bb_mid_{n}"), c(f"_bb_sd_{n}")
    return mid, mid + sd * k, mid - sd * k


def moment_stages(n):
    r = c("_ret_1d")
    return [{"_ret_1d": ret(c("close"), 1)},
            {f"_ret_raw_moment_{p}_{n}": (r if p == 1 else r.pow(p)).rolling_mean(n) for p in (1, 2, 3, 4)}]


def central(n):
    e1, e2, e3, e4 = (c(f"_ret_raw_moment_{p}_{n}") for p in (1, 2, 3, 4))
    m2 = e2 - e1.pow(2)
    m3 = e3 - e1 * e2 * 3 + e1.pow(3) * 2
    m4 = e4 - e1 * e3 * 4 + e1.pow(2) * e2 * 6 - e1.pow(4) * 3
    return m2, m3, m4


def fmt(v):
    return str(int(v)) if float(v).is_integer() else str(v)


def feature(kind, p):
    """(name, stages, expr) of one request, as lib/features/families/*.ts define it."""
    w = p.get("window")
    if kind == "ret":
        return f"ret_{p['horizon']}", [], ret(c("close"), p["horizon"])
    if kind == "logret":
        return f"logret_{p['horizon']}", [], (c("close") / c("close").shift(p["horizon"])).log()
    if kind == "sma":
        return f"sma_{w}", [], c("close").rolling_mean(w)
    if kind == "ema":
        return f"ema_{w}", [], seeded_ewm(c("close"), w, 2 / (w + 1))
    if kind == "rsi":
        return f"rsi_{w}", gain_loss_stages(w), rsi(w)
    if kind == "vol":
        return f"vol_{w}", [], (c("close") / c("close").shift(1)).log().rolling_std(w, ddof=1)
    if kind == "sma_cross":
        f, s = p["fast"], p["slow"]
        gap = c("close").rolling_mean(f) - c("close").rolling_mean(s)
        before = gap.shift(1)
        e = (pl.when(before.is_null()).then(NOTHING).when((before <= 0) & (gap > 0)).then(1)
             .when((before >= 0) & (gap < 0)).then(-1).otherwise(0))
        return f"sma_cross_{f}_{s}", [], e
    if kind in ("plus_di", "minus_di", "adx"):
        e = adx(w) if kind == "adx" else c(f"_{kind}_{w}")
        return f"{kind}_{w}", directional_stages(w), e
    if kind in ("macd", "macd_signal", "macd_hist"):
        f, s, g = p["fast"], p["slow"], p["signal"]
        line, sig, hist = macd(f, s, g)
        e = {"macd": line, "macd_signal": sig, "macd_hist": hist}[kind]
        return f"{kind}_{f}_{s}_{g}", macd_stages(f, s, g), e
    if kind in ("stoch_k", "stoch_d"):
        k, sk, sd = p["fastK"], p["slowK"], p["slowD"]
        kk, d = stoch(k, sk, sd)
        return f"{kind}_{k}_{sk}_{sd}", stoch_stages(k, sk), kk if kind == "stoch_k" else d
    if kind == "roc":
        before = c("close").shift(w)
        return f"roc_{w}", [], pl.when(before == 0).then(0).otherwise((c("close") / before - 1) * 100)
    if kind == "mom":
        return f"mom_{w}", [], c("close") - c("close").shift(w)
    if kind == "cmo":
        return f"cmo_{w}", gain_loss_stages(w), cmo(w)
    if kind == "atr":
        return f"atr_{w}", [{"_tr": true_range()}], seeded_ewm(c("_tr"), w, 1 / w)
    if kind in ("bb_upper", "bb_lower", "bb_width", "bb_pctb", "bb_break_up", "bb_break_down"):
        k = p["k"]
        mid, up, lo = bands(w, k)
        e = {"bb_upper": up, "bb_lower": lo, "bb_width": (up - lo) / mid,
             "bb_pctb": pl.when((up - lo) == 0).then(NOTHING).otherwise((c("close") - lo) / (up - lo)),
             "bb_break_up": (c("close") > up).cast(pl.Float64),
             "bb_break_down": (c("close") < lo).cast(pl.Float64)}[kind]
        return f"{kind}_{w}_{fmt(k)}", bb_stages(w), e
    if kind == "parkinson":
        return f"parkinson_{w}", [], ((c("high") / c("low")).log().pow(2).rolling_mean(w) / (4 * math.log(2))).pow(0.5)
    if kind == "gk":
        hl = (c("high") / c("low")).log().pow(2) * 0.5
        co = (c("close") / c("open")).log().pow(2) * (2 * math.log(2) - 1)
        return f"gk_{w}", [], (hl - co).rolling_mean(w).pow(0.5)
    if kind == "obv":
        ch = c("close").diff(1)
        e = (pl.when(ch.is_null()).then(c("volume")).when(ch > 0).then(c("volume"))
             .when(ch < 0).then(c("volume") * -1).otherwise(0)).cum_sum()
        return "obv", [], e
    if kind == "vwap":
        vol = c("volume").rolling_sum(w)
        typical = (c("high") + c("low") + c("close")) / 3
        return f"vwap_{w}", [], pl.when(vol == 0).then(NOTHING).otherwise((typical * c("volume")).rolling_sum(w) / vol)
    if kind == "volume_spike":
        before = c("volume").shift(1).rolling_mean(w)
        return f"volume_spike_{w}", [], pl.when(before == 0).then(NOTHING).otherwise(c("volume") / before)
    if kind == "amihud":
        dollars = c("close") * c("volume")
        daily = pl.when(dollars == 0).then(NOTHING).otherwise(ret(c("close"), 1).abs() / dollars * 1e6)
        return f"amihud_{w}", [], daily.rolling_mean(w)
    if kind == "ret_mean":
        return f"ret_mean_{w}", [], ret(c("close"), 1).rolling_mean(w)
    if kind == "ret_std":
        return f"ret_std_{w}", [], ret(c("close"), 1).rolling_std(w, ddof=1)
    if kind in ("ret_skew", "ret_kurt"):
        m2, m3, m4 = central(w)
        e = m3 / m2.pow(1.5) if kind == "ret_skew" else m4 / m2.pow(2) - 3
        return f"{kind}_{w}", moment_stages(w), e
    if kind in ("rsi_overbought", "rsi_oversold"):
        lvl = p["level"]
        e = rsi(w) > lvl if kind == "rsi_overbought" else rsi(w) < lvl
        return f"{kind}_{w}_{fmt(lvl)}", gain_loss_stages(w), e.cast(pl.Float64)
    if kind == "adx_trend":
        return f"adx_trend_{w}_{fmt(p['level'])}", directional_stages(w), (adx(w) > p["level"]).cast(pl.Float64)
    raise ValueError(f"unknown kind {kind}")


def build(panel: pl.DataFrame, spec: list) -> pl.DataFrame:
    features = [feature(r["kind"], r["params"]) for r in spec]
    stages: list[dict] = []
    for _, st, _ in features:
        for k, stage in enumerate(st):
            while len(stages) <= k:
                stages.append({})
            stages[k].update(stage)
    frame = panel.sort("symbol", "date")
    for stage in stages:
        frame = frame.with_columns(*(e.over("symbol").alias(n) for n, e in stage.items()))
    return frame.select("symbol", "date", *(e.over("symbol").cast(pl.Float64).alias(n) for n, _, e in features))


def main(panel_path: str, spec_path: str, out_path: str) -> None:
    panel = pl.read_parquet(panel_path)
    spec = json.load(open(spec_path))
    start, cpu = time.perf_counter(), time.process_time()
    out = build(panel, spec)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    cols = out.columns[2:]
    means = out.select(pl.col(cols).mean()).row(0)
    nulls = out.select(pl.col(cols).null_count()).row(0)
    json.dump({"seconds": seconds, "cpu_seconds": cpu, "rows": out.height, "columns": cols, "means": list(means),
               "nulls": list(nulls), "polars": pl.__version__}, open(out_path, "w"))


if __name__ == "__main__":
    main(*sys.argv[1:4])
