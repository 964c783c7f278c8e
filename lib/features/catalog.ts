/**
 * The built-in catalog, declared once in {@link CATALOG}: each field of the features step's
 * selection, with its default and documentation, and the families it computes. The registry of
 * built-in families, the step's window parameters ({@link catalogWindows}) and the mapping from a
 * selection to a feature spec ({@link catalogSpec}) are all derived from it. Windows are in
 * trading days; an empty list (or `obv: false`) leaves that field's families out.
 * @module
 */
import { z } from "zod";
import {
  type FeatureFamily,
  type FeatureParams,
  FeatureRegistry,
  type FeatureRequest,
} from "./registry.ts";
import { logReturn, simpleReturn } from "./families/returns.ts";
import {
  adx,
  ema,
  macdHist,
  macdLine,
  macdSignal,
  minusDi,
  plusDi,
  sma,
  smaCross,
} from "./families/trend.ts";
import { cmo, momentum, roc, rsi, stochD, stochK } from "./families/momentum.ts";
import {
  atr,
  bbLower,
  bbPercentB,
  bbUpper,
  bbWidth,
  garmanKlass,
  parkinson,
  volatility,
} from "./families/volatility.ts";
import { amihud, obv, volumeSpike, vwap } from "./families/volume.ts";
import { returnKurtosis, returnMean, returnSkew, returnStd } from "./families/statistics.ts";
import {
  adxTrend,
  bbBreakDown,
  bbBreakUp,
  rsiOverbought,
  rsiOversold,
} from "./families/signals.ts";

const days = (min: number) => z.array(z.number().int().min(min));
const day = (min: number) => z.number().int().min(min);
const fastSlow = z.object({ fast: day(1), slow: day(2) }).strict();
const windowLevel = z.object({ window: day(2), level: z.number() }).strict();
const bands = z.object({ window: day(2), k: z.number().positive() }).strict();
const macdSpans = z.object({ fast: day(2), slow: day(3), signal: day(1) }).strict();
const stochasticSpans = z.object({ fastK: day(1), slowK: day(1), slowD: day(1) }).strict();

/**
 * One field of the selection: the families it computes and the values it takes. A number value
 * fills the families' parameter `param` (`{ window: 20 }`); an object value is the parameters
 * themselves; a boolean value computes the parameterless families or not. Each value gives one
 * feature per family, value by value.
 */
export interface CatalogEntry {
  /** The families computed for each value, in this order. */
  readonly families: readonly FeatureFamily<FeatureParams>[];
  /** The parameter a number value fills; unset for object and boolean values. */
  readonly param?: string;
  /** The field's schema, with its default. */
  readonly values: z.ZodTypeAny;
}

/**
 * Every field of the selection, in catalog order: the order of the registry, of the step's
 * parameters and of the features a selection gives.
 */
export const CATALOG = {
  /** Horizons of simple returns `ret_{h}`. Defaults to [1, 5, 20]. */
  returnHorizons: {
    families: [simpleReturn],
    param: "horizon",
    values: days(1).default([1, 5, 20]),
  },
  /** Horizons of log returns `logret_{h}`. Defaults to [1, 5, 20]. */
  logReturnHorizons: {
    families: [logReturn],
    param: "horizon",
    values: days(1).default([1, 5, 20]),
  },
  /** Windows of simple moving averages of close `sma_{n}`. Defaults to [20, 50, 200]. */
  smaWindows: { families: [sma], param: "window", values: days(2).default([20, 50, 200]) },
  /** Spans of SMA-seeded EMAs of close `ema_{n}` (alpha 2/(n+1)). Defaults to [12, 26]. */
  emaWindows: { families: [ema], param: "window", values: days(2).default([12, 26]) },
  /** Windows of Wilder's RSI `rsi_{n}`. Defaults to [14]. */
  rsiWindows: { families: [rsi], param: "window", values: days(1).default([14]) },
  /** Windows of the std of daily log returns `vol_{n}` (historical volatility). Defaults to [20]. */
  volatilityWindows: { families: [volatility], param: "window", values: days(2).default([20]) },
  /** SMA crossovers `sma_cross_{fast}_{slow}`. Defaults to 20/50 and 50/200. */
  smaCrosses: {
    families: [smaCross],
    values: z.array(fastSlow).default([{ fast: 20, slow: 50 }, { fast: 50, slow: 200 }]),
  },
  /** Windows of `plus_di_{n}`, `minus_di_{n}` and `adx_{n}`. Defaults to [14]. */
  adxWindows: { families: [plusDi, minusDi, adx], param: "window", values: days(2).default([14]) },
  /** MACD spans: `macd_*`, `macd_signal_*`, `macd_hist_*`. Defaults to 12/26/9. */
  macd: {
    families: [macdLine, macdSignal, macdHist],
    values: z.array(macdSpans).default([{ fast: 12, slow: 26, signal: 9 }]),
  },
  /** Slow stochastics `stoch_k_*`, `stoch_d_*`. Defaults to fastK 14, slowK 3, slowD 3. */
  stochastic: {
    families: [stochK, stochD],
    values: z.array(stochasticSpans).default([{ fastK: 14, slowK: 3, slowD: 3 }]),
  },
  /** Rate-of-change windows `roc_{n}` (percent). Defaults to [10]. */
  rocWindows: { families: [roc], param: "window", values: days(1).default([10]) },
  /** Momentum windows `mom_{n}` (price difference). Defaults to [10]. */
  momentumWindows: { families: [momentum], param: "window", values: days(1).default([10]) },
  /** Chande momentum oscillator windows `cmo_{n}`. Defaults to [14]. */
  cmoWindows: { families: [cmo], param: "window", values: days(1).default([14]) },
  /** Average true range windows `atr_{n}`. Defaults to [14]. */
  atrWindows: { families: [atr], param: "window", values: days(2).default([14]) },
  /** Bollinger bands `bb_upper_*`, `bb_lower_*`, `bb_width_*`, `bb_pctb_*`. Defaults to 20 days, k 2. */
  bollinger: {
    families: [bbUpper, bbLower, bbWidth, bbPercentB],
    values: z.array(bands).default([{ window: 20, k: 2 }]),
  },
  /** Parkinson range volatility windows `parkinson_{n}`. Defaults to [20]. */
  parkinsonWindows: { families: [parkinson], param: "window", values: days(2).default([20]) },
  /** Garman-Klass range volatility windows `gk_{n}`. Defaults to [20]. */
  garmanKlassWindows: { families: [garmanKlass], param: "window", values: days(2).default([20]) },
  /** Whether to compute on-balance volume `obv`. Defaults to true. */
  obv: { families: [obv], values: z.boolean().default(true) },
  /** Rolling VWAP approximation windows `vwap_{n}`. Defaults to [20]. */
  vwapWindows: { families: [vwap], param: "window", values: days(1).default([20]) },
  /** Volume spike ratio windows `volume_spike_{n}`. Defaults to [20]. */
  volumeSpikeWindows: { families: [volumeSpike], param: "window", values: days(1).default([20]) },
  /** Amihud illiquidity windows `amihud_{n}`. Defaults to [20]. */
  amihudWindows: { families: [amihud], param: "window", values: days(1).default([20]) },
  /** Windows of the rolling mean, std, skewness and kurtosis of daily returns. Defaults to [20]. */
  momentWindows: {
    families: [returnMean, returnStd, returnSkew, returnKurtosis],
    param: "window",
    values: days(4).default([20]),
  },
  /** RSI overbought signals `rsi_overbought_{n}_{level}`. Defaults to RSI 14 above 70. */
  rsiOverbought: {
    families: [rsiOverbought],
    values: z.array(windowLevel).default([{ window: 14, level: 70 }]),
  },
  /** RSI oversold signals `rsi_oversold_{n}_{level}`. Defaults to RSI 14 below 30. */
  rsiOversold: {
    families: [rsiOversold],
    values: z.array(windowLevel).default([{ window: 14, level: 30 }]),
  },
  /** Bollinger breakouts `bb_break_up_*`, `bb_break_down_*`. Defaults to 20 days, k 2. */
  bollingerBreakouts: {
    families: [bbBreakUp, bbBreakDown],
    values: z.array(bands).default([{ window: 20, k: 2 }]),
  },
  /** Trend-strength signals `adx_trend_{n}_{level}`. Defaults to ADX 14 above 25. */
  trendStrength: {
    families: [adxTrend],
    values: z.array(windowLevel).default([{ window: 14, level: 25 }]),
  },
} as const satisfies Readonly<Record<string, CatalogEntry>>;

type Catalog = typeof CATALOG;

const fields: Readonly<Record<string, CatalogEntry>> = CATALOG;

/**
 * The values of each field of the catalog, with their defaults; the features step's parameters
 * extend it (the fields' order is the catalog's).
 */
export const catalogWindows = z.object(
  Object.fromEntries(Object.entries(fields).map(([field, entry]) => [field, entry.values])) as {
    [F in keyof Catalog]: Catalog[F]["values"];
  },
).strict();

type CatalogWindowsInput = z.input<typeof catalogWindows>;

/**
 * A selection as {@link catalogSpec} reads it: any field of {@link catalogWindows} (a missing
 * list leaves the family out; the step's parsed parameters are one).
 */
export type CatalogWindows = {
  readonly [K in keyof CatalogWindowsInput]?: Readonly<CatalogWindowsInput[K]>;
};

/** Returns a registry holding every built-in family, in catalog order. */
export function builtinRegistry(): FeatureRegistry {
  const registry = new FeatureRegistry();
  for (const entry of Object.values(fields)) {
    for (const family of entry.families) registry.register(family);
  }
  return registry;
}

/** The registry `buildFeatures` uses unless given another. */
export const defaultRegistry: FeatureRegistry = builtinRegistry();

/** The parameters one value of a field gives: a number fills `param`, an object is copied. */
function valueParams(entry: CatalogEntry, value: number | object): FeatureParams {
  return typeof value === "number" ? { [entry.param!]: value } : { ...value } as FeatureParams;
}

/**
 * Turns the step's selection into a feature spec, field by field in catalog order.
 *
 * @example
 * ```ts
 * import { catalogSpec } from "@lib/features/catalog.ts";
 * const spec = catalogSpec({ smaWindows: [20], rsiWindows: [14] });
 * if (spec.length !== 2 || spec[1].kind !== "rsi") throw new Error("spec");
 * ```
 */
export function catalogSpec(windows: CatalogWindows): FeatureRequest[] {
  const selection: Readonly<Record<string, unknown>> = windows;
  return Object.entries(fields).flatMap(([field, entry]) => {
    const chosen = selection[field] as readonly (number | object)[] | boolean | undefined;
    const values = chosen === true ? [{}] : chosen === false || chosen === undefined ? [] : chosen;
    return values.flatMap((value) =>
      entry.families.map((family): FeatureRequest => ({
        kind: family.kind,
        params: valueParams(entry, value),
      }))
    );
  });
}
