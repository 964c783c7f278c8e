/**
 * Labels: forward returns with their spans, action classes per horizon (fixed or
 * volatility-scaled thresholds), MACD-cross triple-barrier events and range expansion.
 * Labels are the only columns that read the future; each carries the span it reads
 * (`date` -> `label_end_{h}` / `event_end` / `range_end`).
 * @module
 */
export * from "./forward_returns.ts";
export * from "./actions.ts";
export * from "./volatility.ts";
export * from "./range_expansion.ts";
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
export * from "./event_summary.ts";
export * from "./spans.ts";
export * from "./statistics.ts";
export * from "./build.ts";
export * from "./spec.ts";
