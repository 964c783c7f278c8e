/**
 * The performance tear sheet of a portfolio, after pyfolio's and QuantStats': a summary against
 * the benchmark (return-like rows in percent, the Sharpe ratio with its standard error, the
 * probabilistic and deflated Sharpe ratios), the worst drawdowns with their dates, and charts of
 * equity against the benchmark, the equity curve with the worst drawdowns shaded, the underwater
 * curve, monthly and yearly returns, rolling Sharpe ratio, volatility and beta, the distribution
 * of trade returns and, given the close panel, the holdings over time, their concentration and
 * the turnover of each rebalance. The charts beyond the first ones live in tearsheet_*.ts and
 * are re-exported here.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import type { PortfolioResult } from "../portfolio/records.ts";
import type { Trade } from "../portfolio/records.ts";
import { performanceStats, portfolioStats } from "../backtest/stats.ts";
import type { WidePanel } from "../backtest/wide.ts";
import {
  type Holdings,
  holdingsOverTime,
  type RebalanceTurnover,
  rebalanceTurnover,
} from "../backtest/holdings.ts";
import type { AnnualisationOptions } from "../performance/options.ts";
import type { ReturnSeries } from "../performance/relative.ts";
import { alignBenchmark } from "../performance/relative.ts";
import { DEFAULT_ROLLING_WINDOW } from "../performance/rolling.ts";
import { monthlyReturns } from "../performance/calendar.ts";
import { sharpeStandardError } from "../performance/sharpe_inference.ts";
import { type Chart, plot } from "./chart.ts";
import { rdYlGnFill, textColourOn } from "./contrast.ts";
import {
  checkSeries,
  dateOf,
  namesOf,
  rebased,
  type SeriesChartOptions,
  type SeriesNames,
} from "./tearsheet_common.ts";
import { logAxis, plainNumber } from "./ticks.ts";
import { drawdownPeriodsChart, worstDrawdowns } from "./tearsheet_drawdowns.ts";
import { yearlyReturnsBars } from "./tearsheet_returns.ts";
import {
  rollingBetaChart,
  rollingSharpeChart,
  rollingVolatilityChart,
} from "./tearsheet_rolling.ts";
import {
  concentrationChart,
  type HoldingsMeans,
  holdingsMeans,
  namesHeldChart,
  turnoverChart,
} from "./tearsheet_holdings.ts";
import { statsFrame, type StatsInput, summaryFrame } from "./tearsheet_stats.ts";

const WEALTH = "Wealth (start = 100)";

export type { SeriesChartOptions, SeriesNames } from "./tearsheet_common.ts";
export {
  drawdownPeriodsChart,
  type DrawdownPeriodsOptions,
  worstDrawdowns,
} from "./tearsheet_drawdowns.ts";
export { yearlyReturnsBars, type YearlyReturnsOptions } from "./tearsheet_returns.ts";
export {
  rollingBetaChart,
  type RollingChartOptions,
  rollingSharpeChart,
  rollingVolatility,
  rollingVolatilityChart,
  type RollingVolatilityOptions,
} from "./tearsheet_rolling.ts";
export {
  concentrationChart,
  type HoldingsMeans,
  holdingsMeans,
  namesHeldChart,
  turnoverChart,
} from "./tearsheet_holdings.ts";
export { formatStat, type StatFormat } from "./tearsheet_stats.ts";
export {
  factorReturnsChart,
  type FactorReturnsChartOptions,
  NO_FACTOR_RETURNS,
} from "./tearsheet_factor.ts";

const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** Options of {@link equityVsBenchmark}. */
export interface EquityChartOptions {
  /** Log y scale, so equal percentage moves look equal. Defaults to false. */
  log?: boolean;
  /** Legend names. */
  names?: SeriesNames;
  /** Chart title. Defaults to "Equity vs benchmark". */
  title?: string;
}

/**
 * Returns the portfolio's wealth against the benchmark's over the portfolio's dates, both
 * rebased to 100 before the first return, on a linear or log scale.
 *
 * @example
 * ```ts
 * import { equityVsBenchmark } from "@lib/charts/tearsheet.ts";
 * const dates = new Float64Array([18_000, 18_001, 18_002]);
 * const chart = equityVsBenchmark({ dates, returns: new Float64Array([0.01, 0.02, -0.01]) },
 *   { dates, returns: new Float64Array([0, 0.01, 0.01]) }, { log: true });
 * if (!chart.html.includes('aria-label="line"')) throw new Error("no line");
 * ```
 */
export function equityVsBenchmark(
  portfolio: ReturnSeries,
  benchmark?: ReturnSeries,
  options: EquityChartOptions = {},
): Chart {
  checkSeries(portfolio, "portfolio");
  const names = namesOf(options.names);
  const series: [string, Float64Array][] = [[names.portfolio, rebased(portfolio.returns)]];
  if (benchmark) {
    series.push([names.benchmark, rebased(alignBenchmark(portfolio.dates, benchmark))]);
  }
  const data = series.flatMap(([name, wealth]) =>
    Array.from(wealth, (value, t) => ({
      series: name,
      date: dateOf(portfolio.dates[t]),
      value,
    }))
  );
  const domain = series.map(([name]) => name);
  const axis = options.log
    ? logAxis(data.map((d) => d.value), `${WEALTH.slice(0, -1)}, log scale)`, plainNumber)
    : undefined;
  return plot({
    title: options.title ?? "Equity vs benchmark",
    width: 800,
    height: 320,
    x: { type: "utc", label: "Date" },
    y: axis?.scale ?? { type: "linear", label: WEALTH, grid: true },
    color: { legend: domain.length > 1, domain },
    marks: [
      ...(axis?.marks ?? []),
      Plot.ruleY([100], { stroke: "#ccc" }),
      Plot.lineY(data, { x: "date", y: "value", stroke: "series" }),
    ],
  });
}

/**
 * Returns the underwater curve: the fall of compounded wealth from its running peak, in
 * percent, as a filled area (the starting wealth is the first peak).
 */
export function underwaterChart(series: ReturnSeries, options: SeriesChartOptions = {}): Chart {
  checkSeries(series, "series");
  const wealth = rebased(series.returns);
  let peak = 100;
  const data = Array.from(wealth, (w, t) => {
    if (w > peak) peak = w;
    return { date: dateOf(series.dates[t]), drawdown: 100 * (w / peak - 1) };
  });
  return plot({
    title: options.title ?? "Underwater (drawdown from peak)",
    width: 800,
    height: 220,
    x: { type: "utc", label: "Date" },
    y: { label: "Drawdown (%)", grid: true },
    marks: [
      Plot.areaY(data, { x: "date", y: "drawdown", fill: "#d73027", fillOpacity: 0.35 }),
      Plot.lineY(data, { x: "date", y: "drawdown", stroke: "#d73027" }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Returns a year x month heatmap of compounded monthly returns, each cell labelled with its
 * return in percent (one decimal), coloured on a diverging scale centred on 0.
 *
 * @example
 * ```ts
 * import { monthlyReturnsHeatmap } from "@lib/charts/tearsheet.ts";
 * const chart = monthlyReturnsHeatmap({ dates: new Float64Array([18291, 18295]), returns: new Float64Array([0.1, -0.05]) });
 * if (!chart.html.includes("10.0") || !chart.html.includes("-5.0")) throw new Error("no labels");
 * ```
 */
export function monthlyReturnsHeatmap(
  series: ReturnSeries,
  options: SeriesChartOptions = {},
): Chart {
  checkSeries(series, "series");
  const cells = monthlyReturns(series).map((m) => ({
    year: String(m.year),
    month: MONTHS[m.month - 1],
    value: 100 * m.return,
    // a loss that rounds to nothing reads "0.0", not "-0.0"
    label: (100 * m.return).toFixed(1).replace(/^-(0\.0)$/, "$1"),
  }));
  const years = [...new Set(cells.map((c) => c.year))];
  const extreme = cells.reduce((m, c) => Math.max(m, Math.abs(c.value)), 1e-9);
  return plot({
    title: options.title ?? "Monthly returns (%)",
    width: 800,
    height: 60 + 26 * years.length,
    marginLeft: 50,
    x: { domain: [...MONTHS], label: null, axis: "top" },
    y: { domain: years, label: null },
    color: { type: "diverging", scheme: "RdYlGn", domain: [-extreme, extreme], pivot: 0 },
    marks: [
      Plot.cell(cells, { x: "month", y: "year", fill: "value", inset: 1 }),
      Plot.text(cells, {
        x: "month",
        y: "year",
        text: "label",
        fontSize: 10,
        // RdYlGn is dark at both ends: the text takes the colour that contrasts more with its cell
        fill: (c: { value: number }) => textColourOn(rdYlGnFill(c.value, extreme)),
      }),
    ],
  });
}

/** Options of {@link tradeReturnHistogram}. */
export interface HistogramOptions extends SeriesChartOptions {
  /** Approximate number of bins. Defaults to 40. */
  thresholds?: number;
}

/**
 * Returns the histogram of closed trades' returns (profit over cost, after fees) in percent,
 * with a rule at 0. Throws when there is no closed trade.
 */
export function tradeReturnHistogram(
  trades: readonly Trade[],
  options: HistogramOptions = {},
): Chart {
  const values = trades.filter((t) => t.status === "closed").map((t) => 100 * t.return);
  if (values.length === 0) throw new Error("tradeReturnHistogram: no closed trades");
  return plot({
    title: options.title ?? `Trade returns (${values.length} closed trades)`,
    width: 800,
    height: 240,
    x: { label: "Trade return (%)" },
    y: { label: "Trades", grid: true },
    marks: [
      Plot.rectY(values, {
        ...Plot.binX({ y: "count" }, {
          x: (v: number) => v,
          thresholds: options.thresholds ?? 40,
        }),
        fill: "#4c78a8",
      }),
      Plot.ruleX([0], { stroke: "currentColor" }),
      Plot.ruleY([0]),
    ],
  });
}

/** Options of {@link tearSheet}. */
export interface TearSheetOptions extends AnnualisationOptions {
  /** Names of the portfolio and the benchmark (table columns and legends). */
  names?: SeriesNames;
  /** Rolling window of the rolling Sharpe ratio, volatility and beta. Defaults to 126. */
  window?: number;
  /** Log scale for the equity charts. Defaults to false. */
  log?: boolean;
  /** Annualised Sharpe ratios of every variant tried, for the deflated Sharpe ratio row. */
  trialSharpes?: ArrayLike<number>;
  /** Number of worst drawdowns listed and shaded. Defaults to 5. */
  topDrawdowns?: number;
  /**
   * The wide close panel the portfolio traded: with it, the holdings over time, their
   * concentration and the turnover per rebalance (charts and table rows). Defaults to none.
   */
  close?: WidePanel;
}

/** What {@link tearSheet} returns. */
export interface TearSheet {
  /**
   * One row per statistic as numbers (for logging): `statistic`, then a column for the
   * portfolio and the benchmark (NaN where a row does not apply).
   */
  stats: pl.DataFrame;
  /**
   * The same rows for reading, as text: return-like rows in percent, the Sharpe ratio as
   * `SR ± SE`, and with `close` the holdings means.
   */
  summary: pl.DataFrame;
  /**
   * The worst drawdowns, deepest first: `rank`, `peak`, `trough`, `recovery` (dates; peak is
   * null for the starting cash, recovery null while under water), `depth`, `duration` (periods).
   */
  drawdowns: pl.DataFrame;
  /** The charts, by what each shows. */
  charts: TearSheetCharts;
  /** The headline numbers (see {@link tearSheetMetrics}). */
  headline: TearSheetHeadline;
  /** Per-date holdings, with `close`. */
  holdings?: Holdings;
  /** Turnover of each date that traded, with `close`. */
  turnover?: RebalanceTurnover;
}

/** The numbers a tear sheet logs. */
export interface TearSheetHeadline {
  /** Annualised Sharpe ratio. */
  sharpe: number;
  /** Its annualised standard error (Lo-Mertens). */
  sharpeError: number;
  /** Probabilistic Sharpe ratio against 0. */
  probabilisticSharpe: number;
  /** The holdings means, with `close`. */
  holdings?: HoldingsMeans;
}

/** What the tear sheet shows in place of the trade-return histogram when no trade closed. */
export const NO_CLOSED_TRADES = "No closed trades.";

/** The charts of a {@link TearSheet}. */
export interface TearSheetCharts {
  /** Equity against the benchmark. */
  equity: Chart;
  /** The equity curve with the worst drawdowns shaded from peak to recovery. */
  drawdownPeriods: Chart;
  /** The underwater (drawdown) curve. */
  underwater: Chart;
  /** Monthly returns by year and month. */
  monthlyReturns: Chart;
  /** Returns by calendar year against the benchmark. */
  yearlyReturns: Chart;
  /** Rolling Sharpe ratio. */
  rollingSharpe: Chart;
  /** Rolling annualised volatility, with the benchmark's. */
  rollingVolatility: Chart;
  /** Rolling beta to the benchmark; absent without a benchmark. */
  rollingBeta?: Chart;
  /** The distribution of closed trades' returns, or {@link NO_CLOSED_TRADES} when none closed. */
  tradeReturns: Chart | string;
  /** Names held per date; with `close`. */
  namesHeld?: Chart;
  /** Largest weight and Herfindahl index per date; with `close`. */
  concentration?: Chart;
  /** Turnover per rebalance; with `close`. */
  turnover?: Chart;
}

/**
 * Returns the tear sheet of `portfolio` against `benchmark` (a `buyAndHold` portfolio or any
 * dated return series, aligned to the portfolio's dates): the statistics tables, the worst
 * drawdowns and the charts, for a notebook cell.
 *
 * @example
 * ```ts
 * import { tearSheet } from "@lib/charts/tearsheet.ts";
 * import { buyAndHold } from "@lib/backtest/benchmark.ts";
 * const dates = Float64Array.from({ length: 300 }, (_, i) => 18_000 + i);
 * const close = (f: (i: number) => number) => ({ dates, symbols: ["x"], values: Float64Array.from(dates, (_, i) => f(i)) });
 * const sheet = tearSheet(buyAndHold(close((i) => 100 + i / 10 + 5 * Math.sin(i / 9))), buyAndHold(close((i) => 50 + i / 20)), { window: 60 });
 * if (sheet.charts.tradeReturns !== "No closed trades." || sheet.stats.columns[1] !== "strategy") throw new Error();
 * ```
 */
export function tearSheet(
  portfolio: PortfolioResult,
  benchmark?: ReturnSeries,
  options: TearSheetOptions = {},
): TearSheet {
  const names = namesOf(options.names);
  const annualisation = { periodsPerYear: options.periodsPerYear, riskFree: options.riskFree };
  const ours = portfolioStats(portfolio, {
    ...annualisation,
    benchmark,
    trialSharpes: options.trialSharpes,
  });
  const aligned = benchmark ? alignBenchmark(portfolio.dates, benchmark) : undefined;
  const theirs = aligned
    ? performanceStats(aligned, { ...annualisation, benchmark: aligned })
    : undefined;
  const holdings = options.close ? holdingsOverTime(portfolio, options.close) : undefined;
  const turnover = options.close ? rebalanceTurnover(portfolio) : undefined;
  const means = holdings && turnover ? holdingsMeans(holdings, turnover) : undefined;
  const input: StatsInput = {
    ours,
    theirs,
    names,
    deflated: options.trialSharpes !== undefined,
    sharpeError: {
      portfolio: sharpeStandardError(portfolio.returns, annualisation),
      benchmark: aligned ? sharpeStandardError(aligned, annualisation) : NaN,
    },
    holdings: means,
  };
  const window = options.window ?? DEFAULT_ROLLING_WINDOW;
  const top = options.topDrawdowns ?? 5;
  const charts: TearSheetCharts = {
    equity: equityVsBenchmark(portfolio, benchmark, { log: options.log, names: options.names }),
    drawdownPeriods: drawdownPeriodsChart(portfolio, { top, log: options.log, names }),
    underwater: underwaterChart(portfolio),
    monthlyReturns: monthlyReturnsHeatmap(portfolio),
    yearlyReturns: yearlyReturnsBars(portfolio, benchmark, { names }),
    rollingSharpe: rollingSharpeChart(portfolio, { ...annualisation, window }),
    rollingVolatility: rollingVolatilityChart(portfolio, benchmark, {
      ...annualisation,
      window,
      names,
    }),
    tradeReturns: portfolio.trades.some((t) => t.status === "closed")
      ? tradeReturnHistogram(portfolio.trades)
      : NO_CLOSED_TRADES,
  };
  if (benchmark) charts.rollingBeta = rollingBetaChart(portfolio, benchmark, { window });
  if (holdings && turnover) {
    charts.namesHeld = namesHeldChart(holdings, { title: `${names.portfolio}: names held` });
    charts.concentration = concentrationChart(holdings, {
      title: `${names.portfolio}: concentration`,
    });
    charts.turnover = turnoverChart(turnover, {
      title: `${names.portfolio}: turnover per rebalance (traded value / equity)`,
    });
  }
  return {
    stats: statsFrame(input),
    summary: summaryFrame(input),
    drawdowns: worstDrawdowns(portfolio, top),
    charts,
    headline: {
      sharpe: ours.sharpe,
      sharpeError: input.sharpeError.portfolio,
      probabilisticSharpe: ours.probabilisticSharpe,
      holdings: means,
    },
    holdings,
    turnover,
  };
}

/**
 * Returns the tear sheet's headline as metrics named after the portfolio:
 * `{name}_sharpe_se`, `{name}_psr` and, with holdings, `{name}_turnover_mean` and
 * `{name}_names_held_mean`; values that are not finite are left out (MLflow refuses them).
 */
export function tearSheetMetrics(sheet: TearSheet, name: string): Record<string, number> {
  const { headline } = sheet;
  const all: Record<string, number> = {
    [`${name}_sharpe_se`]: headline.sharpeError,
    [`${name}_psr`]: headline.probabilisticSharpe,
  };
  if (headline.holdings) {
    all[`${name}_turnover_mean`] = headline.holdings.turnover;
    all[`${name}_names_held_mean`] = headline.holdings.namesHeld;
  }
  return Object.fromEntries(Object.entries(all).filter(([, v]) => Number.isFinite(v)));
}
