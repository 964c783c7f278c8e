/**
 * The factor-weighted long-short cumulative return chart (alphalens' "Factor Weighted Long/Short
 * Portfolio Cumulative Return (1D Period)"), from `factorReturns` (lib/analysis/factor_returns.ts).
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { floatValues } from "../frames.ts";
import { type Chart, plot } from "./chart.ts";
import { dateOf, type SeriesChartOptions } from "./tearsheet_common.ts";

/** What the chart shows in its place when there is no long-short book (fewer than 2 symbols). */
export const NO_FACTOR_RETURNS =
  "No factor-weighted long-short return: it needs at least 2 symbols on a date.";

/** Options of {@link factorReturnsChart}. */
export interface FactorReturnsChartOptions extends SeriesChartOptions {
  /** The factor's name, in the title. */
  factor?: string;
}

/**
 * Returns the growth of 1 of the factor-weighted long-short portfolio (`cumulative` by `date`)
 * with a rule at 1, or {@link NO_FACTOR_RETURNS} when the frame is empty.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { factorReturnsChart } from "@lib/charts/tearsheet_factor.ts";
 * const f = pl.DataFrame({ cumulative: [1.01, 0.99] })
 *   .withColumns(pl.Series("date", [18000, 18001], pl.Int32).cast(pl.Date));
 * const chart = factorReturnsChart(f, { factor: "mom" });
 * if (typeof chart === "string" || !chart.html.includes('aria-label="line"')) throw new Error();
 * if (factorReturnsChart(f.head(0)) !== "No factor-weighted long-short return: it needs at least 2 symbols on a date.") throw new Error();
 * ```
 */
export function factorReturnsChart(
  factorReturns: pl.DataFrame,
  options: FactorReturnsChartOptions = {},
): Chart | string {
  if (factorReturns.height === 0) return NO_FACTOR_RETURNS;
  const days = floatValues(factorReturns, "date");
  const values = floatValues(factorReturns, "cumulative");
  const data = Array.from(days, (d, i) => ({ date: dateOf(d), value: values[i] }));
  const last = values[values.length - 1];
  const of = options.factor ? ` of ${options.factor}` : "";
  return plot({
    title: options.title ??
      `Factor-weighted long-short portfolio${of}: cumulative return, 1-day (ends at ${
        last.toFixed(3)
      })`,
    width: 800,
    height: 260,
    x: { type: "utc", label: "Date" },
    y: { label: "Growth of 1", grid: true },
    marks: [
      Plot.ruleY([1], { stroke: "#999" }),
      Plot.lineY(data, { x: "date", y: "value", stroke: "#2ca02c" }),
    ],
  });
}
