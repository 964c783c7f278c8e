/**
 * Parameters of notebook 03 (labeling): forward-return horizons and how they become action
 * classes (fixed or volatility-scaled thresholds), MACD-cross event labels (triple barrier) and
 * next-day range-expansion labels. The fields, their defaults and their documentation are
 * declared once, in `labelingFields` (lib/labels/fields.ts), which `labelSpec` reads too.
 * @module
 */
import type { z } from "zod";
import { labelingFields } from "../../lib/labels/fields.ts";
import { commonParams } from "./common.ts";

/** Parameters of notebook 03 (labeling): the shared fields and the label fields. */
export const labelingParams = commonParams.extend(labelingFields.shape).strict();

/** The parsed parameters of notebook 03. */
export type LabelingParams = z.infer<typeof labelingParams>;
