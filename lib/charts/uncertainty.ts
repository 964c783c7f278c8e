/**
 * Charts of quantile predictions: calibration (nominal against observed frequency) and an
 * interval fan through time for one symbol.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { plot } from "./chart.ts";
import type { Chart } from "./chart.ts";
import { quantileColumn, symmetricPairs } from "../models/quantiles.ts";

/** Options of {@link calibrationChart}. */
export interface CalibrationChartOptions {
  /** Chart title. Defaults to "Calibration of quantile predictions". */
  title?: string;
}

/**
 * Returns observed against nominal frequency, one dot per level (share of realised values at or
 * below the quantile) and per interval (coverage), with the diagonal a calibrated model lies on.
 * `table` is `calibrationTable(...)` output (`kind`, `label`, `nominal`, `observed`, optional
 * `model`, coloured when present, e.g. raw against conformal).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { calibrationChart } from "@lib/charts/uncertainty.ts";
 * const table = pl.DataFrame({ kind: ["level", "interval"], label: ["q10", "10-90"], nominal: [0.1, 0.8], observed: [0.12, 0.75] });
 * if (!calibrationChart(table).html.includes("<svg")) throw new Error("no chart");
 * ```
 */
export function calibrationChart(
  table: pl.DataFrame,
  options: CalibrationChartOptions = {},
): Chart {
  for (const c of ["kind", "label", "nominal", "observed"]) {
    if (!table.columns.includes(c)) throw new Error(`the calibration table has no "${c}" column`);
  }
  if (table.height === 0) throw new Error("the calibration table has no rows");
  const hasModel = table.columns.includes("model");
  const rows = (table.toRecords() as Record<string, unknown>[]).map((r) => ({
    kind: r.kind === "interval" ? "interval coverage" : "quantile level",
    label: r.label as string,
    nominal: r.nominal as number,
    observed: r.observed as number,
    model: hasModel ? String(r.model) : "model",
  }));
  const models = [...new Set(rows.map((r) => r.model))];
  return plot({
    title: options.title ?? "Calibration of quantile predictions",
    width: 520,
    height: 460,
    x: { domain: [0, 1], label: "Nominal frequency (share of rows)", grid: true },
    y: { domain: [0, 1], label: "Observed frequency (share of rows)", grid: true },
    color: { legend: hasModel, domain: models },
    symbol: { legend: true, domain: ["quantile level", "interval coverage"] },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.dot(rows, {
        x: "nominal",
        y: "observed",
        symbol: "kind",
        stroke: hasModel ? "model" : "#1f77b4",
        r: 5,
        strokeWidth: 2,
        tip: true,
      }),
      Plot.text(rows, {
        x: "nominal",
        y: "observed",
        text: "label",
        dx: 9,
        textAnchor: "start",
        fontSize: 10,
      }),
    ],
  });
}

/** Options of {@link intervalFan}. */
export interface IntervalFanOptions {
  /** Symbol to draw. Defaults to the first in the frame. */
  symbol?: string;
  /** Column of realised values drawn as dots; none drawn when the frame lacks it. Defaults to "actual". */
  actual?: string;
  /** Outer interval levels. Defaults to the frame's outermost symmetric pair (10-90 by default). */
  outer?: readonly [number, number];
  /** Inner interval levels. Defaults to the frame's next pair inwards (25-75), else the outer one. */
  inner?: readonly [number, number];
  /** Median level. Defaults to 0.5. */
  median?: number;
  /** Label of the value axis. Defaults to "Forward return (fraction)". */
  yLabel?: string;
  /** Chart title. */
  title?: string;
}

/**
 * Returns the predicted quantiles of one symbol through time: the outer (10-90) and inner
 * (25-75) intervals as bands, the median as a line and the realised values as dots. `frame`
 * has `symbol`, `date` and the quantile columns named by `quantileColumn` (`q10` .. `q90`, as
 * `quantileFrame` writes them).
 */
export function intervalFan(frame: pl.DataFrame, options: IntervalFanOptions = {}): Chart {
  // The levels come from training.quantiles, so the bands default to the pairs the frame has.
  const levels = frame.columns.filter((c) => /^q\d+(\.\d+)?$/.test(c))
    .map((c) => Number(c.slice(1)) / 100);
  const pairs = symmetricPairs(levels);
  const [outerLo, outerHi] = options.outer ?? pairs[0] ?? [0.1, 0.9];
  const [innerLo, innerHi] = options.inner ?? pairs[1] ?? pairs[0] ?? [0.25, 0.75];
  const oneBand = outerLo === innerLo && outerHi === innerHi;
  const median = quantileColumn(options.median ?? 0.5);
  const cols = [outerLo, outerHi, innerLo, innerHi].map(quantileColumn);
  for (const c of ["symbol", "date", median, ...cols]) {
    if (!frame.columns.includes(c)) {
      throw new Error(
        `the quantile frame has no "${c}" column (columns: ${frame.columns.join(", ")})`,
      );
    }
  }
  if (frame.height === 0) throw new Error("the quantile frame has no rows");
  const symbol = options.symbol ?? (frame.getColumn("symbol").get(0) as string);
  const actual = options.actual ?? "actual";
  const hasActual = frame.columns.includes(actual);
  const rows = frame.filter(pl.col("symbol").eq(pl.lit(symbol))).sort("date")
    .toRecords() as Record<string, unknown>[];
  if (rows.length === 0) throw new Error(`no quantile predictions for symbol "${symbol}"`);
  const pct = (l: number) => String(Number((l * 100).toFixed(6)));
  const outerName = `${pct(outerLo)}-${pct(outerHi)} interval`;
  const innerName = `${pct(innerLo)}-${pct(innerHi)} interval`;
  const medianName = "median";
  const realisedName = "realised";
  const data = rows.map((r) => ({
    date: r.date as Date,
    outerLo: r[cols[0]] as number,
    outerHi: r[cols[1]] as number,
    innerLo: r[cols[2]] as number,
    innerHi: r[cols[3]] as number,
    median: r[median] as number,
    actual: hasActual ? (r[actual] as number | null) : null,
  }));
  const bands = oneBand ? [outerName] : [outerName, innerName];
  const domain = [...bands, medianName, ...(hasActual ? [realisedName] : [])];
  const range = [...(oneBand ? [] : ["#c6dbef"]), "#6baed6", "#08519c", "#d62728"]
    .slice(0, domain.length);
  return plot({
    title: options.title ?? `Predicted quantiles of ${symbol}`,
    x: { type: "utc", label: "Date" },
    y: { label: options.yLabel ?? "Forward return (fraction)", grid: true },
    color: { legend: true, domain, range },
    marks: [
      Plot.areaY(data, { x: "date", y1: "outerLo", y2: "outerHi", fill: () => outerName }),
      ...(oneBand
        ? []
        : [Plot.areaY(data, { x: "date", y1: "innerLo", y2: "innerHi", fill: () => innerName })]),
      Plot.lineY(data, { x: "date", y: "median", stroke: () => medianName, strokeWidth: 1.5 }),
      ...(hasActual
        ? [
          Plot.dot(data.filter((d) => d.actual !== null && Number.isFinite(d.actual)), {
            x: "date",
            y: "actual",
            fill: () => realisedName,
            r: 2,
          }),
        ]
        : []),
    ],
  });
}
