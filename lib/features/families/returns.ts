/**
 * Return features: simple and log returns of close over a horizon.
 * @internal
 * @module
 */
import type { FeatureFamily } from "../registry.ts";
import { col, logReturnExpr, simpleReturnExpr } from "../indicators.ts";
import { horizonParams } from "./params.ts";

/** Simple return over `horizon` rows: `close_t / close_{t-h} - 1`. */
export const simpleReturn: FeatureFamily<{ horizon: number }> = {
  kind: "ret",
  description: "simple return of close over the last `horizon` trading days (fraction)",
  group: "returns",
  inputs: ["close"],
  params: horizonParams,
  name: ({ horizon }) => `ret_${horizon}`,
  expr: ({ horizon }) => simpleReturnExpr(col("close"), horizon),
  warmup: ({ horizon }) => horizon,
};

/** Log return over `horizon` rows: `ln(close_t / close_{t-h})`. */
export const logReturn: FeatureFamily<{ horizon: number }> = {
  kind: "logret",
  description: "log return of close over the last `horizon` trading days",
  group: "returns",
  inputs: ["close"],
  params: horizonParams,
  name: ({ horizon }) => `logret_${horizon}`,
  expr: ({ horizon }) => logReturnExpr(col("close"), horizon),
  warmup: ({ horizon }) => horizon,
};
