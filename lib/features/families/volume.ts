/**
 * Volume and liquidity features: OBV, a rolling VWAP, the volume spike ratio and Amihud's
 * illiquidity.
 * @internal
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureFamily, Helper } from "../registry.ts";
import { col, simpleReturnExpr } from "../indicators.ts";
import { noParams, windowParams } from "./params.ts";

type Window = { window: number };
const nothing = () => pl.lit(null).cast(pl.Float64);

/** A per-symbol helper: rolling sums accumulate rounding along the rows they slide over. */
const rolling = (name: string, expr: pl.Expr, warmup: number): Helper => ({
  name,
  expr,
  warmup,
  perSymbol: true,
});

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
  stages: () => {
    const change = col("close").diff(1, "ignore");
    const signed = pl.when(change.isNull()).then(col("volume"))
      .when(change.gt(0)).then(col("volume"))
      .when(change.lt(0)).then(col("volume").mul(-1))
      .otherwise(pl.lit(0));
    // A running total from the symbol's first row: evaluated per symbol.
    return [[{ name: "_obv", expr: signed.cumSum(), warmup: 0, perSymbol: true }]];
  },
  expr: () => col("_obv"),
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
  stages: ({ window }) => {
    const typical = col("high").add(col("low")).add(col("close")).div(3);
    const sum = (c: string) => pl.col(c).rollingSum({ windowSize: window });
    return [
      [{ name: "_typical_volume", expr: typical.mul(col("volume")), warmup: 0 }],
      [
        rolling(`_volume_sum_${window}`, sum("volume"), window - 1),
        rolling(`_typical_volume_sum_${window}`, sum("_typical_volume"), window - 1),
      ],
    ];
  },
  expr: ({ window }) => {
    const volume = col(`_volume_sum_${window}`);
    return pl.when(volume.eq(0)).then(nothing())
      .otherwise(col(`_typical_volume_sum_${window}`).div(volume));
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
  stages: ({ window }) => [[
    rolling(
      `_volume_mean_${window}`,
      col("volume").rollingMean({ windowSize: window }),
      window - 1,
    ),
  ]],
  expr: ({ window }) => {
    const before = col(`_volume_mean_${window}`).shift(1);
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
  stages: ({ window }) => {
    const dollars = col("close").mul(col("volume"));
    const daily = pl.when(dollars.eq(0)).then(nothing())
      .otherwise(simpleReturnExpr(col("close"), 1).abs().div(dollars).mul(1e6));
    return [
      [{ name: "_amihud_daily", expr: daily, warmup: 1 }],
      [rolling(
        `_amihud_${window}`,
        pl.col("_amihud_daily").rollingMean({ windowSize: window }),
        window,
      )],
    ];
  },
  expr: ({ window }) => col(`_amihud_${window}`),
  warmup: ({ window }) => window,
};
