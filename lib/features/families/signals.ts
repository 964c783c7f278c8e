/**
 * Binary signals (1 or 0, null during warm-up) built on the indicators: RSI overbought and
 * oversold, Bollinger breakouts and ADX trend strength. Each is known at the day's close.
 * @internal
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureFamily } from "../registry.ts";
import {
  adxExpr,
  bollingerFrom,
  bollingerStages,
  col,
  directionalStages,
  gainLossStages,
  rsiFromStages,
} from "../indicators.ts";
import { bollingerParams, levelParams } from "./params.ts";

type Level = { window: number; level: number };
type Bollinger = { window: number; k: number };

/** 1 where `condition` holds, 0 where it does not, null where it is null. */
const flag = (condition: pl.Expr) => condition.cast(pl.Float64);

/** 1 when RSI(window) is above `level` (overbought), else 0. */
export const rsiOverbought: FeatureFamily<Level> = {
  kind: "rsi_overbought",
  description: "1 when RSI(window) > level (overbought), else 0",
  group: "signal",
  inputs: ["close"],
  params: levelParams,
  name: ({ window, level }) => `rsi_overbought_${window}_${level}`,
  stages: ({ window }) => gainLossStages(window),
  expr: ({ window, level }) => flag(rsiFromStages(window).gt(level)),
  warmup: ({ window }) => window,
};

/** 1 when RSI(window) is below `level` (oversold), else 0. */
export const rsiOversold: FeatureFamily<Level> = {
  kind: "rsi_oversold",
  description: "1 when RSI(window) < level (oversold), else 0",
  group: "signal",
  inputs: ["close"],
  params: levelParams,
  name: ({ window, level }) => `rsi_oversold_${window}_${level}`,
  stages: ({ window }) => gainLossStages(window),
  expr: ({ window, level }) => flag(rsiFromStages(window).lt(level)),
  warmup: ({ window }) => window,
};

/** 1 when close is above the upper Bollinger band (breakout up), else 0. */
export const bbBreakUp: FeatureFamily<Bollinger> = {
  kind: "bb_break_up",
  description: "1 when close > upper Bollinger band(window, k), else 0",
  group: "signal",
  inputs: ["close"],
  params: bollingerParams,
  name: ({ window, k }) => `bb_break_up_${window}_${k}`,
  stages: ({ window }) => bollingerStages(window),
  expr: ({ window, k }) => flag(col("close").gt(bollingerFrom(window, k).upper)),
  warmup: ({ window }) => window - 1,
};

/** 1 when close is below the lower Bollinger band (breakout down), else 0. */
export const bbBreakDown: FeatureFamily<Bollinger> = {
  kind: "bb_break_down",
  description: "1 when close < lower Bollinger band(window, k), else 0",
  group: "signal",
  inputs: ["close"],
  params: bollingerParams,
  name: ({ window, k }) => `bb_break_down_${window}_${k}`,
  stages: ({ window }) => bollingerStages(window),
  expr: ({ window, k }) => flag(col("close").lt(bollingerFrom(window, k).lower)),
  warmup: ({ window }) => window - 1,
};

/** 1 when ADX(window) is above `level` (a trending market), else 0. */
export const adxTrend: FeatureFamily<Level> = {
  kind: "adx_trend",
  description: "1 when ADX(window) > level (trend strength), else 0",
  group: "signal",
  inputs: ["high", "low", "close"],
  params: levelParams,
  name: ({ window, level }) => `adx_trend_${window}_${level}`,
  stages: ({ window }) => directionalStages(window),
  expr: ({ window, level }) => flag(adxExpr(window).gt(level)),
  warmup: ({ window }) => 2 * window - 1,
};
