/**
 * Compounded returns by calendar year against the benchmark (pyfolio's annual returns), for the
 * tear sheet.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ReturnSeries } from "../performance/relative.ts";
import { alignBenchmark } from "../performance/relative.ts";
import { yearlyReturns } from "../performance/calendar.ts";
import { type Chart, plot } from "./chart.ts";
import {
  checkSeries,
  namesOf,
  type SeriesChartOptions,
  type SeriesNames,
} from "./tearsheet_common.ts";

/** Options of {@link yearlyReturnsBars}. */
export interface YearlyReturnsOptions extends SeriesChartOptions {
  /** Legend names. */
  names?: SeriesNames;
}

/**
 * Returns one group of bars per calendar year: the portfolio's compounded return and, with a
 * benchmark (aligned to the portfolio's dates), the benchmark's, on a percent axis.
 *
 * @example
 * ```ts
 * import { yearlyReturnsBars } from "@lib/charts/tearsheet_returns.ts";
 * // 2019-12-31 and 2020-01-02
 * const dates = new Float64Array([18261, 18263]);
 * const chart = yearlyReturnsBars({ dates, returns: new Float64Array([0.1, -0.05]) });
 * if (!chart.html.includes(">2019<") || !chart.html.includes("Return (%)")) throw new Error();
 * ```
 */
export function yearlyReturnsBars(
  portfolio: ReturnSeries,
  benchmark?: ReturnSeries,
  options: YearlyReturnsOptions = {},
): Chart {
  checkSeries(portfolio, "portfolio");
  const names = namesOf(options.names);
  const series: [string, ReturnSeries][] = [[names.portfolio, portfolio]];
  if (benchmark) {
    series.push([names.benchmark, {
      dates: portfolio.dates,
      returns: alignBenchmark(portfolio.dates, benchmark),
    }]);
  }
  const data = series.flatMap(([name, s]) =>
    yearlyReturns(s).map((y) => ({ year: String(y.year), series: name, value: y.return }))
  );
  const domain = series.map(([name]) => name);
  return plot({
    title: options.title ?? "Returns by calendar year",
    width: 800,
    height: 260,
    fx: { label: null },
    x: { axis: null, domain },
    y: { percent: true, label: "Return (%)", grid: true },
    color: { legend: domain.length > 1, domain },
    marks: [
      Plot.barY(data, { fx: "year", x: "series", y: "value", fill: "series" }),
      Plot.ruleY([0]),
    ],
  });
}
