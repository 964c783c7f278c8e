/**
 * Indicator definitions as polars expressions over ONE symbol's bars in date order, shared by
 * the feature families, the intraday summaries and the charts, so each indicator is defined once.
 * Where TA-Lib defines the indicator, the expression reproduces its values and its warm-up.
 * @module
 */
import pl from "nodejs-polars";
import type { HelperStages } from "./registry.ts";
import { ewmFromSeed, seededEwm, wilderSum } from "./smoothing.ts";

/** The panel column `name` (`open`, `high`, `low`, `close`, `volume`). */
export const col = (name: string): pl.Expr => pl.col(name);

const nothing = () => pl.lit(null).cast(pl.Float64);

// TA-Lib treats |v| < 1e-14 as zero (TA_IS_ZERO); the same test keeps flat stretches identical.
const isZero = (x: pl.Expr) => x.abs().lt(1e-14);

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
 * true range and +/-DM, their Wilder sums, +DI and -DI, then DX. Read them with
 * {@link directionalColumns}.
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
  return [
    [
      { name: "_tr", expr: trueRange() },
      { name: "_plus_dm", expr: dm.plus },
      { name: "_minus_dm", expr: dm.minus },
    ],
    [
      { name: c.trSum, expr: wilderSum(pl.col("_tr"), n) },
      { name: c.plusSum, expr: wilderSum(pl.col("_plus_dm"), n) },
      { name: c.minusSum, expr: wilderSum(pl.col("_minus_dm"), n) },
    ],
    [{ name: c.plusDi, expr: di(c.plusSum) }, { name: c.minusDi, expr: di(c.minusSum) }],
    [{
      name: c.dx,
      expr: pl.when(isZero(tr).or(isZero(sum))).then(nothing())
        .otherwise(minus.sub(plus).abs().div(sum).mul(100)),
    }],
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
} {
  return {
    trSum: `_tr_wilder_${window}`,
    plusSum: `_plus_dm_wilder_${window}`,
    minusSum: `_minus_dm_wilder_${window}`,
    plusDi: `_plus_di_${window}`,
    minusDi: `_minus_di_${window}`,
    dx: `_dx_${window}`,
  };
}

/**
 * ADX from the helpers of {@link directionalStages}. TA-Lib's first ADX (row `2 window - 1`) is
 * the mean of `window` DX values, an undefined DX (no range, or +DI = -DI = 0) counting as 0;
 * later an undefined DX leaves ADX unchanged, hence the recursion skipping nulls and the forward
 * fill.
 */
export function adxExpr(window: number): pl.Expr {
  const c = directionalColumns(window);
  const dx = pl.col(c.dx);
  const seed = keepNull(pl.col(c.plusDi), dx.fillNull(0)).rollingMean({ windowSize: window });
  return ewmFromSeed(dx, seed, 1 / window).forwardFill();
}

/** Helper stages of the average true range: the true range `_tr`. */
export function atrStages(): HelperStages {
  return [[{ name: "_tr", expr: trueRange() }]];
}

/** Helper stages of Wilder's average gain and loss of close (RSI, CMO) over `window`. */
export function gainLossStages(window: number): HelperStages {
  const { gain, loss } = gainsAndLosses(col("close"));
  return [
    [{ name: "_gain", expr: gain }, { name: "_loss", expr: loss }],
    [
      { name: `_avg_gain_${window}`, expr: seededEwm(pl.col("_gain"), window, 1 / window) },
      { name: `_avg_loss_${window}`, expr: seededEwm(pl.col("_loss"), window, 1 / window) },
    ],
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
  const fastSeed = keepNull(slowSeed, x.rollingMean({ windowSize: fast }));
  return ewmFromSeed(x, fastSeed, 2 / (fast + 1)).sub(slowEma);
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

/** Helper stages of MACD(fast, slow, signal) of close: the raw line, then the signal line. */
export function macdStages(fast: number, slow: number, signal: number): HelperStages {
  const c = macdColumns(fast, slow, signal);
  return [
    [{ name: c.raw, expr: macdRawLine(col("close"), fast, slow) }],
    [{ name: c.signal, expr: macdSignalLine(pl.col(c.raw), signal) }],
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
  const lowest = col("low").rollingMin({ windowSize: fastK });
  const highest = col("high").rollingMax({ windowSize: fastK });
  // TA-Lib divides by (highest - lowest) / 100 rather than multiplying by 100 afterwards.
  const scale = highest.sub(lowest).div(100);
  const raw = keepNull(
    scale,
    pl.when(scale.eq(0)).then(pl.lit(0)).otherwise(col("close").sub(lowest).div(scale)),
  );
  return [
    [{ name: `_stoch_raw_${fastK}`, expr: raw }],
    [{
      name: `_stoch_k_${fastK}_${slowK}`,
      expr: pl.col(`_stoch_raw_${fastK}`).rollingMean({ windowSize: slowK }),
    }],
  ];
}

/** Slow %K and %D from {@link stochasticStages}; both null until %D exists, as in TA-Lib. */
export function stochasticFrom(
  fastK: number,
  slowK: number,
  slowD: number,
): { k: pl.Expr; d: pl.Expr } {
  const k = pl.col(`_stoch_k_${fastK}_${slowK}`);
  const d = k.rollingMean({ windowSize: slowD });
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
    { name: `_bb_mid_${window}`, expr: col("close").rollingMean({ windowSize: window }) },
    { name: `_bb_sd_${window}`, expr: populationStd(col("close"), window) },
  ]];
}

/** Bollinger bands of close from {@link bollingerStages}. */
export function bollingerFrom(
  window: number,
  k: number,
): { mid: pl.Expr; upper: pl.Expr; lower: pl.Expr } {
  return bandsFrom(pl.col(`_bb_mid_${window}`), pl.col(`_bb_sd_${window}`), k);
}

/** Simple return of `x` over `horizon` rows. */
export function simpleReturnExpr(x: pl.Expr, horizon: number): pl.Expr {
  return x.div(x.shift(horizon)).sub(1);
}

/** Log return of `x` over `horizon` rows. */
export function logReturnExpr(x: pl.Expr, horizon: number): pl.Expr {
  return x.div(x.shift(horizon)).log();
}
