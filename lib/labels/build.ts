/**
 * Building the labels frame of step 03 from a panel.
 * @module
 */
import pl from "nodejs-polars";
import { forwardReturnColumn, forwardReturns, labelEndColumn } from "./forward_returns.ts";
import {
  ACTION_CLASSES,
  actionClass,
  actionColumn,
  type ActionThresholds,
  type ThresholdScaling,
  thresholdsFor,
} from "./actions.ts";

/** How to label a panel. */
export interface LabelOptions {
  /** Horizons in trading days. */
  readonly horizons: readonly number[];
  /** Daily action thresholds (scaled per horizon by `scaling`). */
  readonly thresholds: ActionThresholds;
  /** How thresholds grow with the horizon. */
  readonly scaling: ThresholdScaling;
}

/**
 * Returns `symbol`, `date` and for each horizon h: `fwd_ret_{h}`, `label_end_{h}` and
 * `action_{h}` (Int32 in -2..2, null where the forward return is null).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { buildLabels } from "@lib/labels/build.ts";
 * const panel = pl.DataFrame({ symbol: ["A", "A"], date: [1, 2], close: [100, 103] });
 * const labels = buildLabels(panel, {
 *   horizons: [1],
 *   thresholds: { weak: 0.005, strong: 0.02 },
 *   scaling: "none",
 * });
 * if (labels.getColumn("action_1").toArray().join() !== "2,") throw new Error("labels");
 * ```
 */
export function buildLabels(panel: pl.DataFrame, options: LabelOptions): pl.DataFrame {
  const returns = forwardReturns(panel, options.horizons);
  return returns.select(
    pl.col("symbol"),
    pl.col("date"),
    ...options.horizons.flatMap((h) => [
      pl.col(forwardReturnColumn(h)),
      pl.col(labelEndColumn(h)),
      actionClass(
        pl.col(forwardReturnColumn(h)),
        thresholdsFor(options.thresholds, h, options.scaling),
      ).alias(actionColumn(h)),
    ]),
  );
}

/**
 * Returns the class balance of each horizon's labelled rows: `horizon` (Int32), `action`
 * (Int32), `count` and `share` (of that horizon's non-null labels), every class listed even
 * when empty.
 */
export function classBalance(labels: pl.DataFrame, horizons: readonly number[]): pl.DataFrame {
  const rows = horizons.flatMap((h) => {
    const values = labels.getColumn(actionColumn(h)).toArray() as (number | null)[];
    const labelled = values.filter((v) => v !== null).length;
    return ACTION_CLASSES.map((action) => {
      const count = values.filter((v) => v === action).length;
      return { horizon: h, action, count, share: labelled === 0 ? 0 : count / labelled };
    });
  });
  return pl.DataFrame({
    horizon: pl.Series("horizon", rows.map((r) => r.horizon), pl.Int32),
    action: pl.Series("action", rows.map((r) => r.action), pl.Int32),
    count: pl.Series("count", rows.map((r) => r.count), pl.Int64),
    share: pl.Series("share", rows.map((r) => r.share), pl.Float64),
  });
}

/**
 * Turns a class balance into metric names and values, e.g. `action_5_share_neg2` and
 * `action_5_share_1`, for logging to the run.
 */
export function classShareMetrics(balance: pl.DataFrame): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const r of balance.toRecords()) {
    const action = Number(r.action);
    const suffix = action < 0 ? `neg${-action}` : String(action);
    metrics[`action_${r.horizon}_share_${suffix}`] = Number(r.share);
  }
  return metrics;
}
