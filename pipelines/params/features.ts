/**
 * Parameters of notebook 02 (features): which families of the catalog (lib/features/catalog.ts)
 * to compute and with which windows. An empty list (or `obv: false`) leaves that family out.
 * Windows are in trading days. The window fields, their defaults and their documentation are
 * declared once, in `CATALOG` (lib/features/catalog.ts), beside the families each field computes.
 * @module
 */
import { z } from "zod";
import { catalogWindows } from "../../lib/features/catalog.ts";
import { commonParams } from "./common.ts";

/**
 * Parameters of notebook 02 (features): the shared fields and the catalog's windows, selecting at
 * least one feature (any family may be left out, not all of them).
 */
export const featuresParams = commonParams.extend(catalogWindows.shape).strict()
  .superRefine((p, ctx) => {
    const selection = Object.entries(p).filter(([key]) => key in catalogWindows.shape);
    // A list selects a family when it is non-empty, a flag (obv) when it is true.
    if (selection.every(([, value]) => Array.isArray(value) ? value.length === 0 : !value)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [],
        message: "selects no feature: every family's list is empty and obv is false",
      });
    }
  });

/** The parsed parameters of notebook 02. */
export type FeaturesParams = z.infer<typeof featuresParams>;
