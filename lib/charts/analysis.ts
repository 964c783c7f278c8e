/**
 * Charts of factor analysis: the IC through time and mean returns by factor quantile.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { plot } from "./chart.ts";
import type { Chart } from "./chart.ts";

/** Options of {@link icSeries}. */
export interface IcSeriesOptions {
  /** Factor to draw; defaults to the first in the frame. */
  factor?: string;
  /** Horizon to draw; defaults to the first in the frame. */
  horizon?: number;
  /** `pearson` or `spearman`. Defaults to `spearman`. */
  method?: "pearson" | "spearman";
  /** Dates in the rolling mean (empty for the first window - 1 dates). Defaults to 21. */
  window?: number;
  /** Chart title. */
  title?: string;
}

/**
 * Returns the daily IC of one factor and horizon (`informationCoefficient(...).daily`) with its
 * rolling mean.
 */
export function icSeries(daily: pl.DataFrame, options: IcSeriesOptions = {}): Chart {
  const factor = options.factor ?? (daily.getColumn("factor").get(0) as string);
  const horizon = options.horizon ?? (daily.getColumn("horizon").get(0) as number);
  const method = options.method ?? "spearman";
  const window = options.window ?? 21;
  const rows = daily
    .filter(pl.col("factor").eq(pl.lit(factor)).and(pl.col("horizon").eq(pl.lit(horizon))))
    .sort("date")
    .toRecords() as Record<string, unknown>[];
  if (rows.length === 0) throw new Error(`no IC for factor "${factor}" at horizon ${horizon}`);
  const daySeries = `daily ${method} IC`;
  const meanSeries = `${window}-date rolling mean`;
  const data = rows.map((r) => ({ date: r.date as Date, ic: r[method] as number }));
  return plot({
    title: options.title ??
      `${method === "spearman" ? "Rank IC" : "IC"} of ${factor} vs ${horizon}-day forward return`,
    x: { type: "utc", label: "Date" },
    y: { label: `${method === "spearman" ? "Rank IC" : "IC"} (correlation)`, grid: true },
    color: { legend: true, domain: [daySeries, meanSeries], range: ["#b3b3b3", "#d62728"] },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(data, { x: "date", y: "ic", stroke: () => daySeries, strokeWidth: 0.8 }),
      Plot.lineY(
        data,
        Plot.windowY({ k: window, anchor: "end", strict: true }, {
          x: "date",
          y: "ic",
          stroke: () => meanSeries,
          strokeWidth: 2,
        }),
      ),
    ],
  });
}

/** Options of {@link quantileReturnBars}. */
export interface QuantileBarsOptions {
  /** Factor to draw; defaults to the first in the frame. */
  factor?: string;
  /** Chart title. */
  title?: string;
}

/**
 * Returns the mean forward return per factor quantile (`quantileReturns(...).table`), in
 * percent, one group of bars per horizon.
 */
export function quantileReturnBars(table: pl.DataFrame, options: QuantileBarsOptions = {}): Chart {
  const factor = options.factor ?? (table.getColumn("factor").get(0) as string);
  const rows = table.filter(pl.col("factor").eq(pl.lit(factor))).toRecords() as Record<
    string,
    unknown
  >[];
  if (rows.length === 0) throw new Error(`no quantile returns for factor "${factor}"`);
  const data = rows.map((r) => ({
    quantile: `Q${r.quantile}`,
    horizon: `${r.horizon}-day`,
    pct: (r.mean_return as number) * 100,
  }));
  const horizons = [...new Set(data.map((d) => d.horizon))];
  return plot({
    title: options.title ?? `Mean forward return by quantile of ${factor}`,
    fx: horizons.length > 1 ? { label: "Horizon" } : undefined,
    x: { label: "Factor quantile (1 = lowest)" },
    y: { label: "Mean forward return (%)", grid: true },
    color: { legend: horizons.length > 1, domain: horizons },
    marks: [
      Plot.barY(data, {
        fx: horizons.length > 1 ? "horizon" : undefined,
        x: "quantile",
        y: "pct",
        fill: "horizon",
      }),
      Plot.ruleY([0]),
    ],
  });
}
