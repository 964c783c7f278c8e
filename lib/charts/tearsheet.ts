/**
 * The performance tear sheet of a portfolio: a statistics table against the benchmark, the
 * worst drawdowns, and charts of equity against the benchmark, the underwater curve, monthly
 * returns, rolling Sharpe ratio and beta, and the distribution of trade returns.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import type { PortfolioResult } from "../portfolio/records.ts";
import type { Trade } from "../portfolio/records.ts";
import { performanceStats, portfolioStats } from "../backtest/stats.ts";
import type { PerformanceStats, PortfolioStats } from "../backtest/stats.ts";
import type { AnnualisationOptions } from "../performance/options.ts";
import type { ReturnSeries } from "../performance/relative.ts";
import { alignBenchmark } from "../performance/relative.ts";
import { DEFAULT_ROLLING_WINDOW, rollingBeta, rollingSharpe } from "../performance/rolling.ts";
import { monthlyReturns } from "../performance/calendar.ts";
import { drawdownPeriods } from "../performance/drawdown.ts";
import { sharpeRatio } from "../performance/ratios.ts";
import { daySeries } from "../validation/days.ts";
import { type Chart, plot } from "./chart.ts";

const dayMs = 86_400_000;
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

/** Names of the two series in legends and table columns. */
export interface SeriesNames {
  /** The portfolio's name. Defaults to "strategy". */
  portfolio?: string;
  /** The benchmark's name. Defaults to "benchmark". */
  benchmark?: string;
}

function namesOf(names: SeriesNames = {}): Required<SeriesNames> {
  const out = {
    portfolio: names.portfolio ?? "strategy",
    benchmark: names.benchmark ?? "benchmark",
  };
  if (out.portfolio === out.benchmark) {
    throw new Error(`portfolio and benchmark need different names; both are "${out.portfolio}"`);
  }
  return out;
}

function checkSeries(series: ReturnSeries, what: string): void {
  if (series.dates.length !== series.returns.length) {
    throw new Error(
      `${what} has ${series.dates.length} dates but ${series.returns.length} returns`,
    );
  }
  if (series.dates.length === 0) throw new Error(`${what} has no dates`);
}

/** Returns wealth rebased to 100 before the first return. */
function rebased(returns: Float64Array): Float64Array {
  const out = new Float64Array(returns.length);
  let w = 100;
  for (let t = 0; t < returns.length; t++) out[t] = w *= 1 + returns[t];
  return out;
}

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
      date: new Date(portfolio.dates[t] * dayMs),
      value,
    }))
  );
  const domain = series.map(([name]) => name);
  return plot({
    title: options.title ?? "Equity vs benchmark",
    width: 800,
    height: 320,
    x: { type: "utc", label: "Date" },
    y: {
      type: options.log ? "log" : "linear",
      label: `Wealth (start = 100${options.log ? ", log scale" : ""})`,
      grid: true,
    },
    color: { legend: domain.length > 1, domain },
    marks: [
      Plot.ruleY([100], { stroke: "#ccc" }),
      Plot.lineY(data, { x: "date", y: "value", stroke: "series" }),
    ],
  });
}

/** Options of the single-series charts. */
export interface SeriesChartOptions {
  /** Chart title. */
  title?: string;
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
    return { date: new Date(series.dates[t] * dayMs), drawdown: 100 * (w / peak - 1) };
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
      Plot.text(cells, { x: "month", y: "year", text: "label", fontSize: 10 }),
    ],
  });
}

/** Options of {@link rollingSharpeChart}. */
export interface RollingChartOptions extends AnnualisationOptions, SeriesChartOptions {
  /** Window in periods. Defaults to 126 (half a year of trading days). */
  window?: number;
}

function rollingPoints(dates: Float64Array, values: Float64Array) {
  const out: { date: Date; value: number }[] = [];
  for (let t = 0; t < values.length; t++) {
    if (Number.isFinite(values[t])) {
      out.push({ date: new Date(dates[t] * dayMs), value: values[t] });
    }
  }
  return out;
}

/** The whole series' date span, so a rolling chart lines up with the equity chart above it. */
function dateDomain(dates: Float64Array): [Date, Date] {
  return [new Date(dates[0] * dayMs), new Date(dates[dates.length - 1] * dayMs)];
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
  const data = rollingPoints(series.dates, rollingSharpe(series.returns, window, options));
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
  const data = rollingPoints(series.dates, rollingBeta(series.returns, aligned, window));
  return plot({
    title: options.title ?? `Rolling beta to the benchmark (${window} periods)`,
    width: 800,
    height: 220,
    x: { type: "utc", label: "Date", domain: dateDomain(series.dates) },
    y: { label: "Beta", grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleY([1], { stroke: "#999", strokeDasharray: "4 3" }),
      Plot.lineY(data, { x: "date", y: "value", stroke: "#ff7f0e" }),
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
  /** Rolling window of the rolling Sharpe ratio and beta. Defaults to 126. */
  window?: number;
  /** Log scale for the equity chart. Defaults to false. */
  log?: boolean;
  /** Annualised Sharpe ratios of every variant tried, for the deflated Sharpe ratio row. */
  trialSharpes?: ArrayLike<number>;
  /** Number of worst drawdowns listed. Defaults to 5. */
  topDrawdowns?: number;
}

/** What {@link tearSheet} returns. */
export interface TearSheet {
  /** One row per statistic: `statistic`, then a column for the portfolio and the benchmark. */
  stats: pl.DataFrame;
  /**
   * The worst drawdowns, deepest first: `rank`, `peak`, `trough`, `recovery` (dates; peak is
   * null for the starting cash, recovery null while under water), `depth`, `duration` (periods).
   */
  drawdowns: pl.DataFrame;
  /** The charts, by what each shows. */
  charts: TearSheetCharts;
}

/** What the tear sheet shows in place of the trade-return histogram when no trade closed. */
export const NO_CLOSED_TRADES = "No closed trades.";

/** The charts of a {@link TearSheet}. */
export interface TearSheetCharts {
  /** Equity against the benchmark. */
  equity: Chart;
  /** The underwater (drawdown) curve. */
  underwater: Chart;
  /** Monthly returns by year and month. */
  monthlyReturns: Chart;
  /** Rolling Sharpe ratio. */
  rollingSharpe: Chart;
  /** Rolling beta to the benchmark; absent without a benchmark. */
  rollingBeta?: Chart;
  /** The distribution of closed trades' returns, or {@link NO_CLOSED_TRADES} when none closed. */
  tradeReturns: Chart | string;
}

type Row = readonly [string, (p: PortfolioStats) => number, ((b: PerformanceStats) => number)?];

/** The table's rows: label, portfolio value, benchmark value (absent: not applicable). */
const ROWS: readonly Row[] = [
  ["Total return", (s) => s.totalReturn, (s) => s.totalReturn],
  ["Annual return (CAGR)", (s) => s.annualReturn, (s) => s.annualReturn],
  ["Annual volatility", (s) => s.annualVolatility, (s) => s.annualVolatility],
  ["Sharpe ratio", (s) => s.sharpe, (s) => s.sharpe],
  ["Sortino ratio", (s) => s.sortino, (s) => s.sortino],
  ["Calmar ratio", (s) => s.calmar, (s) => s.calmar],
  ["Omega ratio", (s) => s.omega, (s) => s.omega],
  ["Stability", (s) => s.stability, (s) => s.stability],
  ["Max drawdown", (s) => s.maxDrawdown, (s) => s.maxDrawdown],
  ["Longest drawdown (periods)", (s) => s.maxDrawdownDuration, (s) => s.maxDrawdownDuration],
  ["VaR 95% (per period)", (s) => s.valueAtRisk, (s) => s.valueAtRisk],
  ["CVaR 95% (per period)", (s) => s.conditionalValueAtRisk, (s) => s.conditionalValueAtRisk],
  ["Tail ratio", (s) => s.tailRatio, (s) => s.tailRatio],
  ["Skew", (s) => s.skew, (s) => s.skew],
  ["Excess kurtosis", (s) => s.kurtosis, (s) => s.kurtosis],
  ["Probabilistic Sharpe", (s) => s.probabilisticSharpe, (s) => s.probabilisticSharpe],
  ["Deflated Sharpe", (s) => s.deflatedSharpe],
  ["Alpha (annual)", (s) => s.alpha, (s) => s.alpha],
  ["Beta", (s) => s.beta, (s) => s.beta],
  ["Information ratio", (s) => s.informationRatio, (s) => s.informationRatio],
  ["Period win rate", (s) => s.periodWinRate, (s) => s.periodWinRate],
  ["Period profit factor", (s) => s.periodProfitFactor, (s) => s.periodProfitFactor],
  ["Trades", (s) => s.trades],
  ["Trade win rate", (s) => s.tradeWinRate],
  ["Trade profit factor", (s) => s.tradeProfitFactor],
  ["Trade expectancy (cash)", (s) => s.tradeExpectancy],
  ["Trade expectancy (return)", (s) => s.tradeExpectancyReturn],
  ["Exposure", (s) => s.exposure],
  ["Turnover (annual)", (s) => s.turnover],
  ["Fees", (s) => s.fees],
  ["Periods", (s) => s.periods, (s) => s.periods],
];

/** Returns the `top` deepest drawdowns of `series` as a frame (see {@link TearSheet}). */
export function worstDrawdowns(series: ReturnSeries, top = 5): pl.DataFrame {
  checkSeries(series, "series");
  const worst = drawdownPeriods(series.returns).sort((a, b) => a.depth - b.depth).slice(0, top);
  const day = (i: number) => (i >= 0 ? series.dates[i] : NaN);
  return pl.DataFrame([
    pl.Series("rank", worst.map((_, i) => i + 1), pl.Float64).cast(pl.Int32),
    daySeries("peak", worst.map((p) => day(p.peak))),
    daySeries("trough", worst.map((p) => day(p.trough))),
    daySeries("recovery", worst.map((p) => day(p.recovery))),
    pl.Series("depth", worst.map((p) => p.depth), pl.Float64),
    pl.Series("duration", worst.map((p) => p.duration), pl.Float64).cast(pl.Int32),
  ]);
}

/**
 * Returns the tear sheet of `portfolio` against `benchmark` (a `buyAndHold` portfolio or any
 * dated return series, aligned to the portfolio's dates): the statistics table, the worst
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
  const rows = ROWS.filter(([label]) => label !== "Deflated Sharpe" || options.trialSharpes);
  const columns = [
    pl.Series("statistic", rows.map(([label]) => label), pl.Utf8),
    pl.Series(names.portfolio, rows.map(([, f]) => f(ours)), pl.Float64),
  ];
  if (theirs) {
    columns.push(
      pl.Series(names.benchmark, rows.map(([, , f]) => (f ? f(theirs) : NaN)), pl.Float64),
    );
  }
  const window = options.window ?? DEFAULT_ROLLING_WINDOW;
  const charts: TearSheetCharts = {
    equity: equityVsBenchmark(portfolio, benchmark, { log: options.log, names: options.names }),
    underwater: underwaterChart(portfolio),
    monthlyReturns: monthlyReturnsHeatmap(portfolio),
    rollingSharpe: rollingSharpeChart(portfolio, { ...annualisation, window }),
    tradeReturns: portfolio.trades.some((t) => t.status === "closed")
      ? tradeReturnHistogram(portfolio.trades)
      : NO_CLOSED_TRADES,
  };
  if (benchmark) charts.rollingBeta = rollingBetaChart(portfolio, benchmark, { window });
  return {
    stats: pl.DataFrame(columns),
    drawdowns: worstDrawdowns(portfolio, options.topDrawdowns ?? 5),
    charts,
  };
}
