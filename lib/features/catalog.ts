/**
 * The built-in feature families, computed from `close`. Each is a pure function of its
 * parameters returning an expression over one symbol's rows in date order.
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import { type FeatureFamily, FeatureRegistry, type FeatureRequest } from "./registry.ts";
import { seededEwm } from "./smoothing.ts";

const close = () => pl.col("close");
const horizonParams = z.object({ horizon: z.number().int().min(1) }).strict();
const windowParams = z.object({ window: z.number().int().min(2) }).strict();
const rsiParams = z.object({ window: z.number().int().min(1) }).strict();

/** Simple return over `horizon` rows: `close_t / close_{t-h} - 1`. */
export const simpleReturn: FeatureFamily<{ horizon: number }> = {
  kind: "ret",
  description: "simple return of close over the last `horizon` trading days (fraction)",
  params: horizonParams,
  name: ({ horizon }) => `ret_${horizon}`,
  expr: ({ horizon }) => close().div(close().shift(horizon)).sub(1),
  warmup: ({ horizon }) => horizon,
};

/** Log return over `horizon` rows: `ln(close_t / close_{t-h})`. */
export const logReturn: FeatureFamily<{ horizon: number }> = {
  kind: "logret",
  description: "log return of close over the last `horizon` trading days",
  params: horizonParams,
  name: ({ horizon }) => `logret_${horizon}`,
  expr: ({ horizon }) => close().div(close().shift(horizon)).log(),
  warmup: ({ horizon }) => horizon,
};

/** Simple moving average of close over `window` rows. */
export const sma: FeatureFamily<{ window: number }> = {
  kind: "sma",
  description: "simple moving average of close over `window` trading days (price)",
  params: windowParams,
  name: ({ window }) => `sma_${window}`,
  expr: ({ window }) => close().rollingMean({ windowSize: window }),
  warmup: ({ window }) => window - 1,
};

/** Exponential moving average of close, alpha = 2 / (window + 1), seeded with the SMA (TA-Lib). */
export const ema: FeatureFamily<{ window: number }> = {
  kind: "ema",
  description: "exponential moving average of close, alpha 2/(window+1), seeded by the SMA (price)",
  params: windowParams,
  name: ({ window }) => `ema_${window}`,
  expr: ({ window }) => seededEwm(close(), window, 2 / (window + 1)),
  warmup: ({ window }) => window - 1,
};

/**
 * Relative strength index with Wilder smoothing (alpha = 1 / window, seeded with the mean of
 * the first `window` gains and losses), in 0..100. As in TA-Lib, a flat window scores 0.
 */
export const rsi: FeatureFamily<{ window: number }> = {
  kind: "rsi",
  description: "relative strength index of close with Wilder smoothing (0..100)",
  params: rsiParams,
  name: ({ window }) => `rsi_${window}`,
  expr: ({ window }) => {
    const change = close().diff(1, "ignore");
    // The first row has no change: it stays null so the seed averages changes 1..window.
    const nothing = pl.lit(null).cast(pl.Float64);
    const gain = pl.when(change.isNull()).then(nothing)
      .when(change.gt(0)).then(change).otherwise(pl.lit(0));
    const loss = pl.when(change.isNull()).then(nothing)
      .when(change.lt(0)).then(change.mul(-1)).otherwise(pl.lit(0));
    const avgGain = seededEwm(gain, window, 1 / window);
    const avgLoss = seededEwm(loss, window, 1 / window);
    const total = avgGain.add(avgLoss);
    return pl.when(total.eq(0)).then(pl.lit(0)).otherwise(avgGain.div(total).mul(100));
  },
  warmup: ({ window }) => window,
};

/** Rolling standard deviation (ddof 1) of 1-day log returns over `window` rows, not annualised. */
export const volatility: FeatureFamily<{ window: number }> = {
  kind: "vol",
  description: "standard deviation of daily log returns over `window` days (daily, not annualised)",
  params: windowParams,
  name: ({ window }) => `vol_${window}`,
  expr: ({ window }) =>
    close().div(close().shift(1)).log().rollingStd({ windowSize: window, ddof: 1 }),
  warmup: ({ window }) => window,
};

/** Returns a registry holding every built-in family. */
export function builtinRegistry(): FeatureRegistry {
  return new FeatureRegistry()
    .register(simpleReturn)
    .register(logReturn)
    .register(sma)
    .register(ema)
    .register(rsi)
    .register(volatility);
}

/** The registry `buildFeatures` uses unless given another. */
export const defaultRegistry: FeatureRegistry = builtinRegistry();

/** Windows of each built-in family, as the features step's parameters give them. */
export interface CatalogWindows {
  /** Horizons of simple returns, in days. */
  readonly returnHorizons?: readonly number[];
  /** Horizons of log returns, in days. */
  readonly logReturnHorizons?: readonly number[];
  /** SMA windows, in days. */
  readonly smaWindows?: readonly number[];
  /** EMA windows (spans), in days. */
  readonly emaWindows?: readonly number[];
  /** RSI windows, in days. */
  readonly rsiWindows?: readonly number[];
  /** Volatility windows, in days. */
  readonly volatilityWindows?: readonly number[];
}

/**
 * Turns per-family windows into a feature spec, family by family in catalog order.
 *
 * @example
 * ```ts
 * import { catalogSpec } from "@lib/features/catalog.ts";
 * const spec = catalogSpec({ smaWindows: [20], rsiWindows: [14] });
 * if (spec.length !== 2 || spec[1].kind !== "rsi") throw new Error("spec");
 * ```
 */
export function catalogSpec(windows: CatalogWindows): FeatureRequest[] {
  const each = (kind: string, key: "horizon" | "window", values?: readonly number[]) =>
    (values ?? []).map((v): FeatureRequest => ({ kind, params: { [key]: v } }));
  return [
    ...each("ret", "horizon", windows.returnHorizons),
    ...each("logret", "horizon", windows.logReturnHorizons),
    ...each("sma", "window", windows.smaWindows),
    ...each("ema", "window", windows.emaWindows),
    ...each("rsi", "window", windows.rsiWindows),
    ...each("vol", "window", windows.volatilityWindows),
  ];
}
