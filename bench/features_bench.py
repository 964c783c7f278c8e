"""python-polars twin of the feature build, for bench/features_bench.ts.

Usage: features_bench.py <panel.parquet> <spec.json> <out.json>

Builds the same features as lib/features (same helper stages, same expressions, the same
strategy: bounded look-back expressions over the whole sorted panel with each symbol's warm-up
rows nulled, `.over("symbol")` only for helpers carrying state along the rows) on the panel, timing the build only (the panel is read before the clock
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


def ewm_input(x, seed):
    is_seed = seed.is_not_null() & seed.shift(1).is_null()
    return pl.when(seed.is_null()).then(NOTHING).when(is_seed).then(seed).otherwise(x)


def ewm_recursion(inp, alpha):
    return inp.ewm_mean(alpha=alpha, adjust=False, min_samples=1, ignore_nulls=True)


def after_seed_row(seed, s):
    return pl.when(seed.shift(1).is_null()).then(NOTHING).otherwise(s)


def R(expr, warmup):
    """A helper evaluated over the whole sorted panel, its first `warmup` rows per symbol nulled."""
    return (expr, warmup, False)


def P(expr, warmup):
    """A helper carrying state along a symbol's rows (recursion, rolling sum): `.over("symbol")`."""
    return (expr, warmup, True)


def ewm_helpers(name, x, seed, alpha, warmup, then=lambda e: e):
    """Two stages: the recursion's input over the whole panel, then the recursion per symbol."""
    return [{f"{name}_input": R(ewm_input(x, seed), warmup)},
            {name: P(then(ewm_recursion(c(f"{name}_input"), alpha)), warmup)}]


def merge(*stage_lists):
    """Stage k of the result holds stage k of every list."""
    out = []
    for stages in stage_lists:
        for k, stage in enumerate(stages):
            while len(out) <= k:
                out.append({})
            out[k].update(stage)
    return out


def ret(x, h):
    return x / x.shift(h) - 1


def true_range():
    pc = c("close").shift(1)
    rng = keep_null(pc, c("high") - c("low"))
    m1 = pl.when((c("high") - pc).abs() > rng).then((c("high") - pc).abs()).otherwise(rng)
    return pl.when((c("low") - pc).abs() > m1).then((c("low") - pc).abs()).otherwise(m1)


def sma_stages(n):
    return [{f"_sma_{n}": P(c("close").rolling_mean(n), n - 1)}]


def ema_stages(n):
    return sma_stages(n) + ewm_helpers(f"_ema_{n}", c("close"), c(f"_sma_{n}"), 2 / (n + 1), n - 1)


def directional_stages(n):
    up = c("high") - c("high").shift(1)
    down = c("low").shift(1) - c("low")
    plus = keep_null(up, pl.when((up > 0) & (up > down)).then(up).otherwise(0))
    minus = keep_null(up, pl.when((down > 0) & (up < down)).then(down).otherwise(0))
    tr = c(f"_tr_wilder_{n}")
    di = lambda s: keep_null(tr, pl.when(is_zero(tr)).then(0).otherwise(c(s) / tr) * 100)
    p, m = c(f"_plus_di_{n}"), c(f"_minus_di_{n}")
    inputs = [("_tr", f"_tr_wilder_{n}"), ("_plus_dm", f"_plus_dm_wilder_{n}"), ("_minus_dm", f"_minus_dm_wilder_{n}")]
    dx = c(f"_dx_{n}")
    sums = merge(*(ewm_helpers(f"{s}_ewm", c(x), c(f"{s}_seed"), 1 / n, n - 1) for x, s in inputs))
    return [
        {"_tr": R(true_range(), 1), "_plus_dm": R(plus, 1), "_minus_dm": R(minus, 1)},
        {f"{s}_seed": P(c(x).rolling_sum(n - 1) / n, n - 1) for x, s in inputs},
        *sums,
        {s: R(after_seed_row(c(f"{s}_seed"), c(f"{s}_ewm")), n) for _, s in inputs},
        {f"_plus_di_{n}": R(di(f"_plus_dm_wilder_{n}"), n), f"_minus_di_{n}": R(di(f"_minus_dm_wilder_{n}"), n)},
        {f"_dx_{n}": R(pl.when(is_zero(tr) | is_zero(p + m)).then(NOTHING).otherwise((m - p).abs() / (p + m) * 100), n)},
        {f"_adx_seed_{n}": P(keep_null(p, dx.fill_null(0)).rolling_mean(n), 2 * n - 1)},
        *ewm_helpers(f"_adx_{n}", dx, c(f"_adx_seed_{n}"), 1 / n, 2 * n - 1, lambda e: e.forward_fill()),
    ]


def gain_loss_stages(n):
    ch = c("close").diff(1)
    gain = keep_null(ch, pl.when(ch > 0).then(ch).otherwise(0))
    loss = keep_null(ch, pl.when(ch < 0).then(-ch).otherwise(0))
    avg = merge(*(ewm_helpers(f"_avg{x}_{n}", c(x), c(f"{x}_mean_{n}"), 1 / n, n) for x in ("_gain", "_loss")))
    return [{"_gain": R(gain, 1), "_loss": R(loss, 1)},
            {f"_gain_mean_{n}": P(c("_gain").rolling_mean(n), n), f"_loss_mean_{n}": P(c("_loss").rolling_mean(n), n)},
            *avg]


def atr_stages(n):
    return [{"_tr": R(true_range(), 1)}, {f"_tr_mean_{n}": P(c("_tr").rolling_mean(n), n)},
            *ewm_helpers(f"_atr_{n}", c("_tr"), c(f"_tr_mean_{n}"), 1 / n, n)]


def rsi(n):
    g, l = c(f"_avg_gain_{n}"), c(f"_avg_loss_{n}")
    return pl.when(is_zero(g + l)).then(0).otherwise(g / (g + l) * 100)


def cmo(n):
    g, l = c(f"_avg_gain_{n}"), c(f"_avg_loss_{n}")
    return pl.when(is_zero(g + l)).then(0).otherwise((g - l) / (g + l) * 100)


def macd_stages(f, s, g):
    rn = f"_macd_raw_{f}_{s}"
    fast = ewm_helpers(f"{rn}_fast_ema", c("close"), keep_null(c(f"_sma_{s}"), c(f"_sma_{f}")), 2 / (f + 1), s - 1)
    w = s + g - 2
    return merge(sma_stages(f), ema_stages(s), [{}] + fast) + [
        {rn: R(c(f"{rn}_fast_ema") - c(f"_ema_{s}"), s - 1)},
        {f"{rn}_mean_{g}": P(c(rn).rolling_mean(g), w)},
        *ewm_helpers(f"_macd_signal_{f}_{s}_{g}", c(rn), c(f"{rn}_mean_{g}"), 2 / (g + 1), w)]


def macd(f, s, g):
    raw, sig = c(f"_macd_raw_{f}_{s}"), c(f"_macd_signal_{f}_{s}_{g}")
    line = keep_null(sig, raw)
    return line, sig, line - sig


def stoch_stages(k, sk, sd):
    lo, hi = c(f"_lowest_low_{k}"), c(f"_highest_high_{k}")
    scale = (hi - lo) / 100
    raw = keep_null(scale, pl.when(scale == 0).then(0).otherwise((c("close") - lo) / scale))
    return [{f"_lowest_low_{k}": R(c("low").rolling_min(k), k - 1), f"_highest_high_{k}": R(c("high").rolling_max(k), k - 1)},
            {f"_stoch_raw_{k}": R(raw, k - 1)},
            {f"_stoch_k_{k}_{sk}": P(c(f"_stoch_raw_{k}").rolling_mean(sk), k + sk - 2)},
            {f"_stoch_d_{k}_{sk}_{sd}": P(c(f"_stoch_k_{k}_{sk}").rolling_mean(sd), k + sk + sd - 3)}]


def stoch(k, sk, sd):
    kk, d = c(f"_stoch_k_{k}_{sk}"), c(f"_stoch_d_{k}_{sk}_{sd}")
    return keep_null(d, kk), d


def bb_stages(n):
    return [{**sma_stages(n)[0], f"_bb_sd_{n}": P(c("close").rolling_std(n, ddof=1) * math.sqrt((n - 1) / n), n - 1)}]


def bands(n, k):
    mid, sd = c(f"_sma_{n}"), c(f"_bb_sd_{n}")
    return mid, mid + sd * k, mid - sd * k


def moment_stages(n, powers=(1, 2, 3, 4)):
    r = c("_ret_1d")
    return [{"_ret_1d": R(ret(c("close"), 1), 1)},
            {f"_ret_raw_moment_{p}_{n}": P((r if p == 1 else r.pow(p)).rolling_mean(n), n) for p in powers}]


def central(n):
    e1, e2, e3, e4 = (c(f"_ret_raw_moment_{p}_{n}") for p in (1, 2, 3, 4))
    m2 = e2 - e1.pow(2)
    m3 = e3 - e1 * e2 * 3 + e1.pow(3) * 2
    m4 = e4 - e1 * e3 * 4 + e1.pow(2) * e2 * 6 - e1.pow(4) * 3
    return m2, m3, m4


LOG_HL_SQ = {"_log_hl_sq": R((c("high") / c("low")).log().pow(2), 0)}


def fmt(v):
    return str(int(v)) if float(v).is_integer() else str(v)


def feature(kind, p):
    """(name, stages, expr, warmup) of one request, as lib/features/families/*.ts define it."""
    w = p.get("window")
    if kind == "ret":
        return f"ret_{p['horizon']}", [], ret(c("close"), p["horizon"]), p["horizon"]
    if kind == "logret":
        return f"logret_{p['horizon']}", [], (c("close") / c("close").shift(p["horizon"])).log(), p["horizon"]
    if kind == "sma":
        return f"sma_{w}", sma_stages(w), c(f"_sma_{w}"), w - 1
    if kind == "ema":
        return f"ema_{w}", ema_stages(w), c(f"_ema_{w}"), w - 1
    if kind == "rsi":
        return f"rsi_{w}", gain_loss_stages(w), rsi(w), w
    if kind == "vol":
        st = [{"_logret_1": R((c("close") / c("close").shift(1)).log(), 1)},
              {f"_vol_{w}": P(c("_logret_1").rolling_std(w, ddof=1), w)}]
        return f"vol_{w}", st, c(f"_vol_{w}"), w
    if kind == "sma_cross":
        f, s = p["fast"], p["slow"]
        gap = c(f"_sma_{f}") - c(f"_sma_{s}")
        before = gap.shift(1)
        e = (pl.when(before.is_null()).then(NOTHING).when((before <= 0) & (gap > 0)).then(1)
             .when((before >= 0) & (gap < 0)).then(-1).otherwise(0))
        return f"sma_cross_{f}_{s}", [{**sma_stages(f)[0], **sma_stages(s)[0]}], e, s
    if kind in ("plus_di", "minus_di", "adx"):
        e = c(f"_{kind}_{w}")
        return f"{kind}_{w}", directional_stages(w), e, 2 * w - 1 if kind == "adx" else w
    if kind in ("macd", "macd_signal", "macd_hist"):
        f, s, g = p["fast"], p["slow"], p["signal"]
        line, sig, hist = macd(f, s, g)
        e = {"macd": line, "macd_signal": sig, "macd_hist": hist}[kind]
        return f"{kind}_{f}_{s}_{g}", macd_stages(f, s, g), e, s + g - 2
    if kind in ("stoch_k", "stoch_d"):
        k, sk, sd = p["fastK"], p["slowK"], p["slowD"]
        kk, d = stoch(k, sk, sd)
        return f"{kind}_{k}_{sk}_{sd}", stoch_stages(k, sk, sd), kk if kind == "stoch_k" else d, k + sk + sd - 3
    if kind == "roc":
        before = c("close").shift(w)
        return f"roc_{w}", [], pl.when(before == 0).then(0).otherwise((c("close") / before - 1) * 100), w
    if kind == "mom":
        return f"mom_{w}", [], c("close") - c("close").shift(w), w
    if kind == "cmo":
        return f"cmo_{w}", gain_loss_stages(w), cmo(w), w
    if kind == "atr":
        return f"atr_{w}", atr_stages(w), c(f"_atr_{w}"), w
    if kind in ("bb_upper", "bb_lower", "bb_width", "bb_pctb", "bb_break_up", "bb_break_down"):
        k = p["k"]
        mid, up, lo = bands(w, k)
        e = {"bb_upper": up, "bb_lower": lo, "bb_width": (up - lo) / mid,
             "bb_pctb": pl.when((up - lo) == 0).then(NOTHING).otherwise((c("close") - lo) / (up - lo)),
             "bb_break_up": (c("close") > up).cast(pl.Float64),
             "bb_break_down": (c("close") < lo).cast(pl.Float64)}[kind]
        return f"{kind}_{w}_{fmt(k)}", bb_stages(w), e, w - 1
    if kind == "parkinson":
        st = [LOG_HL_SQ, {f"_log_hl_sq_mean_{w}": P(c("_log_hl_sq").rolling_mean(w), w - 1)}]
        return f"parkinson_{w}", st, (c(f"_log_hl_sq_mean_{w}") / (4 * math.log(2))).pow(0.5), w - 1
    if kind == "gk":
        term = c("_log_hl_sq") * 0.5 - (c("close") / c("open")).log().pow(2) * (2 * math.log(2) - 1)
        st = [LOG_HL_SQ, {"_gk_term": R(term, 0)}, {f"_gk_term_mean_{w}": P(c("_gk_term").rolling_mean(w), w - 1)}]
        return f"gk_{w}", st, c(f"_gk_term_mean_{w}").pow(0.5), w - 1
    if kind == "obv":
        ch = c("close").diff(1)
        e = (pl.when(ch.is_null()).then(c("volume")).when(ch > 0).then(c("volume"))
             .when(ch < 0).then(c("volume") * -1).otherwise(0)).cum_sum()
        return "obv", [{"_obv": P(e, 0)}], c("_obv"), 0
    if kind == "vwap":
        typical = (c("high") + c("low") + c("close")) / 3
        st = [{"_typical_volume": R(typical * c("volume"), 0)},
              {f"_volume_sum_{w}": P(c("volume").rolling_sum(w), w - 1),
               f"_typical_volume_sum_{w}": P(c("_typical_volume").rolling_sum(w), w - 1)}]
        vol = c(f"_volume_sum_{w}")
        return f"vwap_{w}", st, pl.when(vol == 0).then(NOTHING).otherwise(c(f"_typical_volume_sum_{w}") / vol), w - 1
    if kind == "volume_spike":
        before = c(f"_volume_mean_{w}").shift(1)
        st = [{f"_volume_mean_{w}": P(c("volume").rolling_mean(w), w - 1)}]
        return f"volume_spike_{w}", st, pl.when(before == 0).then(NOTHING).otherwise(c("volume") / before), w
    if kind == "amihud":
        dollars = c("close") * c("volume")
        daily = pl.when(dollars == 0).then(NOTHING).otherwise(ret(c("close"), 1).abs() / dollars * 1e6)
        st = [{"_amihud_daily": R(daily, 1)}, {f"_amihud_{w}": P(c("_amihud_daily").rolling_mean(w), w)}]
        return f"amihud_{w}", st, c(f"_amihud_{w}"), w
    if kind == "ret_mean":
        return f"ret_mean_{w}", moment_stages(w, (1,)), c(f"_ret_raw_moment_1_{w}"), w
    if kind == "ret_std":
        st = [moment_stages(w, ())[0], {f"_ret_std_{w}": P(c("_ret_1d").rolling_std(w, ddof=1), w)}]
        return f"ret_std_{w}", st, c(f"_ret_std_{w}"), w
    if kind in ("ret_skew", "ret_kurt"):
        m2, m3, m4 = central(w)
        e = m3 / m2.pow(1.5) if kind == "ret_skew" else m4 / m2.pow(2) - 3
        return f"{kind}_{w}", moment_stages(w), e, w
    if kind in ("rsi_overbought", "rsi_oversold"):
        lvl = p["level"]
        e = rsi(w) > lvl if kind == "rsi_overbought" else rsi(w) < lvl
        return f"{kind}_{w}_{fmt(lvl)}", gain_loss_stages(w), e.cast(pl.Float64), w
    if kind == "adx_trend":
        return f"adx_trend_{w}_{fmt(p['level'])}", directional_stages(w), (c(f"_adx_{w}") > p["level"]).cast(pl.Float64), 2 * w - 1
    raise ValueError(f"unknown kind {kind}")


POSITION = "__row_in_symbol"


def after_warmup(e, warmup):
    return e if warmup <= 0 else pl.when(c(POSITION) < warmup).then(NOTHING).otherwise(e)


def build(panel: pl.DataFrame, spec: list) -> pl.DataFrame:
    features = [feature(r["kind"], r["params"]) for r in spec]
    stages: list[dict] = []
    for _, st, _, _ in features:
        for k, stage in enumerate(st):
            while len(stages) <= k:
                stages.append({})
            stages[k].update(stage)
    frame = panel.sort("symbol", "date").with_columns(pl.int_range(0, pl.len()).over("symbol").alias(POSITION))
    for stage in stages:
        frame = frame.with_columns(*((e.over("symbol") if per else after_warmup(e, w)).alias(n)
                                     for n, (e, w, per) in stage.items()))
    return frame.select("symbol", "date", *(after_warmup(e, w).cast(pl.Float64).alias(n) for n, _, e, w in features))


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
