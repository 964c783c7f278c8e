/**
 * Parameters of notebook 02 (features): the windows of each feature family in the catalog
 * (lib/features/catalog.ts). An empty list leaves that family out.
 * @module
 */
import { z } from "zod";
import { commonParams } from "./common.ts";

const days = (min: number) => z.array(z.number().int().min(min));

/** Parameters of notebook 02 (features). */
export const featuresParams = commonParams.extend({
  /** Horizons of simple returns `ret_{h}`, in trading days. Defaults to [1, 5, 20]. */
  returnHorizons: days(1).default([1, 5, 20]),
  /** Horizons of log returns `logret_{h}`, in trading days. Defaults to [1]. */
  logReturnHorizons: days(1).default([1]),
  /**
   * Windows of simple moving averages of close `sma_{n}`, in trading days. Defaults to [20, 50].
   */
  smaWindows: days(2).default([20, 50]),
  /**
   * Windows of exponential moving averages of close `ema_{n}` (alpha 2/(n+1)). Defaults to [12,
   * 26].
   */
  emaWindows: days(2).default([12, 26]),
  /** Windows of Wilder's RSI `rsi_{n}`, in trading days. Defaults to [14]. */
  rsiWindows: days(1).default([14]),
  /**
   * Windows of the volatility of daily log returns `vol_{n}`, in trading days. Defaults to [20].
   */
  volatilityWindows: days(2).default([20]),
}).strict();

/** The parsed parameters of notebook 02. */
export type FeaturesParams = z.infer<typeof featuresParams>;
