/**
 * Charts of walk-forward training: the folds on a timeline and per-fold metrics.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { plot } from "./chart.ts";
import { SERIES } from "./palette.ts";
import type { Chart } from "./chart.ts";

const dayMs = 86_400_000;

/** Axis labels (with units) of the metrics `walkForwardEvaluate` reports. */
export const metricLabels: Readonly<Record<string, string>> = {
  rmse: "RMSE (forward return, fraction)",
  mae: "MAE (forward return, fraction)",
  r2: "R² (unitless)",
  direction_accuracy: "Direction accuracy (share of rows)",
};

/** Options of {@link foldTimeline}. */
export interface FoldTimelineOptions {
  /** Horizon whose folds to draw; defaults to the first in the frame. */
  horizon?: number;
  /** Chart title. */
  title?: string;
}

/**
 * Returns the walk-forward folds as horizontal bars on a date axis: training span and test span
 * of each fold. `folds` is `walkForwardEvaluate(...).folds`.
 */
export function foldTimeline(folds: pl.DataFrame, options: FoldTimelineOptions = {}): Chart {
  const horizon = options.horizon ?? (folds.getColumn("horizon").get(0) as number);
  const rows = folds.filter(pl.col("horizon").eq(pl.lit(horizon))).toRecords() as Record<
    string,
    unknown
  >[];
  if (rows.length === 0) throw new Error(`no folds at horizon ${horizon}`);
  const bars = rows.flatMap((r) => [
    {
      fold: `fold ${r.fold}`,
      segment: "train",
      start: r.train_start as Date,
      end: endOfDay(r.train_end as Date),
    },
    {
      fold: `fold ${r.fold}`,
      segment: "test",
      start: r.test_start as Date,
      end: endOfDay(r.test_end as Date),
    },
  ]);
  return plot({
    title: options.title ?? `Walk-forward folds (horizon ${horizon} days)`,
    marginLeft: 60,
    x: { type: "utc", label: "Date" },
    y: { label: "Fold", domain: rows.map((r) => `fold ${r.fold}`) },
    color: { legend: true, domain: ["train", "test"], range: [SERIES[0], "#e6550d"] },
    marks: [
      Plot.barX(bars, {
        y: "fold",
        x1: "start",
        x2: "end",
        fill: "segment",
        insetTop: 4,
        insetBottom: 4,
      }),
    ],
  });
}

/** Options of {@link foldMetricBars}. */
export interface FoldMetricOptions {
  /** Metric column: `rmse`, `mae`, `r2` or `direction_accuracy`. Defaults to `rmse`. */
  metric?: string;
  /** Horizon to draw; defaults to the first in the frame. */
  horizon?: number;
  /** Chart title. */
  title?: string;
}

/** Returns one bar per (fold, model) of a metric from `walkForwardEvaluate(...).metrics`. */
export function foldMetricBars(metrics: pl.DataFrame, options: FoldMetricOptions = {}): Chart {
  const metric = options.metric ?? "rmse";
  if (!metrics.columns.includes(metric)) {
    throw new Error(`the metrics frame has no column "${metric}"`);
  }
  const horizon = options.horizon ?? (metrics.getColumn("horizon").get(0) as number);
  const rows = metrics.filter(pl.col("horizon").eq(pl.lit(horizon))).toRecords() as Record<
    string,
    unknown
  >[];
  if (rows.length === 0) throw new Error(`no metrics at horizon ${horizon}`);
  const models = [...new Set(rows.map((r) => r.model as string))];
  const data = rows.map((r) => ({
    fold: `fold ${r.fold}`,
    model: r.model as string,
    value: r[metric] as number,
  }));
  return plot({
    title: options.title ??
      `${metricLabels[metric]?.split(" (")[0] ?? metric} by fold (horizon ${horizon} days)`,
    fx: { label: "Fold" },
    x: { axis: null, domain: models },
    y: { label: metricLabels[metric] ?? metric, grid: true },
    color: { legend: models.length > 1, domain: models },
    marks: [
      Plot.barY(data, { fx: "fold", x: "model", y: "value", fill: "model" }),
      Plot.ruleY([0]),
    ],
  });
}

function endOfDay(date: Date): Date {
  return new Date(date.getTime() + dayMs);
}
