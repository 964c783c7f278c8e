/**
 * Building the labels frame of step 03 from a panel.
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";
import { forwardReturnColumn, forwardReturns, labelEndColumn } from "./forward_returns.ts";
import {
  ACTION_CLASSES,
  actionClass,
  actionClassBetween,
  actionColumn,
  type ActionThresholds,
  type ThresholdScaling,
  thresholdsFor,
  thresholdTable,
} from "./actions.ts";
import {
  checkVolatilityThresholds,
  volatilityThresholdExprs,
  type VolatilityThresholds,
} from "./volatility.ts";
import { rangeExpansion, type RangeExpansionOptions } from "./range_expansion.ts";

/** How to label a panel. */
export interface LabelOptions {
  /** Horizons in trading days. */
  readonly horizons: readonly number[];
  /** Daily fixed action thresholds (scaled per horizon by `scaling`); unused with `volatility`. */
  readonly thresholds: ActionThresholds;
  /** How fixed thresholds grow with the horizon. */
  readonly scaling: ThresholdScaling;
  /**
   * When given, action classes are cut at `k * sigma_t * sqrt(h)` (sigma_t: trailing std of
   * daily returns up to t) instead of the fixed thresholds; rows without sigma_t are null.
   */
  readonly volatility?: VolatilityThresholds;
  /** When given, adds the range-expansion columns (the panel then needs high and low). */
  readonly rangeExpansion?: RangeExpansionOptions;
}

/**
 * Returns `symbol`, `date` and for each horizon h: `fwd_ret_{h}`, `label_end_{h}` and
 * `action_{h}` (Int32 in -2..2, null where the forward return or, under volatility scaling, the
 * trailing volatility is null); then, with `rangeExpansion`, `range_next`, `range_threshold`,
 * `range_expansion` and `range_end`. Rows are sorted by symbol and date.
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
  const sorted = panel.sort(["symbol", "date"]);
  const returns = forwardReturns(sorted, options.horizons).hstack(sorted.select("close"));
  const vol = options.volatility;
  if (vol) checkVolatilityThresholds(vol);
  const action = (h: number) => {
    const r = pl.col(forwardReturnColumn(h));
    if (!vol) return actionClass(r, thresholdsFor(options.thresholds, h, options.scaling));
    const t = volatilityThresholdExprs(vol, h);
    return actionClassBetween(r, t.weak, t.strong);
  };
  const labels = returns.select(
    pl.col("symbol"),
    pl.col("date"),
    ...options.horizons.flatMap((h) => [
      pl.col(forwardReturnColumn(h)),
      pl.col(labelEndColumn(h)),
      action(h).alias(actionColumn(h)),
    ]),
  );
  if (!options.rangeExpansion) return labels;
  return labels.hstack(rangeExpansion(sorted, options.rangeExpansion).drop("symbol", "date"));
}

/**
 * Returns the action thresholds of each horizon as used: `horizon` (Int32), `rule` (how they
 * are set), `weak` and `strong` (fractions). Under volatility scaling these are the medians
 * over the panel's rows of the per-row thresholds, with `weak_p10` and `weak_p90` showing their
 * spread (equal to `weak` for fixed thresholds).
 */
export function thresholdSummary(panel: pl.DataFrame, options: LabelOptions): pl.DataFrame {
  const vol = options.volatility;
  if (!vol) {
    const fixed = thresholdTable(options.horizons, options.thresholds, options.scaling);
    const rule = options.scaling === "sqrt" ? "fixed x sqrt(h)" : "fixed";
    return fixed.select(
      pl.col("horizon"),
      pl.lit(rule).alias("rule"),
      pl.col("weak"),
      pl.col("strong"),
      pl.col("weak").alias("weak_p10"),
      pl.col("weak").alias("weak_p90"),
    );
  }
  const sorted = panel.sort(["symbol", "date"]);
  const rule = `${vol.weak} / ${vol.strong} x sigma_${vol.window} x sqrt(h)`;
  const parts = options.horizons.map((h) => {
    const t = volatilityThresholdExprs(vol, h);
    return sorted.select(t.weak.alias("w"), t.strong.alias("s")).select(
      pl.lit(h).cast(pl.Int32).alias("horizon"),
      pl.lit(rule).alias("rule"),
      pl.col("w").median().alias("weak"),
      pl.col("s").median().alias("strong"),
      pl.col("w").quantile(0.1).alias("weak_p10"),
      pl.col("w").quantile(0.9).alias("weak_p90"),
    );
  });
  return concatRows(parts);
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
