/**
 * The statistics tables of a tear sheet: the numeric one (every statistic as a number, for
 * logging) and the summary for reading, with return-like rows in percent, the Sharpe ratio with
 * its standard error, and the holdings means, beside the benchmark (QuantStats' `metrics`).
 * @module
 */
import pl from "nodejs-polars";
import type { PerformanceStats, PortfolioStats } from "../backtest/stats.ts";
import type { HoldingsMeans } from "./tearsheet_holdings.ts";

/** How a summary value is written. */
export type StatFormat = "percent" | "ratio" | "count" | "cash";

type Row = readonly [
  string,
  (p: PortfolioStats) => number,
  ((b: PerformanceStats) => number) | undefined,
  StatFormat,
];

/** The rows: label, portfolio value, benchmark value (absent: not applicable), summary format. */
const ROWS: readonly Row[] = [
  ["Total return", (s) => s.totalReturn, (s) => s.totalReturn, "percent"],
  ["Annual return (CAGR)", (s) => s.annualReturn, (s) => s.annualReturn, "percent"],
  ["Annual volatility", (s) => s.annualVolatility, (s) => s.annualVolatility, "percent"],
  ["Sharpe ratio", (s) => s.sharpe, (s) => s.sharpe, "ratio"],
  ["Sortino ratio", (s) => s.sortino, (s) => s.sortino, "ratio"],
  ["Calmar ratio", (s) => s.calmar, (s) => s.calmar, "ratio"],
  ["Omega ratio", (s) => s.omega, (s) => s.omega, "ratio"],
  ["Stability", (s) => s.stability, (s) => s.stability, "ratio"],
  ["Max drawdown", (s) => s.maxDrawdown, (s) => s.maxDrawdown, "percent"],
  [
    "Longest drawdown (periods)",
    (s) => s.maxDrawdownDuration,
    (s) => s.maxDrawdownDuration,
    "count",
  ],
  ["VaR 95% (per period)", (s) => s.valueAtRisk, (s) => s.valueAtRisk, "percent"],
  [
    "CVaR 95% (per period)",
    (s) => s.conditionalValueAtRisk,
    (s) => s.conditionalValueAtRisk,
    "percent",
  ],
  ["Tail ratio", (s) => s.tailRatio, (s) => s.tailRatio, "ratio"],
  ["Skew", (s) => s.skew, (s) => s.skew, "ratio"],
  ["Excess kurtosis", (s) => s.kurtosis, (s) => s.kurtosis, "ratio"],
  ["Probabilistic Sharpe", (s) => s.probabilisticSharpe, (s) => s.probabilisticSharpe, "percent"],
  ["Deflated Sharpe", (s) => s.deflatedSharpe, undefined, "percent"],
  ["Alpha (annual)", (s) => s.alpha, (s) => s.alpha, "percent"],
  ["Beta", (s) => s.beta, (s) => s.beta, "ratio"],
  ["Information ratio", (s) => s.informationRatio, (s) => s.informationRatio, "ratio"],
  ["Period win rate", (s) => s.periodWinRate, (s) => s.periodWinRate, "percent"],
  ["Period profit factor", (s) => s.periodProfitFactor, (s) => s.periodProfitFactor, "ratio"],
  ["Trades", (s) => s.trades, undefined, "count"],
  ["Trade win rate", (s) => s.tradeWinRate, undefined, "percent"],
  ["Trade profit factor", (s) => s.tradeProfitFactor, undefined, "ratio"],
  ["Trade expectancy (cash)", (s) => s.tradeExpectancy, undefined, "cash"],
  ["Trade expectancy (return)", (s) => s.tradeExpectancyReturn, undefined, "percent"],
  ["Exposure", (s) => s.exposure, undefined, "percent"],
  ["Turnover (annual)", (s) => s.turnover, undefined, "ratio"],
  ["Fees", (s) => s.fees, undefined, "cash"],
  ["Periods", (s) => s.periods, (s) => s.periods, "count"],
];

/** The two sides of a table, and what only the tear sheet computes. */
export interface StatsInput {
  /** The portfolio's statistics. */
  ours: PortfolioStats;
  /** The benchmark's statistics (aligned to the portfolio's dates); absent without one. */
  theirs?: PerformanceStats;
  /** Column names. */
  names: { portfolio: string; benchmark: string };
  /** Whether the deflated Sharpe ratio row is shown (trial Sharpe ratios were given). */
  deflated: boolean;
  /** Annualised standard errors of the Sharpe ratios (Lo-Mertens). */
  sharpeError: { portfolio: number; benchmark: number };
  /** The holdings means, when the tear sheet had the close panel. */
  holdings?: HoldingsMeans;
}

function rowsOf(input: StatsInput): readonly Row[] {
  return ROWS.filter(([label]) => label !== "Deflated Sharpe" || input.deflated);
}

/**
 * Returns the numeric table: `statistic`, the portfolio's column and, with a benchmark, the
 * benchmark's (NaN where a row does not apply), plus `Sharpe standard error` and, with holdings,
 * their means.
 */
export function statsFrame(input: StatsInput): pl.DataFrame {
  const rows = rowsOf(input);
  const labels = rows.map(([label]) => label);
  const ours = rows.map(([, f]) => f(input.ours));
  const theirs = rows.map(([, , f]) => (f && input.theirs ? f(input.theirs) : NaN));
  const at = labels.indexOf("Sharpe ratio") + 1;
  labels.splice(at, 0, "Sharpe standard error");
  ours.splice(at, 0, input.sharpeError.portfolio);
  theirs.splice(at, 0, input.sharpeError.benchmark);
  for (const [label, value] of holdingsRows(input.holdings)) {
    labels.push(label);
    ours.push(value);
    theirs.push(NaN);
  }
  const columns = [
    pl.Series("statistic", labels, pl.Utf8),
    pl.Series(input.names.portfolio, ours, pl.Float64),
  ];
  if (input.theirs) columns.push(pl.Series(input.names.benchmark, theirs, pl.Float64));
  return pl.DataFrame(columns);
}

function holdingsRows(h?: HoldingsMeans): [string, number, StatFormat][] {
  if (!h) return [];
  return [
    ["Names held (mean)", h.namesHeld, "ratio"],
    ["Largest weight (mean)", h.maxWeight, "percent"],
    ["Herfindahl index (mean)", h.herfindahl, "ratio"],
    ["Turnover per rebalance (mean)", h.turnover, "percent"],
    ["Rebalances", h.rebalances, "count"],
  ];
}

/**
 * Returns `value` as the summary writes it: percent with 2 decimals, a ratio with 2, a count
 * as an integer, cash with thousands separators; "–" for NaN and ±∞ as "∞" / "-∞".
 *
 * @example
 * ```ts
 * import { formatStat } from "@lib/charts/tearsheet_stats.ts";
 * if (formatStat(0.12345, "percent") !== "12.35%" || formatStat(NaN, "ratio") !== "–") throw new Error();
 * ```
 */
export function formatStat(value: number, format: StatFormat): string {
  if (Number.isNaN(value)) return "–";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  switch (format) {
    case "percent":
      return `${(100 * value).toFixed(2)}%`;
    case "count":
      return value.toFixed(0);
    case "cash":
      return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
    default:
      return value.toFixed(2);
  }
}

/**
 * Returns the summary for reading: `statistic` and one text column per side, return-like rows
 * in percent, the Sharpe ratio as `SR ± SE` (annualised, Lo-Mertens), then the holdings means.
 */
export function summaryFrame(input: StatsInput): pl.DataFrame {
  const rows = rowsOf(input);
  const labels: string[] = [];
  const ours: string[] = [];
  const theirs: string[] = [];
  for (const [label, f, g, format] of rows) {
    const sharpe = label === "Sharpe ratio";
    labels.push(sharpe ? "Sharpe ratio (± standard error)" : label);
    const a = formatStat(f(input.ours), format);
    const b = g && input.theirs ? formatStat(g(input.theirs), format) : "";
    const se = input.sharpeError;
    ours.push(sharpe ? `${a} ± ${formatStat(se.portfolio, "ratio")}` : a);
    theirs.push(sharpe && b ? `${b} ± ${formatStat(se.benchmark, "ratio")}` : b);
  }
  for (const [label, value, format] of holdingsRows(input.holdings)) {
    labels.push(label);
    ours.push(formatStat(value, format));
    theirs.push("");
  }
  const columns = [
    pl.Series("statistic", labels, pl.Utf8),
    pl.Series(input.names.portfolio, ours, pl.Utf8),
  ];
  if (input.theirs) columns.push(pl.Series(input.names.benchmark, theirs, pl.Utf8));
  return pl.DataFrame(columns);
}
