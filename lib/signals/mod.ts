/**
 * Index signals: per-constituent action scores weighted by index weights into a sentiment score,
 * and the position that thresholds on it give, ready to backtest on the index close.
 * @module
 */
export * from "./action_scores.ts";
export * from "./weights.ts";
export * from "./index_signal.ts";
export * from "./positions.ts";
