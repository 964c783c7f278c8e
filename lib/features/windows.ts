/**
 * The features step's selection: which families of the catalog to compute and with which windows,
 * as a zod schema with every default. An empty list (or `obv: false`) leaves that family out.
 * Windows are in trading days.
 * @module
 */
import { z } from "zod";

const days = (min: number) => z.array(z.number().int().min(min));
const day = (min: number) => z.number().int().min(min);
const fastSlow = z.object({ fast: day(1), slow: day(2) }).strict();
const windowLevel = z.object({ window: day(2), level: z.number() }).strict();
const bands = z.object({ window: day(2), k: z.number().positive() }).strict();

/**
 * The windows of each family of the catalog, with their defaults; the features step's parameters
 * extend it (the fields' order is the catalog's).
 */
export const catalogWindows = z.object({
  /** Horizons of simple returns `ret_{h}`. Defaults to [1, 5, 20]. */
  returnHorizons: days(1).default([1, 5, 20]),
  /** Horizons of log returns `logret_{h}`. Defaults to [1, 5, 20]. */
  logReturnHorizons: days(1).default([1, 5, 20]),
  /** Windows of simple moving averages of close `sma_{n}`. Defaults to [20, 50, 200]. */
  smaWindows: days(2).default([20, 50, 200]),
  /** Spans of SMA-seeded EMAs of close `ema_{n}` (alpha 2/(n+1)). Defaults to [12, 26]. */
  emaWindows: days(2).default([12, 26]),
  /** Windows of Wilder's RSI `rsi_{n}`. Defaults to [14]. */
  rsiWindows: days(1).default([14]),
  /** Windows of the std of daily log returns `vol_{n}` (historical volatility). Defaults to [20]. */
  volatilityWindows: days(2).default([20]),
  /** SMA crossovers `sma_cross_{fast}_{slow}`. Defaults to 20/50 and 50/200. */
  smaCrosses: z.array(fastSlow).default([{ fast: 20, slow: 50 }, { fast: 50, slow: 200 }]),
  /** Windows of `plus_di_{n}`, `minus_di_{n}` and `adx_{n}`. Defaults to [14]. */
  adxWindows: days(2).default([14]),
  /** MACD spans: `macd_*`, `macd_signal_*`, `macd_hist_*`. Defaults to 12/26/9. */
  macd: z.array(z.object({ fast: day(2), slow: day(3), signal: day(1) }).strict())
    .default([{ fast: 12, slow: 26, signal: 9 }]),
  /** Slow stochastics `stoch_k_*`, `stoch_d_*`. Defaults to fastK 14, slowK 3, slowD 3. */
  stochastic: z.array(z.object({ fastK: day(1), slowK: day(1), slowD: day(1) }).strict())
    .default([{ fastK: 14, slowK: 3, slowD: 3 }]),
  /** Rate-of-change windows `roc_{n}` (percent). Defaults to [10]. */
  rocWindows: days(1).default([10]),
  /** Momentum windows `mom_{n}` (price difference). Defaults to [10]. */
  momentumWindows: days(1).default([10]),
  /** Chande momentum oscillator windows `cmo_{n}`. Defaults to [14]. */
  cmoWindows: days(1).default([14]),
  /** Average true range windows `atr_{n}`. Defaults to [14]. */
  atrWindows: days(2).default([14]),
  /** Bollinger bands `bb_upper_*`, `bb_lower_*`, `bb_width_*`, `bb_pctb_*`. Defaults to 20 days, k 2. */
  bollinger: z.array(bands).default([{ window: 20, k: 2 }]),
  /** Parkinson range volatility windows `parkinson_{n}`. Defaults to [20]. */
  parkinsonWindows: days(2).default([20]),
  /** Garman-Klass range volatility windows `gk_{n}`. Defaults to [20]. */
  garmanKlassWindows: days(2).default([20]),
  /** Whether to compute on-balance volume `obv`. Defaults to true. */
  obv: z.boolean().default(true),
  /** Rolling VWAP approximation windows `vwap_{n}`. Defaults to [20]. */
  vwapWindows: days(1).default([20]),
  /** Volume spike ratio windows `volume_spike_{n}`. Defaults to [20]. */
  volumeSpikeWindows: days(1).default([20]),
  /** Amihud illiquidity windows `amihud_{n}`. Defaults to [20]. */
  amihudWindows: days(1).default([20]),
  /** Windows of the rolling mean, std, skewness and kurtosis of daily returns. Defaults to [20]. */
  momentWindows: days(4).default([20]),
  /** RSI overbought signals `rsi_overbought_{n}_{level}`. Defaults to RSI 14 above 70. */
  rsiOverbought: z.array(windowLevel).default([{ window: 14, level: 70 }]),
  /** RSI oversold signals `rsi_oversold_{n}_{level}`. Defaults to RSI 14 below 30. */
  rsiOversold: z.array(windowLevel).default([{ window: 14, level: 30 }]),
  /** Bollinger breakouts `bb_break_up_*`, `bb_break_down_*`. Defaults to 20 days, k 2. */
  bollingerBreakouts: z.array(bands).default([{ window: 20, k: 2 }]),
  /** Trend-strength signals `adx_trend_{n}_{level}`. Defaults to ADX 14 above 25. */
  trendStrength: z.array(windowLevel).default([{ window: 14, level: 25 }]),
}).strict();

type CatalogWindowsInput = z.input<typeof catalogWindows>;

/**
 * A selection as {@link catalogSpec} reads it: any field of {@link catalogWindows} (a missing
 * list leaves the family out; the step's parsed parameters are one).
 */
export type CatalogWindows = {
  readonly [K in keyof CatalogWindowsInput]?: Readonly<CatalogWindowsInput[K]>;
};
