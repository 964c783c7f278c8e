/**
 * Volatility features: ATR, historical volatility, Bollinger bands, and range-based (Parkinson,
 * Garman-Klass) volatility.
 * @internal
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureFamily, Helper } from "../registry.ts";
import {
  atrColumn,
  atrStages,
  bollingerFrom,
  bollingerStages,
  col,
  logReturnExpr,
} from "../indicators.ts";
import { bollingerParams, windowParams } from "./params.ts";

type Window = { window: number };
type Bollinger = { window: number; k: number };

/** A per-symbol helper: rolling sums accumulate rounding along the rows they slide over. */
const rolling = (name: string, expr: pl.Expr, warmup: number): Helper => ({
  name,
  expr,
  warmup,
  perSymbol: true,
});
const mean = (column: string, window: number) => pl.col(column).rollingMean({ windowSize: window });

/** `ln(high / low)^2`, read by the Parkinson and Garman-Klass estimators. */
const logRangeSquared: Helper = {
  name: "_log_hl_sq",
  expr: col("high").div(col("low")).log().pow(2),
  warmup: 0,
};

/** Average true range over `window` (TA-Lib ATR), price units. */
export const atr: FeatureFamily<Window> = {
  kind: "atr",
  description: "average true range, Wilder-smoothed over `window` days (price)",
  group: "volatility",
  inputs: ["high", "low", "close"],
  params: windowParams(),
  name: ({ window }) => `atr_${window}`,
  stages: ({ window }) => atrStages(window),
  expr: ({ window }) => col(atrColumn(window)),
  warmup: ({ window }) => window,
};

/** Rolling standard deviation (ddof 1) of 1-day log returns over `window` rows, not annualised. */
export const volatility: FeatureFamily<Window> = {
  kind: "vol",
  description: "standard deviation of daily log returns over `window` days (daily, not annualised)",
  group: "volatility",
  inputs: ["close"],
  params: windowParams(),
  name: ({ window }) => `vol_${window}`,
  stages: ({ window }) => [
    [{ name: "_logret_1", expr: logReturnExpr(col("close"), 1), warmup: 1 }],
    [rolling(`_vol_${window}`, pl.col("_logret_1").rollingStd({ windowSize: window }), window)],
  ],
  expr: ({ window }) => col(`_vol_${window}`),
  warmup: ({ window }) => window,
};

const bbName = (prefix: string) => ({ window, k }: Bollinger) => `${prefix}_${window}_${k}`;
const bbWarmup = ({ window }: Bollinger) => window - 1;
const bands = ({ window, k }: Bollinger) => bollingerFrom(window, k);
const bbStages = ({ window }: Bollinger) => bollingerStages(window);

/** Upper Bollinger band: SMA + k population standard deviations of close (TA-Lib BBANDS). */
export const bbUpper: FeatureFamily<Bollinger> = {
  kind: "bb_upper",
  description: "upper Bollinger band, SMA(window) + k population std of close (price)",
  group: "volatility",
  inputs: ["close"],
  params: bollingerParams,
  stages: bbStages,
  name: bbName("bb_upper"),
  expr: (p) => bands(p).upper,
  warmup: bbWarmup,
};

/** Lower Bollinger band: SMA - k population standard deviations of close (TA-Lib BBANDS). */
export const bbLower: FeatureFamily<Bollinger> = {
  kind: "bb_lower",
  description: "lower Bollinger band, SMA(window) - k population std of close (price)",
  group: "volatility",
  inputs: ["close"],
  params: bollingerParams,
  stages: bbStages,
  name: bbName("bb_lower"),
  expr: (p) => bands(p).lower,
  warmup: bbWarmup,
};

/** Bollinger band width: `(upper - lower) / middle` (fraction of price). */
export const bbWidth: FeatureFamily<Bollinger> = {
  kind: "bb_width",
  description: "Bollinger band width, (upper - lower) / middle (fraction)",
  group: "volatility",
  inputs: ["close"],
  params: bollingerParams,
  stages: bbStages,
  name: bbName("bb_width"),
  expr: (p) => {
    const b = bands(p);
    return b.upper.sub(b.lower).div(b.mid);
  },
  warmup: bbWarmup,
};

/** Bollinger %B: `(close - lower) / (upper - lower)`; null when the bands touch (flat window). */
export const bbPercentB: FeatureFamily<Bollinger> = {
  kind: "bb_pctb",
  description:
    "Bollinger %B, (close - lower) / (upper - lower); 0 at the lower band, 1 at the upper",
  group: "volatility",
  inputs: ["close"],
  params: bollingerParams,
  stages: bbStages,
  name: bbName("bb_pctb"),
  expr: (p) => {
    const b = bands(p);
    const width = b.upper.sub(b.lower);
    return pl.when(width.eq(0)).then(pl.lit(null).cast(pl.Float64))
      .otherwise(col("close").sub(b.lower).div(width));
  },
  warmup: bbWarmup,
};

/**
 * Parkinson volatility: `sqrt(mean(ln(high / low)^2) / (4 ln 2))` over `window` days (daily, not
 * annualised).
 */
export const parkinson: FeatureFamily<Window> = {
  kind: "parkinson",
  description: "Parkinson high-low volatility over `window` days (daily, not annualised)",
  group: "volatility",
  inputs: ["high", "low"],
  params: windowParams(),
  name: ({ window }) => `parkinson_${window}`,
  stages: ({ window }) => [
    [logRangeSquared],
    [rolling(`_log_hl_sq_mean_${window}`, mean("_log_hl_sq", window), window - 1)],
  ],
  expr: ({ window }) => col(`_log_hl_sq_mean_${window}`).div(4 * Math.LN2).pow(0.5),
  warmup: ({ window }) => window - 1,
};

/**
 * Garman-Klass volatility: `sqrt(mean(0.5 ln(high / low)^2 - (2 ln 2 - 1) ln(close / open)^2))`
 * over `window` days (daily, not annualised).
 */
export const garmanKlass: FeatureFamily<Window> = {
  kind: "gk",
  description: "Garman-Klass open-high-low-close volatility over `window` days (daily)",
  group: "volatility",
  inputs: ["open", "high", "low", "close"],
  params: windowParams(),
  name: ({ window }) => `gk_${window}`,
  stages: ({ window }) => [
    [logRangeSquared],
    [{
      name: "_gk_term",
      expr: col("_log_hl_sq").mul(0.5)
        .sub(col("close").div(col("open")).log().pow(2).mul(2 * Math.LN2 - 1)),
      warmup: 0,
    }],
    [rolling(`_gk_term_mean_${window}`, mean("_gk_term", window), window - 1)],
  ],
  expr: ({ window }) => col(`_gk_term_mean_${window}`).pow(0.5),
  warmup: ({ window }) => window - 1,
};
