/**
 * Parameters of notebook 01 (acquisition): which source to read and what to do when the data
 * fails validation. Which symbols and dates come from the shared fields.
 * @module
 */
import { z } from "zod";
import { commonParams } from "./common.ts";

/** Parameters of notebook 01 (acquisition). */
export const acquisitionParams = commonParams.extend({
  /**
   * Where bars come from; `sample` is the real data bundled in `data/sample/`. Defaults to
   * `sample`.
   */
  source: z.enum(["sample"]).default("sample"),
  /** Stop the step when any validation rule fails (else report and continue). Defaults to true. */
  failOnInvalid: z.boolean().default(true),
}).strict();

/** The parsed parameters of notebook 01. */
export type AcquisitionParams = z.infer<typeof acquisitionParams>;
