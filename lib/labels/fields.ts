/**
 * The labeling step's fields: forward-return horizons and how they become action classes (fixed
 * or volatility-scaled thresholds), MACD-cross event labels (triple barrier) and next-day
 * range-expansion labels, as a zod schema with every default.
 * @module
 */
import { z } from "zod";

/**
 * The fields that shape the labels, with their defaults; the labeling step's parameters extend
 * it and {@link LabelingFields} is its parsed type.
 */
export const labelingFields = z.object({
  /** Forward-return horizons, in trading days. Defaults to [1, 5, 20]. */
  horizons: z.array(z.number().int().min(1)).min(1).default([1, 5, 20]),
  /**
   * How action thresholds are set: `fixed` (weakThreshold/strongThreshold, scaled by
   * thresholdScaling) or `volatility` (volWeakMultiple/volStrongMultiple x trailing std of daily
   * returns x sqrt(h)). Defaults to `fixed`.
   */
  thresholdMode: z.enum(["fixed", "volatility"]).default("fixed"),
  /**
   * Daily |return| from which a label is buy/sell rather than hold (fraction). Defaults to 0.005.
   */
  weakThreshold: z.number().positive().default(0.005),
  /**
   * Daily |return| from which a label is a strong buy/sell (fraction, > weak). Defaults to 0.02.
   */
  strongThreshold: z.number().positive().default(0.02),
  /**
   * How thresholds grow with the horizon: `sqrt` multiplies by sqrt(h), `none` keeps them. Defaults
   * to `sqrt`.
   */
  thresholdScaling: z.enum(["sqrt", "none"]).default("sqrt"),
  /**
   * Rows of daily returns in the trailing volatility (up to and including t) used by
   * volatility-scaled thresholds and barriers. Defaults to 20.
   */
  volWindow: z.number().int().min(2).default(20),
  /** Volatility mode: buy/sell from |return| >= this x sigma x sqrt(h). Defaults to 0.25. */
  volWeakMultiple: z.number().positive().default(0.25),
  /** Volatility mode: strong buy/sell from this x sigma x sqrt(h) (> weak). Defaults to 1. */
  volStrongMultiple: z.number().positive().default(1),
  /** MACD fast EMA period of the event crosses. Defaults to 12. */
  macdFast: z.number().int().min(2).default(12),
  /** MACD slow EMA period (> fast). Defaults to 26. */
  macdSlow: z.number().int().min(2).default(26),
  /** MACD signal EMA period. Defaults to 9. */
  macdSignal: z.number().int().min(2).default(9),
  /**
   * Which MACD-histogram crosses open events: `long` (up-crosses), `short` (down-crosses) or
   * `both`. Defaults to `both`.
   */
  eventSide: z.enum(["long", "short", "both"]).default("both"),
  /**
   * Barrier widths: `fixed` fractions of the entry close, or `volatility` multiples of
   * sigma x sqrt(eventMaxHolding). Defaults to `fixed`.
   */
  eventBarrierMode: z.enum(["fixed", "volatility"]).default("fixed"),
  /** Profit-taking barrier width (fraction, or sigma multiple). Defaults to 0.04. */
  eventUp: z.number().positive().default(0.04),
  /** Stop barrier width (fraction < 1, or sigma multiple). Defaults to 0.04. */
  eventDown: z.number().positive().default(0.04),
  /** Time barrier: rows after the event at which it closes. Defaults to 10. */
  eventMaxHolding: z.number().int().min(1).default(10),
  /**
   * Range-expansion threshold: `fixed` (rangeThreshold) or `trailing` (rangeMultiple x mean daily
   * range of the last rangeWindow rows). Defaults to `trailing`.
   */
  rangeMode: z.enum(["fixed", "trailing"]).default("trailing"),
  /** Fixed mode: next-day (high - low) / close_t above this is an expansion. Defaults to 0.03. */
  rangeThreshold: z.number().positive().default(0.03),
  /** Trailing mode: multiple of the trailing mean range. Defaults to 1.5. */
  rangeMultiple: z.number().positive().default(1.5),
  /** Trailing mode: rows in the trailing mean range (up to and including t). Defaults to 20. */
  rangeWindow: z.number().int().min(1).default(20),
}).strict();

type ParsedLabelingFields = z.infer<typeof labelingFields>;

/** The parsed fields of {@link labelingFields}, as `labelSpec` reads them. */
export type LabelingFields = {
  readonly [K in keyof ParsedLabelingFields]: Readonly<ParsedLabelingFields[K]>;
};
