/**
 * Models: the `Model` contract, ridge/OLS and a CART tree, regression metrics and walk-forward
 * evaluation producing out-of-fold predictions.
 * @module
 */
export * from "./model.ts";
export * from "./matrix.ts";
export * from "./linear/ridge.ts";
export * from "./tree.ts";
export * from "./metrics.ts";
export * from "./registry.ts";
export * from "./sample.ts";
export * from "./evaluate.ts";
export * from "./report.ts";
export * from "./linear/mod.ts";
export * from "./linear/logistic.ts";
export * from "./classification_metrics.ts";
export * from "./classification_scores.ts";
export * from "./dataset.ts";
export * from "./tasks.ts";
export * from "./evaluate_quantiles.ts";
export * from "./selection.ts";
export * from "./quantiles.ts";
export * from "./conformal.ts";
export * from "./quantile_metrics.ts";
export * from "./drift.ts";
export * from "./promotion.ts";
export * from "./inference.ts";
export * from "./lightgbm/model.ts";
export * from "./candidates.ts";
export * from "./champion.ts";
