/**
 * The label statistics step 03 logs to its run: class shares, event counts and hit rates,
 * the range-expansion share and mean span lengths.
 * @module
 */
import pl from "nodejs-polars";
import { mean } from "simple-statistics";
import { classBalance, classShareMetrics } from "./build.ts";
import { eventMetrics } from "./event_summary.ts";
import { RANGE_COLUMNS } from "./range_expansion.ts";
import { actionColumn } from "./actions.ts";

/**
 * Returns metrics named for MLflow: `rows`; per horizon `action_{h}_labelled` and the class
 * shares `action_{h}_share_{neg2..2}`; the event metrics (`events`, `events_{side}_{outcome}`,
 * `event_{side}_hit_rate`, `event_{side}_mean_return`) and `event_mean_bars` (mean rows from t0
 * to t1 of closed events); and, when the labels have them, `range_expansion_labelled` and
 * `range_expansion_share`. Every value is finite (0 where there is nothing to average).
 */
export function labelStatistics(
  labels: pl.DataFrame,
  events: pl.DataFrame,
  horizons: readonly number[],
): Record<string, number> {
  const metrics: Record<string, number> = { rows: labels.height };
  for (const h of horizons) {
    metrics[`action_${h}_labelled`] = labels.height - labels.getColumn(actionColumn(h)).nullCount();
  }
  Object.assign(metrics, classShareMetrics(classBalance(labels, horizons)), eventMetrics(events));
  const bars = (events.getColumn("event_bars").toArray() as (number | null)[])
    .filter((b): b is number => b !== null);
  // Rows and 0/1 labels are integers, so simple-statistics' compensated sum is the plain sum.
  metrics.event_mean_bars = bars.length === 0 ? 0 : mean(bars);
  if (labels.columns.includes(RANGE_COLUMNS.label)) {
    const range = labels.getColumn(RANGE_COLUMNS.label).toArray() as (number | null)[];
    const labelled = range.filter((v) => v !== null) as number[];
    metrics.range_expansion_labelled = labelled.length;
    metrics.range_expansion_share = labelled.length === 0 ? 0 : mean(labelled);
  }
  return metrics;
}
