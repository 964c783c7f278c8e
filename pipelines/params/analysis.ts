import { z } from "zod";
import { commonParams } from "./common.ts";
import { factorFileParam } from "./factor_file.ts";

/** Parameters of notebook 05 (factor analysis): IC tear sheet of predictions and features, and factor regressions. */
export const analysisParams = commonParams.extend({
  /**
   * Model whose out-of-fold predictions the charts and the headline follow. Unset: the champion
   * step 04 chose by its declared criterion (its champion record); every model stays in the
   * comparison tables either way.
   */
  model: z.string().min(1).optional(),
  /** Horizon (days) of the predictions to analyse; must be one notebook 04 trained. Defaults to 5. */
  predictionHorizon: z.number().int().min(1).default(5),
  /** Feature columns analysed next to the predictions. Defaults to ["ret_20", "rsi_14"]. */
  features: z.array(z.string().min(1)).default(["ret_20", "rsi_14"]),
  /** Forward-return horizons (days) the features are scored against; each must be in the labels. Defaults to [1, 5]. */
  horizons: z.array(z.number().int().min(1)).min(1).default([1, 5]),
  /** Fewest assets on a date for its IC to count. Defaults to 3. */
  minAssets: z.number().int().min(2).default(3),
  /** Buckets per date in the quantile table (dates with fewer assets are dropped). Defaults to 5. */
  quantiles: z.number().int().min(2).default(5),
  /** Dates in the rolling mean drawn over the daily IC. Defaults to 21 (about a month). */
  rollingWindow: z.number().int().min(2).default(21),
  /**
   * How each date's assets are cut into buckets: "qcut" as alphalens (equal counts by value; a
   * date whose cut points tie is dropped as tied_edges) or "rank" (by rank, ties broken by
   * order). Defaults to "qcut".
   */
  binning: z.enum(["qcut", "rank"]).default("qcut"),
  /** Months in the rolling factor regression. Defaults to 36. */
  regressionWindow: z.number().int().min(6).default(36),
  /**
   * Fama-French factor file of the factor regressions, relative to the project folder: a CSV as
   * downloaded from Ken French's data library (monthly or daily, FF3 or FF5 columns) or in the
   * bundled layout; checked when the parameters are parsed. Unset uses the bundled monthly FF3
   * file, data/sample/ff_factors_monthly.csv (1926-07..2018-11).
   */
  factorFile: factorFileParam.optional(),
}).strict();

/** The parsed analysis parameters. */
export type AnalysisParams = z.infer<typeof analysisParams>;
