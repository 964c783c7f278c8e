/**
 * From step 03's flat parameters to the options of each label family, so the notebook passes
 * its parameters in one call and the mapping is tested.
 * @module
 */
import type { LabelOptions } from "./build.ts";
import type { EventOptions } from "./events.ts";
import type { LabelingFields } from "./fields.ts";

/** The options of each label family. */
export interface LabelSpec {
  /** Forward returns, action classes and range expansion (labels.parquet). */
  readonly labels: LabelOptions;
  /** MACD-cross triple-barrier events (labels/events.parquet). */
  readonly events: EventOptions;
}

/** Returns the label options that step 03's parameters describe. */
export function labelSpec(p: LabelingFields): LabelSpec {
  return {
    labels: {
      horizons: p.horizons,
      thresholds: { weak: p.weakThreshold, strong: p.strongThreshold },
      scaling: p.thresholdScaling,
      volatility: p.thresholdMode === "volatility"
        ? { window: p.volWindow, weak: p.volWeakMultiple, strong: p.volStrongMultiple }
        : undefined,
      rangeExpansion: p.rangeMode === "fixed"
        ? { mode: "fixed", threshold: p.rangeThreshold }
        : { mode: "trailing", multiple: p.rangeMultiple, window: p.rangeWindow },
    },
    events: {
      side: p.eventSide,
      barriers: p.eventBarrierMode === "fixed"
        ? { mode: "fixed", up: p.eventUp, down: p.eventDown }
        : { mode: "volatility", up: p.eventUp, down: p.eventDown, window: p.volWindow },
      maxHolding: p.eventMaxHolding,
      macd: { fast: p.macdFast, slow: p.macdSlow, signal: p.macdSignal },
    },
  };
}
