/**
 * Parameters of notebook 03 (labeling): label horizons and the fixed thresholds that turn a
 * forward return into an action class (-2 strong sell .. 2 strong buy).
 * @module
 */
import { z } from "zod";
import { commonParams } from "./common.ts";

/** Parameters of notebook 03 (labeling). */
export const labelingParams = commonParams.extend({
  /** Forward-return horizons, in trading days. Defaults to [1, 5, 20]. */
  horizons: z.array(z.number().int().min(1)).min(1).default([1, 5, 20]),
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
}).strict();

/** The parsed parameters of notebook 03. */
export type LabelingParams = z.infer<typeof labelingParams>;
