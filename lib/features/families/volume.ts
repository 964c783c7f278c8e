/**
 * Volume and liquidity features: OBV, a rolling VWAP, the volume spike ratio and Amihud's
 * illiquidity.
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureFamily } from "../registry.ts";
import { col, simpleReturnExpr } from "../indicators.ts";
import { noParams, windowParams } from "./params.ts";

type Window = { window: number };
const nothing = () => pl.lit(null).cast(pl.Float64);

/**
 * On-balance volume (TA-Lib OBV): starts at the first day's volume, then adds the day's volume
 * when close rises, subtracts it when close falls. Cumulative from the first row of the panel,
 * so its level depends on where the data starts; its changes do not.
 */
export const obv: FeatureFamily<Record<string, never>> = {
  kind: "obv",
  description: "on-balance volume, cumulative signed volume from the first day (shares)",
  group: "volume",
  inputs: ["close", "volume"],
  params: noParams,
  name: () => "obv",
  expr: () => {
    const change = col("close").diff(1, "ignore");
    return pl.when(change.isNull()).then(col("volume"))
      .when(change.gt(0)).then(col("volume"))
      .when(change.lt(0)).then(col("volume").mul(-1))
      .otherwise(pl.lit(0)).cumSum();
  },
  warmup: () => 0,
};

/**
 * A VWAP approximation from daily bars: volume-weighted mean of the typical price
 * `(high + low + close) / 3` over `window` days; null when the window traded no volume.
 */
export const vwap: FeatureFamily<Window> = {
  kind: "vwap",
  description: "rolling VWAP approximation, sum(typical price x volume) / sum(volume) (price)",
  group: "volume",
  inputs: ["high", "low", "close", "volume"],
  params: windowParams(1),
  name: ({ window }) => `vwap_${window}`,
  expr: ({ window }) => {
    const typical = col("high").add(col("low")).add(col("close")).div(3);
    const volume = col("volume").rollingSum({ windowSize: window });
    return pl.when(volume.eq(0)).then(nothing())
      .otherwise(typical.mul(col("volume")).rollingSum({ windowSize: window }).div(volume));
  },
  warmup: ({ window }) => window - 1,
};

/**
 * Volume spike ratio: today's volume over the mean volume of the `window` previous days (today
 * excluded); null when those days traded nothing.
 */
export const volumeSpike: FeatureFamily<Window> = {
  kind: "volume_spike",
  description: "volume over the mean volume of the previous `window` days (ratio)",
  group: "volume",
  inputs: ["volume"],
  params: windowParams(1),
  name: ({ window }) => `volume_spike_${window}`,
  expr: ({ window }) => {
    const before = col("volume").shift(1).rollingMean({ windowSize: window });
    return pl.when(before.eq(0)).then(nothing()).otherwise(col("volume").div(before));
  },
  warmup: ({ window }) => window,
};

/**
 * Amihud illiquidity: mean over `window` days of `|daily simple return| / (close x volume)`,
 * times 1e6 (return per million of traded value); a day without volume makes its windows null.
 */
export const amihud: FeatureFamily<Window> = {
  kind: "amihud",
  description: "Amihud illiquidity, mean |return| per million of dollar volume over `window` days",
  group: "volume",
  inputs: ["close", "volume"],
  params: windowParams(1),
  name: ({ window }) => `amihud_${window}`,
  expr: ({ window }) => {
    const dollars = col("close").mul(col("volume"));
    const daily = pl.when(dollars.eq(0)).then(nothing())
      .otherwise(simpleReturnExpr(col("close"), 1).abs().div(dollars).mul(1e6));
    return daily.rollingMean({ windowSize: window });
  },
  warmup: ({ window }) => window,
};
