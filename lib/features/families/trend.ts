/**
 * Trend features: moving averages, their crossovers, ADX with +DI/-DI, and MACD.
 * @internal
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureFamily } from "../registry.ts";
import {
  adxExpr,
  col,
  directionalColumns,
  directionalStages,
  emaColumn,
  emaStages,
  macdColumns,
  macdFrom,
  macdStages,
  smaColumn,
  smaStages,
} from "../indicators.ts";
import { fastSlowParams, macdParams, windowParams } from "./params.ts";

type Window = { window: number };
type FastSlow = { fast: number; slow: number };
type Macd = { fast: number; slow: number; signal: number };

/** Simple moving average of close over `window` rows (TA-Lib SMA). */
export const sma: FeatureFamily<Window> = {
  kind: "sma",
  description: "simple moving average of close over `window` trading days (price)",
  group: "trend",
  inputs: ["close"],
  params: windowParams(),
  name: ({ window }) => `sma_${window}`,
  stages: ({ window }) => smaStages(window),
  expr: ({ window }) => col(smaColumn(window)),
  warmup: ({ window }) => window - 1,
};

/** Exponential moving average of close, alpha = 2 / (window + 1), seeded with the SMA (TA-Lib). */
export const ema: FeatureFamily<Window> = {
  kind: "ema",
  description: "exponential moving average of close, alpha 2/(window+1), seeded by the SMA (price)",
  group: "trend",
  inputs: ["close"],
  params: windowParams(),
  name: ({ window }) => `ema_${window}`,
  stages: ({ window }) => emaStages(window),
  expr: ({ window }) => col(emaColumn(window)),
  warmup: ({ window }) => window - 1,
};

/**
 * Crossover of two SMAs of close: +1 on the day SMA(fast) closes above SMA(slow) having been at or
 * below it the day before, -1 on a cross below, 0 otherwise. Known at the close of the day.
 */
export const smaCross: FeatureFamily<FastSlow> = {
  kind: "sma_cross",
  description: "+1 / -1 on the day SMA(fast) crosses above / below SMA(slow), else 0",
  group: "trend",
  inputs: ["close"],
  params: fastSlowParams,
  name: ({ fast, slow }) => `sma_cross_${fast}_${slow}`,
  stages: ({ fast, slow }) => [[...smaStages(fast)[0], ...smaStages(slow)[0]]],
  expr: ({ fast, slow }) => {
    const gap = col(smaColumn(fast)).sub(col(smaColumn(slow)));
    const before = gap.shift(1);
    return pl.when(before.isNull()).then(pl.lit(null).cast(pl.Float64))
      .when(before.ltEq(0).and(gap.gt(0))).then(pl.lit(1))
      .when(before.gtEq(0).and(gap.lt(0))).then(pl.lit(-1))
      .otherwise(pl.lit(0));
  },
  warmup: ({ slow }) => slow,
};

/** Wilder's +DI over `window` (TA-Lib PLUS_DI), 0..100. */
export const plusDi: FeatureFamily<Window> = {
  kind: "plus_di",
  description: "Wilder's plus directional indicator over `window` days (0..100)",
  group: "trend",
  inputs: ["high", "low", "close"],
  params: windowParams(),
  name: ({ window }) => `plus_di_${window}`,
  stages: ({ window }) => directionalStages(window),
  expr: ({ window }) => pl.col(directionalColumns(window).plusDi),
  warmup: ({ window }) => window,
};

/** Wilder's -DI over `window` (TA-Lib MINUS_DI), 0..100. */
export const minusDi: FeatureFamily<Window> = {
  kind: "minus_di",
  description: "Wilder's minus directional indicator over `window` days (0..100)",
  group: "trend",
  inputs: ["high", "low", "close"],
  params: windowParams(),
  name: ({ window }) => `minus_di_${window}`,
  stages: ({ window }) => directionalStages(window),
  expr: ({ window }) => pl.col(directionalColumns(window).minusDi),
  warmup: ({ window }) => window,
};

/** Wilder's average directional index over `window` (TA-Lib ADX), 0..100. */
export const adx: FeatureFamily<Window> = {
  kind: "adx",
  description: "average directional index over `window` days (0..100, trend strength)",
  group: "trend",
  inputs: ["high", "low", "close"],
  params: windowParams(),
  name: ({ window }) => `adx_${window}`,
  stages: ({ window }) => directionalStages(window),
  expr: ({ window }) => adxExpr(window),
  warmup: ({ window }) => 2 * window - 1,
};

const macdStaged = ({ fast, slow, signal }: Macd) => macdStages(fast, slow, signal);
const macdOf = ({ fast, slow, signal }: Macd) => {
  const c = macdColumns(fast, slow, signal);
  return macdFrom(pl.col(c.raw), pl.col(c.signal));
};
const macdWarmup = ({ slow, signal }: Macd) => slow + signal - 2;
const macdName = (prefix: string) => ({ fast, slow, signal }: Macd) =>
  `${prefix}_${fast}_${slow}_${signal}`;

/** MACD line of close: EMA(fast) - EMA(slow), TA-Lib seeding (price units). */
export const macdLine: FeatureFamily<Macd> = {
  kind: "macd",
  description: "MACD line of close, EMA(fast) - EMA(slow), TA-Lib seeding (price)",
  group: "trend",
  inputs: ["close"],
  params: macdParams,
  name: macdName("macd"),
  stages: macdStaged,
  expr: (p) => macdOf(p).line,
  warmup: macdWarmup,
};

/** MACD signal line: EMA(signal) of the MACD line (price units). */
export const macdSignal: FeatureFamily<Macd> = {
  kind: "macd_signal",
  description: "MACD signal line, EMA(signal) of the MACD line (price)",
  group: "trend",
  inputs: ["close"],
  params: macdParams,
  name: macdName("macd_signal"),
  stages: macdStaged,
  expr: (p) => macdOf(p).signal,
  warmup: macdWarmup,
};

/** MACD histogram: line minus signal (price units). */
export const macdHist: FeatureFamily<Macd> = {
  kind: "macd_hist",
  description: "MACD histogram, MACD line minus signal line (price)",
  group: "trend",
  inputs: ["close"],
  params: macdParams,
  name: macdName("macd_hist"),
  stages: macdStaged,
  expr: (p) => macdOf(p).hist,
  warmup: macdWarmup,
};
