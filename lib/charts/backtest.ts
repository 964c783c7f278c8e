/**
 * Charts of backtests: equity curves against the benchmark, and drawdowns.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { PortfolioResult } from "../backtest/result.ts";
import { plot } from "./chart.ts";
import type { Chart } from "./chart.ts";

const dayMs = 86_400_000;

/** Options of the backtest charts. */
export interface BacktestChartOptions {
  /** Chart title. */
  title?: string;
}

function long(
  portfolios: Readonly<Record<string, PortfolioResult>>,
  pick: (pf: PortfolioResult, t: number) => number,
) {
  const names = Object.keys(portfolios);
  if (names.length === 0) throw new Error("no portfolios given");
  const data = names.flatMap((strategy) => {
    const pf = portfolios[strategy];
    return Array.from(
      pf.dates,
      (d, t) => ({ strategy, date: new Date(d * dayMs), value: pick(pf, t) }),
    );
  });
  return { names, data };
}

/**
 * Returns each portfolio's equity over time, one line per named portfolio (strategies and the
 * benchmark), scaled to start at 100 so different starting cash compares.
 */
export function equityCurves(
  portfolios: Readonly<Record<string, PortfolioResult>>,
  options: BacktestChartOptions = {},
): Chart {
  const { names, data } = long(portfolios, (pf, t) => (100 * pf.equity[t]) / pf.initialCash);
  return plot({
    title: options.title ?? "Equity vs benchmark",
    x: { type: "utc", label: "Date" },
    y: { label: "Equity (start = 100)", grid: true },
    color: { legend: names.length > 1, domain: names },
    marks: [
      Plot.ruleY([100], { stroke: "#ccc" }),
      Plot.lineY(data, { x: "date", y: "value", stroke: "strategy" }),
    ],
  });
}

/** Returns each portfolio's drawdown from its running peak, in percent. */
export function drawdownChart(
  portfolios: Readonly<Record<string, PortfolioResult>>,
  options: BacktestChartOptions = {},
): Chart {
  const { names, data } = long(portfolios, (pf, t) => 100 * pf.drawdown[t]);
  return plot({
    title: options.title ?? "Drawdown",
    x: { type: "utc", label: "Date" },
    y: { label: "Drawdown from peak (%)", grid: true },
    color: { legend: names.length > 1, domain: names },
    marks: [Plot.ruleY([0]), Plot.lineY(data, { x: "date", y: "value", stroke: "strategy" })],
  });
}
