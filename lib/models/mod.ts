/**
 * Models: the `Model` contract, ridge/OLS and a CART tree, regression metrics and walk-forward
 * evaluation producing out-of-fold predictions.
 * @module
 */
export * from "./model.ts";
export * from "./matrix.ts";
export * from "./ridge.ts";
export * from "./tree.ts";
export * from "./metrics.ts";
export * from "./registry.ts";
export * from "./io.ts";
export * from "./sample.ts";
export * from "./evaluate.ts";
export * from "./report.ts";
