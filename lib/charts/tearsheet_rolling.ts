/**
 * Rolling charts of the tear sheet: the Sharpe ratio, the annualised volatility (pyfolio's
 * rolling volatility, with the benchmark's) and beta to the benchmark over a trailing window.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { AnnualisationOptions } from "../performance/options.ts";
import type { ReturnSeries } from "../performance/relative.ts";
import { alignBenchmark } from "../performance/relative.ts";
import { annualVolatility, sharpeRatio } from "../performance/ratios.ts";
import { DEFAULT_ROLLING_WINDOW, rollingBeta, rollingSharpe } from "../performance/rolling.ts";
import { type Chart, plot } from "./chart.ts";
import { readable } from "./palette.ts";
import {
  checkSeries,
  dateDomain,
  finitePoints,
  namesOf,
  type SeriesChartOptions,
  type SeriesNames,
} from "./tearsheet_common.ts";

/** Options of {@link rollingSharpeChart}. */
export interface RollingChartOptions extends AnnualisationOptions, SeriesChartOptions {
  /** Window in periods. Defaults to 126 (half a year of trading days). */
  window?: number;
}

/**
 * Returns the annualised Sharpe ratio over a trailing window (warm-up left out), with a rule
 * at 0 and a dashed rule at the whole period's Sharpe ratio.
 */
export function rollingSharpeChart(
  series: ReturnSeries,
  options: RollingChartOptions = {},
): Chart {
  checkSeries(series, "series");
  const window = options.window ?? DEFAULT_ROLLING_WINDOW;
  const data = finitePoints(series.dates, rollingSharpe(series.returns, window, options));
  const overall = sharpeRatio(series.returns, options);
  return plot({
    title: options.title ?? `Rolling Sharpe ratio (${window} periods)`,
    width: 800,
    height: 220,
    x: { type: "utc", label: "Date", domain: dateDomain(series.dates) },
    y: { label: "Sharpe ratio (annualised)", grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleY(Number.isFinite(overall) ? [overall] : [], {
        stroke: "#1f77b4",
        strokeDasharray: "4 3",
      }),
      Plot.lineY(data, { x: "date", y: "value", stroke: "#1f77b4" }),
    ],
  });
}

/**
 * Returns beta against the benchmark over a trailing window (warm-up left out), with rules at
 * 0 and 1 (the market's own beta).
 */
export function rollingBetaChart(
  series: ReturnSeries,
  benchmark: ReturnSeries,
  options: Omit<RollingChartOptions, keyof AnnualisationOptions> = {},
): Chart {
  checkSeries(series, "series");
  const window = options.window ?? DEFAULT_ROLLING_WINDOW;
  const aligned = alignBenchmark(series.dates, benchmark);
  const data = finitePoints(series.dates, rollingBeta(series.returns, aligned, window));
  return plot({
    title: options.title ?? `Rolling beta to the benchmark (${window} periods)`,
    width: 800,
    height: 220,
    x: { type: "utc", label: "Date", domain: dateDomain(series.dates) },
    y: { label: "Beta", grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleY([1], { stroke: "#999", strokeDasharray: "4 3" }),
      Plot.lineY(data, { x: "date", y: "value", stroke: readable("#ff7f0e") }),
    ],
  });
}

/**
 * Returns the annualised volatility (sample std x sqrt(periodsPerYear)) over each trailing
 * `window` of periods (defaults to 126); NaN for the first `window - 1`, never a shorter window.
 *
 * @example
 * ```ts
 * import { rollingVolatility } from "@lib/charts/tearsheet_rolling.ts";
 * const v = rollingVolatility(new Float64Array([0.01, 0.03, 0.01]), 2, { periodsPerYear: 4 });
 * if (!Number.isNaN(v[0]) || Math.abs(v[1] - Math.sqrt(0.0002) * 2) > 1e-12) throw new Error();
 * ```
 */
export function rollingVolatility(
  returns: Float64Array,
  window = DEFAULT_ROLLING_WINDOW,
  options: AnnualisationOptions = {},
): Float64Array {
  if (!(Number.isInteger(window) && window >= 2)) {
    throw new Error(`rolling window must be an integer >= 2; got ${window}`);
  }
  const out = new Float64Array(returns.length).fill(NaN);
  for (let t = window - 1; t < returns.length; t++) {
    out[t] = annualVolatility(returns.subarray(t - window + 1, t + 1), options);
  }
  return out;
}

/** Options of {@link rollingVolatilityChart}. */
export interface RollingVolatilityOptions extends RollingChartOptions {
  /** Legend names. */
  names?: SeriesNames;
}

/**
 * Returns the annualised rolling volatility of the portfolio and, with a benchmark, of the
 * benchmark over the same window, on a percent axis (warm-up left out).
 */
export function rollingVolatilityChart(
  portfolio: ReturnSeries,
  benchmark?: ReturnSeries,
  options: RollingVolatilityOptions = {},
): Chart {
  checkSeries(portfolio, "portfolio");
  const names = namesOf(options.names);
  const window = options.window ?? DEFAULT_ROLLING_WINDOW;
  const series: [string, Float64Array][] = [[names.portfolio, portfolio.returns]];
  if (benchmark) series.push([names.benchmark, alignBenchmark(portfolio.dates, benchmark)]);
  const data = series.flatMap(([name, returns]) =>
    finitePoints(portfolio.dates, rollingVolatility(returns, window, options)).map((p) => ({
      ...p,
      series: name,
    }))
  );
  const domain = series.map(([name]) => name);
  return plot({
    title: options.title ?? `Rolling volatility (${window} periods, annualised)`,
    width: 800,
    height: 220,
    x: { type: "utc", label: "Date", domain: dateDomain(portfolio.dates) },
    y: { percent: true, label: "Volatility (%)", grid: true },
    color: { legend: domain.length > 1, domain },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(data, { x: "date", y: "value", stroke: "series" }),
    ],
  });
}
