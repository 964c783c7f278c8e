/**
 * Index signals: per-constituent action scores weighted by index weights into a sentiment score,
 * and the position that thresholds on it give, ready to backtest on the index close.
 * @module
 */
export {
  type ClassScoreOptions,
  scoresFromClasses,
  scoresFromExpected,
  scoresFromReturns,
} from "./action_scores.ts";
export { type ConstituentScoreOptions, constituentScores } from "./constituent_scores.ts";
export {
  type CapProxyOptions,
  capWeights,
  marketCapProxyWeights,
  staticWeights,
  weightOn,
  type WeightTable,
  weightTable,
} from "./weights.ts";
export { type IndexSentiment, indexSentiment, type IndexSentimentOptions } from "./index_signal.ts";
export {
  indexPositions,
  indexSignals,
  longSignals,
  type PositionOptions,
  positionsFromScore,
  signalOptions,
  type SignalSettings,
  signalsFromPositions,
  thresholdsOf,
} from "./positions.ts";
export { type AdaptiveThresholds, positionSummary, trailingThresholds } from "./thresholds.ts";
export {
  coverageLine,
  type IndexWeightOptions,
  type IndexWeights,
  indexWeights,
} from "./constituent_weights.ts";
