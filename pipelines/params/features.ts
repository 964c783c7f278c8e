/**
 * Parameters of notebook 02 (features): which families of the catalog (lib/features/catalog.ts)
 * to compute and with which windows. An empty list (or `obv: false`) leaves that family out.
 * Windows are in trading days. The window fields, their defaults and their documentation are
 * declared once, in `CATALOG` (lib/features/catalog.ts), beside the families each field computes.
 * @module
 */
import type { z } from "zod";
import { catalogWindows } from "../../lib/features/catalog.ts";
import { commonParams } from "./common.ts";

/** Parameters of notebook 02 (features): the shared fields and the catalog's windows. */
export const featuresParams = commonParams.extend(catalogWindows.shape).strict();

/** The parsed parameters of notebook 02. */
export type FeaturesParams = z.infer<typeof featuresParams>;
