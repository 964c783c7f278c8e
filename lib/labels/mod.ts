/**
 * Labels: forward returns with their spans, action classes per horizon (fixed or
 * volatility-scaled thresholds), MACD-cross triple-barrier events and range expansion.
 * Labels are the only columns that read the future; each carries the span it reads
 * (`date` -> `label_end_{h}` / `event_end` / `range_end`).
 * @module
 */
export {
  forwardReturnColumn,
  forwardReturns,
  labelEndColumn,
  shortestHorizon,
} from "./forward_returns.ts";
export {
  ACTION_CLASSES,
  type ActionClass,
  actionClass,
  actionClassBetween,
  actionColumn,
  type ActionThresholds,
  checkThresholds,
  type ThresholdScaling,
  thresholdsFor,
  thresholdTable,
} from "./actions.ts";
export {
  checkVolatilityThresholds,
  trailingVolatilityExpr,
  type VolatilityThresholds,
} from "./volatility.ts";
export {
  RANGE_COLUMNS,
  rangeExpansion,
  type RangeExpansionOptions,
  rangeExpansionShare,
} from "./range_expansion.ts";
export {
  type BarrierOptions,
  type BarrierOutcome,
  type Bars,
  checkEventOptions,
  crossSides,
  EVENT_COLUMNS,
  eventLabels,
  type EventOptions,
  type EventSide,
  type MacdPeriods,
  tripleBarrier,
} from "./events.ts";
export { EVENT_OUTCOMES, EVENT_SIDE_NAMES, eventCounts, eventMetrics } from "./event_summary.ts";
export { catalogSpans, labelSpans, type SpanColumn, spanSummary } from "./spans.ts";
export { labelStatistics } from "./statistics.ts";
export {
  buildLabels,
  classBalance,
  classShareMetrics,
  type LabelOptions,
  thresholdSummary,
} from "./build.ts";
export { type LabelSpec, labelSpec } from "./spec.ts";
export { type LabelingFields, labelingFields } from "./fields.ts";
