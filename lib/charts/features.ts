/**
 * Charts of features next to the prices they come from.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { type Chart, plot } from "./chart.ts";
import { chartRows } from "./prices.ts";

/** Options of {@link priceWithIndicators}. */
export interface PriceWithIndicatorsOptions {
  /** The symbol to draw. */
  readonly symbol: string;
  /** Feature columns in price units to overlay, e.g. `["sma_20", "ema_12"]`. */
  readonly indicators: readonly string[];
  /** Chart title. Defaults to "<symbol>: close with <indicators>". */
  readonly title?: string;
}

/**
 * Line chart of one symbol's close with price-level indicators (moving averages) overlaid,
 * one colour per series, with a legend. Throws when the symbol or a column is absent.
 */
export function priceWithIndicators(
  panel: pl.DataFrame,
  features: pl.DataFrame,
  options: PriceWithIndicatorsOptions,
): Chart {
  const { symbol, indicators } = options;
  const missing = indicators.filter((c) => !features.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`priceWithIndicators: no column(s) ${missing.join(", ")}`);
  }
  const joined = panel.filter(pl.col("symbol").eq(pl.lit(symbol)))
    .select("symbol", "date", "close")
    .join(features.select("symbol", "date", ...indicators), { on: ["symbol", "date"] })
    .sort("date");
  if (joined.height === 0) throw new Error(`priceWithIndicators: no rows for symbol ${symbol}`);
  const rows = chartRows(joined).flatMap((r) =>
    ["close", ...indicators].map((series) => ({ date: r.date, series, value: r[series] }))
  );
  return plot({
    title: options.title ?? `${symbol}: close with ${indicators.join(", ")}`,
    width: 800,
    x: { label: "Date" },
    y: { label: "Price (quote currency)", grid: true },
    color: { legend: true, domain: ["close", ...indicators] },
    marks: [Plot.lineY(rows, { x: "date", y: "value", stroke: "series" })],
  });
}

/** Options of {@link indicatorLine}. */
export interface IndicatorLineOptions {
  /** The symbol to draw. */
  readonly symbol: string;
  /** The feature column, e.g. `rsi_14`. */
  readonly indicator: string;
  /** Y-axis label with units. Defaults to the column name. */
  readonly yLabel?: string;
  /** Horizontal reference lines, e.g. `[30, 70]` for an RSI. Defaults to none. */
  readonly rules?: readonly number[];
  /** Chart title. Defaults to "<symbol>: <indicator>". */
  readonly title?: string;
}

/** Line chart of one symbol's indicator over time with optional reference lines. */
export function indicatorLine(features: pl.DataFrame, options: IndicatorLineOptions): Chart {
  const { symbol, indicator } = options;
  if (!features.columns.includes(indicator)) {
    throw new Error(`indicatorLine: no column ${indicator}`);
  }
  const rows = chartRows(
    features.filter(pl.col("symbol").eq(pl.lit(symbol))).select("symbol", "date", indicator)
      .sort("date"),
  );
  if (rows.length === 0) throw new Error(`indicatorLine: no rows for symbol ${symbol}`);
  return plot({
    title: options.title ?? `${symbol}: ${indicator}`,
    width: 800,
    height: 240,
    x: { label: "Date" },
    y: { label: options.yLabel ?? indicator, grid: true },
    marks: [
      Plot.ruleY([...(options.rules ?? [])], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
      Plot.lineY(rows, { x: "date", y: indicator }),
    ],
  });
}

/** Options of {@link indicatorLines}. */
export interface IndicatorLinesOptions {
  /** The symbol to draw. */
  readonly symbol: string;
  /** Feature columns sharing one y axis, e.g. `["plus_di_14", "minus_di_14", "adx_14"]`. */
  readonly indicators: readonly string[];
  /** Y-axis label with units. */
  readonly yLabel: string;
  /** Horizontal reference lines, e.g. `[0]` for a MACD. Defaults to none. */
  readonly rules?: readonly number[];
  /** Chart title. Defaults to "<symbol>: <indicators>". */
  readonly title?: string;
}

/**
 * Line chart of several indicators of one symbol on a shared axis (MACD line and signal, +DI,
 * -DI and ADX), one colour per series with a legend, and optional reference lines.
 */
export function indicatorLines(features: pl.DataFrame, options: IndicatorLinesOptions): Chart {
  const { symbol, indicators } = options;
  const missing = indicators.filter((c) => !features.columns.includes(c));
  if (missing.length > 0) throw new Error(`indicatorLines: no column(s) ${missing.join(", ")}`);
  const rows = chartRows(
    features.filter(pl.col("symbol").eq(pl.lit(symbol))).select("symbol", "date", ...indicators)
      .sort("date"),
  );
  if (rows.length === 0) throw new Error(`indicatorLines: no rows for symbol ${symbol}`);
  const long = rows.flatMap((r) =>
    indicators.map((series) => ({ date: r.date, series, value: r[series] }))
  );
  return plot({
    title: options.title ?? `${symbol}: ${indicators.join(", ")}`,
    width: 800,
    height: 260,
    x: { label: "Date" },
    y: { label: options.yLabel, grid: true },
    color: { legend: true, domain: [...indicators] },
    marks: [
      Plot.ruleY([...(options.rules ?? [])], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
      Plot.lineY(long, { x: "date", y: "value", stroke: "series" }),
    ],
  });
}

/**
 * Grid of which panel columns each feature reads, from `featureInputs` (lib/features/build.ts):
 * one row per feature, one column per input, a filled cell where the feature reads the input,
 * coloured by the feature's group.
 */
export function featureDependencies(inputs: pl.DataFrame, title?: string): Chart {
  const columns = inputs.columns.filter((c) => c !== "feature" && c !== "group");
  const records = inputs.toRecords();
  const cells = records.flatMap((r) =>
    columns.filter((c) => r[c] === 1).map((input) => ({
      feature: String(r.feature),
      group: String(r.group),
      input,
    }))
  );
  return plot({
    title: title ?? "Panel columns read by each feature",
    width: 520,
    height: 60 + 16 * records.length,
    marginLeft: 150,
    x: { label: "Panel input column", domain: columns, axis: "top" },
    y: { label: "Feature", domain: records.map((r) => String(r.feature)) },
    color: { legend: true, label: "Group" },
    marks: [
      Plot.cell(cells, { x: "input", y: "feature", fill: "group", inset: 1 }),
    ],
  });
}
