/**
 * Indicator definitions as polars expressions over ONE symbol's bars in date order, shared by
 * the feature families, the intraday summaries and the charts, so each indicator is defined once.
 * Where TA-Lib defines the indicator, the expression reproduces its values and its warm-up.
 * @module
 */
import pl from "nodejs-polars";
import type { Helper, HelperStages } from "./registry.ts";
import {
  afterSeedRow,
  ewmFromSeed,
  ewmInput,
  ewmRecursion,
  seededEwm,
  wilderSeed,
} from "./smoothing.ts";

/** The panel column `name` (`open`, `high`, `low`, `close`, `volume`). */
export const col = (name: string): pl.Expr => pl.col(name);

const nothing = () => pl.lit(null).cast(pl.Float64);

// TA-Lib treats |v| < 1e-14 as zero (TA_IS_ZERO); the same test keeps flat stretches identical.
const isZero = (x: pl.Expr) => x.abs().lt(1e-14);

/** A helper column evaluated over the whole sorted panel (bounded look-back of `warmup` rows). */
const rows = (name: string, expr: pl.Expr, warmup: number): Helper => ({ name, expr, warmup });

/**
 * A helper column carrying state along a symbol's rows (a recursion, or a rolling sum whose
 * rounding depends on every earlier row), evaluated per symbol.
 */
const perSymbol = (name: string, expr: pl.Expr, warmup: number): Helper => ({
  name,
  expr,
  warmup,
  perSymbol: true,
});

/**
 * Two stages computing {@link ewmFromSeed}`(x, seed, alpha)` as the column `name`: its input
 * `${name}_input` over the whole panel (it reads one row back, and the seed is null on a symbol's
 * first row), then the recursion per symbol on that column alone.
 */
function ewmHelpers(
  name: string,
  x: pl.Expr,
  seed: pl.Expr,
  alpha: number,
  warmup: number,
  then: (ewm: pl.Expr) => pl.Expr = (ewm) => ewm,
): [Helper[], Helper[]] {
  const input = `${name}_input`;
  return [
    [rows(input, ewmInput(x, seed), warmup)],
    [perSymbol(name, then(ewmRecursion(pl.col(input), alpha)), warmup)],
  ];
}

/** Rows where `x` is null stay null; elsewhere `then`. Keeps warm-up nulls through a `when`. */
function keepNull(x: pl.Expr, then: pl.Expr): pl.Expr {
  return pl.when(x.isNull()).then(nothing()).otherwise(then);
}

/** The larger of two expressions (no nulls expected where both are defined). */
function max2(a: pl.Expr, b: pl.Expr): pl.Expr {
  return pl.when(b.gt(a)).then(b).otherwise(a);
}

/** Gains and losses of `x` between consecutive rows (losses positive); null on the first row. */
export function gainsAndLosses(x: pl.Expr): { gain: pl.Expr; loss: pl.Expr } {
  const change = x.diff(1, "ignore");
  return {
    gain: keepNull(change, pl.when(change.gt(0)).then(change).otherwise(pl.lit(0))),
    loss: keepNull(change, pl.when(change.lt(0)).then(change.mul(-1)).otherwise(pl.lit(0))),
  };
}

/** Wilder-smoothed average gain and loss of `x` over `window` (seeded by their means), as RSI uses. */
export function wilderGainLoss(x: pl.Expr, window: number): { gain: pl.Expr; loss: pl.Expr } {
  const { gain, loss } = gainsAndLosses(x);
  return { gain: seededEwm(gain, window, 1 / window), loss: seededEwm(loss, window, 1 / window) };
}

/** RSI from average gain and loss: `100 gain / (gain + loss)`, 0 when both are 0 (TA-Lib). */
export function rsiFrom(gain: pl.Expr, loss: pl.Expr): pl.Expr {
  const total = gain.add(loss);
  return pl.when(isZero(total)).then(pl.lit(0)).otherwise(gain.div(total).mul(100));
}

/** CMO from average gain and loss: `100 (gain - loss) / (gain + loss)`, 0 when both are 0. */
export function cmoFrom(gain: pl.Expr, loss: pl.Expr): pl.Expr {
  const total = gain.add(loss);
  return pl.when(isZero(total)).then(pl.lit(0)).otherwise(gain.sub(loss).div(total).mul(100));
}

/** RSI of `x` (Wilder, 0..100) as one expression; 0 when nothing moved over the window. */
export function rsiExpr(x: pl.Expr, window: number): pl.Expr {
  const { gain, loss } = wilderGainLoss(x, window);
  return rsiFrom(gain, loss);
}

/** True range `max(high - low, |high - close_{t-1}|, |low - close_{t-1}|)`; null on row 0. */
export function trueRange(): pl.Expr {
  const prevClose = col("close").shift(1);
  const range = keepNull(prevClose, col("high").sub(col("low")));
  return max2(max2(range, col("high").sub(prevClose).abs()), col("low").sub(prevClose).abs());
}

/** Name of the helper column holding SMA(`window`) of close (see {@link smaStages}). */
export const smaColumn = (window: number): string => `_sma_${window}`;

/** Helper stages of SMA(`window`) of close: the column {@link smaColumn}. */
export function smaStages(window: number): HelperStages {
  return [[
    perSymbol(smaColumn(window), col("close").rollingMean({ windowSize: window }), window - 1),
  ]];
}

/** Name of the helper column holding EMA(`window`) of close (see {@link emaStages}). */
export const emaColumn = (window: number): string => `_ema_${window}`;

/**
 * Helper stages of the SMA-seeded EMA(`window`) of close, alpha 2 / (window + 1) (TA-Lib EMA):
 * the SMA seed, then the EMA {@link emaColumn}.
 */
export function emaStages(window: number): HelperStages {
  const alpha = 2 / (window + 1);
  const seed = pl.col(smaColumn(window));
  return [
    ...smaStages(window),
    ...ewmHelpers(emaColumn(window), col("close"), seed, alpha, window - 1),
  ];
}

/** Average true range: SMA of the first `window` true ranges, then Wilder smoothing (TA-Lib ATR). */
export function atrExpr(window: number, tr: pl.Expr = trueRange()): pl.Expr {
  return seededEwm(tr, window, 1 / window);
}

/** +DM and -DM as TA-Lib counts them (only the larger move counts, ties count neither). */
export function directionalMovement(): { plus: pl.Expr; minus: pl.Expr } {
  const up = col("high").sub(col("high").shift(1));
  const down = col("low").shift(1).sub(col("low"));
  const zero = pl.lit(0);
  return {
    plus: keepNull(up, pl.when(up.gt(0).and(up.gt(down))).then(up).otherwise(zero)),
    minus: keepNull(up, pl.when(down.gt(0).and(up.lt(down))).then(down).otherwise(zero)),
  };
}

/**
 * Helper stages of Wilder's directional system over `window` (TA-Lib PLUS_DI, MINUS_DI, ADX):
 * true range and +/-DM, the seeds of their Wilder sums, the sums, +DI and -DI, DX, then the ADX
 * seed and ADX. Read them with {@link directionalColumns}.
 */
export function directionalStages(window: number): HelperStages {
  const n = window;
  const dm = directionalMovement();
  const c = directionalColumns(n);
  const tr = pl.col(c.trSum);
  const di = (s: string) =>
    keepNull(tr, pl.when(isZero(tr)).then(pl.lit(0)).otherwise(pl.col(s).div(tr)).mul(100));
  const plus = pl.col(c.plusDi);
  const minus = pl.col(c.minusDi);
  const sum = plus.add(minus);
  const inputs = [["_tr", c.trSum], ["_plus_dm", c.plusSum], ["_minus_dm", c.minusSum]];
  const sums = inputs.map(([x, s]) =>
    ewmHelpers(`${s}_ewm`, pl.col(x), pl.col(`${s}_seed`), 1 / n, n - 1)
  );
  const adx = ewmHelpers(
    c.adx,
    pl.col(c.dx),
    pl.col(c.adxSeed),
    1 / n,
    2 * n - 1,
    (ewm) => ewm.forwardFill(),
  );
  return [
    [
      rows("_tr", trueRange(), 1),
      rows("_plus_dm", dm.plus, 1),
      rows("_minus_dm", dm.minus, 1),
    ],
    inputs.map(([x, s]) => perSymbol(`${s}_seed`, wilderSeed(pl.col(x), n), n - 1)),
    sums.flatMap((h) => h[0]),
    sums.flatMap((h) => h[1]),
    inputs.map(([, s]) => rows(s, afterSeedRow(pl.col(`${s}_seed`), pl.col(`${s}_ewm`)), n)),
    [rows(c.plusDi, di(c.plusSum), n), rows(c.minusDi, di(c.minusSum), n)],
    [rows(
      c.dx,
      pl.when(isZero(tr).or(isZero(sum))).then(nothing())
        .otherwise(minus.sub(plus).abs().div(sum).mul(100)),
      n,
    )],
    [perSymbol(c.adxSeed, adxSeed(pl.col(c.plusDi), pl.col(c.dx), n), 2 * n - 1)],
    ...adx,
  ];
}

/** Names of the helper columns of {@link directionalStages}. */
export function directionalColumns(window: number): {
  trSum: string;
  plusSum: string;
  minusSum: string;
  plusDi: string;
  minusDi: string;
  dx: string;
  adxSeed: string;
  adx: string;
} {
  return {
    trSum: `_tr_wilder_${window}`,
    plusSum: `_plus_dm_wilder_${window}`,
    minusSum: `_minus_dm_wilder_${window}`,
    plusDi: `_plus_di_${window}`,
    minusDi: `_minus_di_${window}`,
    dx: `_dx_${window}`,
    adxSeed: `_adx_seed_${window}`,
    adx: `_adx_${window}`,
  };
}

/**
 * The seed of ADX: the mean of the last `window` DX values, undefined ones counting as 0.
 * TA-Lib's first ADX (row `2 window - 1`) is this mean; later ADX is Wilder's recursion on DX,
 * where an undefined DX (no range, or +DI = -DI = 0) leaves ADX unchanged, hence the recursion
 * skipping nulls and the forward fill in {@link directionalStages}.
 */
export function adxSeed(plusDi: pl.Expr, dx: pl.Expr, window: number): pl.Expr {
  return keepNull(plusDi, dx.fillNull(0)).rollingMean({ windowSize: window });
}

/** ADX from the helpers of {@link directionalStages} (the column it computes). */
export function adxExpr(window: number): pl.Expr {
  return pl.col(directionalColumns(window).adx);
}

/** Name of the helper column holding ATR(`window`) (see {@link atrStages}). */
export const atrColumn = (window: number): string => `_atr_${window}`;

/**
 * Helper stages of the average true range over `window`: the true range `_tr`, its first mean,
 * then ATR {@link atrColumn}.
 */
export function atrStages(window: number): HelperStages {
  const mean = `_tr_mean_${window}`;
  const tr = pl.col("_tr");
  return [
    [rows("_tr", trueRange(), 1)],
    [perSymbol(mean, tr.rollingMean({ windowSize: window }), window)],
    ...ewmHelpers(atrColumn(window), tr, pl.col(mean), 1 / window, window),
  ];
}

/**
 * Helper stages of Wilder's average gain and loss of close (RSI, CMO) over `window`: gains and
 * losses, their first means, then the averages `_avg_gain_{window}` and `_avg_loss_{window}`.
 */
export function gainLossStages(window: number): HelperStages {
  const { gain, loss } = gainsAndLosses(col("close"));
  const mean = (x: string) => pl.col(x).rollingMean({ windowSize: window });
  const avg = (x: string) =>
    ewmHelpers(`_avg${x}_${window}`, pl.col(x), pl.col(`${x}_mean_${window}`), 1 / window, window);
  const [gains, losses] = [avg("_gain"), avg("_loss")];
  return [
    [rows("_gain", gain, 1), rows("_loss", loss, 1)],
    [
      perSymbol(`_gain_mean_${window}`, mean("_gain"), window),
      perSymbol(`_loss_mean_${window}`, mean("_loss"), window),
    ],
    [...gains[0], ...losses[0]],
    [...gains[1], ...losses[1]],
  ];
}

/** RSI of close from the helpers of {@link gainLossStages}. */
export function rsiFromStages(window: number): pl.Expr {
  return rsiFrom(pl.col(`_avg_gain_${window}`), pl.col(`_avg_loss_${window}`));
}

/** CMO of close from the helpers of {@link gainLossStages}. */
export function cmoFromStages(window: number): pl.Expr {
  return cmoFrom(pl.col(`_avg_gain_${window}`), pl.col(`_avg_loss_${window}`));
}

/**
 * The MACD line before its warm-up mask, as TA-Lib computes it: EMA(fast) - EMA(slow) where BOTH
 * EMAs start on the row the slow one can (the fast one seeded there with the mean of its last
 * `fast` values, not on its own row `fast - 1`). Null for the first `slow - 1` rows.
 */
export function macdRawLine(x: pl.Expr, fast: number, slow: number): pl.Expr {
  const slowSeed = x.rollingMean({ windowSize: slow });
  const slowEma = ewmFromSeed(x, slowSeed, 2 / (slow + 1));
  const fastSeed = macdFastSeed(x.rollingMean({ windowSize: fast }), slowSeed);
  return ewmFromSeed(x, fastSeed, 2 / (fast + 1)).sub(slowEma);
}

/**
 * The seed of MACD's fast EMA from SMA(fast) and SMA(slow): SMA(fast), but only from the row
 * where SMA(slow) exists, so both EMAs start there.
 */
export function macdFastSeed(fastMean: pl.Expr, slowMean: pl.Expr): pl.Expr {
  return keepNull(slowMean, fastMean);
}

/** The MACD signal line: the SMA-seeded EMA(signal) of the raw line. */
export function macdSignalLine(rawLine: pl.Expr, signal: number): pl.Expr {
  return seededEwm(rawLine, signal, 2 / (signal + 1));
}

/**
 * MACD line, signal and histogram from the raw line and the signal line; as in TA-Lib all three
 * are null until the signal exists (`slow + signal - 2` rows).
 */
export function macdFrom(
  rawLine: pl.Expr,
  signalLine: pl.Expr,
): { line: pl.Expr; signal: pl.Expr; hist: pl.Expr } {
  const line = keepNull(signalLine, rawLine);
  return { line, signal: signalLine, hist: line.sub(signalLine) };
}

/** MACD of `x` as one expression (TA-Lib seeding, see {@link macdRawLine}). */
export function macdExpr(
  x: pl.Expr,
  fast: number,
  slow: number,
  signal: number,
): { line: pl.Expr; signal: pl.Expr; hist: pl.Expr } {
  const raw = macdRawLine(x, fast, slow);
  return macdFrom(raw, macdSignalLine(raw, signal));
}

/**
 * Helper stages of MACD(fast, slow, signal) of close: SMA(fast) and SMA(slow), EMA(slow), the raw
 * line, the signal's seed (the raw line's mean over `signal`), then the signal line.
 */
export function macdStages(fast: number, slow: number, signal: number): HelperStages {
  const c = macdColumns(fast, slow, signal);
  const [smas, emaInputs, emas] = emaStages(slow);
  const fastEma = ewmHelpers(
    `${c.raw}_fast_ema`,
    col("close"),
    macdFastSeed(pl.col(smaColumn(fast)), pl.col(smaColumn(slow))),
    2 / (fast + 1),
    slow - 1,
  );
  const rawLine = pl.col(c.raw);
  const seed = `${c.raw}_mean_${signal}`;
  const warmup = slow + signal - 2;
  const signalLine = ewmHelpers(c.signal, rawLine, pl.col(seed), 2 / (signal + 1), warmup);
  return [
    [...smaStages(fast)[0], ...smas],
    [...emaInputs, ...fastEma[0]],
    [...emas, ...fastEma[1]],
    [rows(c.raw, pl.col(`${c.raw}_fast_ema`).sub(pl.col(emaColumn(slow))), slow - 1)],
    [perSymbol(seed, rawLine.rollingMean({ windowSize: signal }), warmup)],
    ...signalLine,
  ];
}

/** Names of the helper columns of {@link macdStages}. */
export function macdColumns(
  fast: number,
  slow: number,
  signal: number,
): { raw: string; signal: string } {
  return { raw: `_macd_raw_${fast}_${slow}`, signal: `_macd_signal_${fast}_${slow}_${signal}` };
}

/**
 * Helper stages of the slow stochastic (TA-Lib STOCH, SMA smoothing): raw %K over `fastK` days,
 * then slow %K, its SMA over `slowK`.
 */
export function stochasticStages(fastK: number, slowK: number): HelperStages {
  const lowest = pl.col(`_lowest_low_${fastK}`);
  const highest = pl.col(`_highest_high_${fastK}`);
  // TA-Lib divides by (highest - lowest) / 100 rather than multiplying by 100 afterwards.
  const scale = highest.sub(lowest).div(100);
  const raw = keepNull(
    scale,
    pl.when(scale.eq(0)).then(pl.lit(0)).otherwise(col("close").sub(lowest).div(scale)),
  );
  const k = fastK + slowK - 2;
  return [
    [
      rows(`_lowest_low_${fastK}`, col("low").rollingMin({ windowSize: fastK }), fastK - 1),
      rows(`_highest_high_${fastK}`, col("high").rollingMax({ windowSize: fastK }), fastK - 1),
    ],
    [rows(`_stoch_raw_${fastK}`, raw, fastK - 1)],
    [perSymbol(
      `_stoch_k_${fastK}_${slowK}`,
      pl.col(`_stoch_raw_${fastK}`).rollingMean({ windowSize: slowK }),
      k,
    )],
  ];
}

/**
 * Helper stages of the slow stochastic with its %D: {@link stochasticStages}, then %D, the SMA of
 * slow %K over `slowD`.
 */
export function stochasticDStages(fastK: number, slowK: number, slowD: number): HelperStages {
  const k = pl.col(`_stoch_k_${fastK}_${slowK}`);
  return [
    ...stochasticStages(fastK, slowK),
    [perSymbol(
      stochasticDColumn(fastK, slowK, slowD),
      k.rollingMean({ windowSize: slowD }),
      fastK + slowK + slowD - 3,
    )],
  ];
}

/** Name of the helper column holding %D (see {@link stochasticDStages}). */
const stochasticDColumn = (fastK: number, slowK: number, slowD: number) =>
  `_stoch_d_${fastK}_${slowK}_${slowD}`;

/** Slow %K and %D from {@link stochasticDStages}; both null until %D exists, as in TA-Lib. */
export function stochasticFrom(
  fastK: number,
  slowK: number,
  slowD: number,
): { k: pl.Expr; d: pl.Expr } {
  const k = pl.col(`_stoch_k_${fastK}_${slowK}`);
  const d = pl.col(stochasticDColumn(fastK, slowK, slowD));
  return { k: keepNull(d, k), d };
}

/** Bollinger bands of `x`: SMA(window) +- k population standard deviations (TA-Lib BBANDS). */
export function bollingerExpr(
  x: pl.Expr,
  window: number,
  k: number,
): { mid: pl.Expr; upper: pl.Expr; lower: pl.Expr } {
  return bandsFrom(x.rollingMean({ windowSize: window }), populationStd(x, window), k);
}

/** `mid`, `mid + k sd`, `mid - k sd`. */
export function bandsFrom(
  mid: pl.Expr,
  sd: pl.Expr,
  k: number,
): { mid: pl.Expr; upper: pl.Expr; lower: pl.Expr } {
  return { mid, upper: mid.add(sd.mul(k)), lower: mid.sub(sd.mul(k)) };
}

/** Rolling population standard deviation (divisor n) of `x` over `window` rows. */
export function populationStd(x: pl.Expr, window: number): pl.Expr {
  // nodejs-polars 0.25.2 ignores rollingStd's `ddof` (always 1): rescale to the population std.
  return x.rollingStd({ windowSize: window }).mul(Math.sqrt((window - 1) / window));
}

/** Helper stages of Bollinger bands of close over `window`: the SMA and population std. */
export function bollingerStages(window: number): HelperStages {
  return [[
    ...smaStages(window)[0],
    perSymbol(`_bb_sd_${window}`, populationStd(col("close"), window), window - 1),
  ]];
}

/** Bollinger bands of close from {@link bollingerStages}. */
export function bollingerFrom(
  window: number,
  k: number,
): { mid: pl.Expr; upper: pl.Expr; lower: pl.Expr } {
  return bandsFrom(pl.col(smaColumn(window)), pl.col(`_bb_sd_${window}`), k);
}

/** Simple return of `x` over `horizon` rows. */
export function simpleReturnExpr(x: pl.Expr, horizon: number): pl.Expr {
  return x.div(x.shift(horizon)).sub(1);
}

/** Log return of `x` over `horizon` rows. */
export function logReturnExpr(x: pl.Expr, horizon: number): pl.Expr {
  return x.div(x.shift(horizon)).log();
}
