/**
 * Holdings charts of a tear sheet (pyfolio's holdings and turnover plots): the number of names
 * held per date, concentration (the largest weight and the Herfindahl index of the weights) and
 * the turnover of each rebalance, from `holdingsOverTime` and `rebalanceTurnover`
 * (lib/backtest/holdings.ts).
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Holdings, RebalanceTurnover } from "../backtest/holdings.ts";
import { type Chart, plot } from "./chart.ts";
import { dateDomain, finitePoints, type SeriesChartOptions } from "./tearsheet_common.ts";

/** Means of the holdings series (the tear sheet's table rows). */
export interface HoldingsMeans {
  /** Mean number of names held over the dates holding any. */
  namesHeld: number;
  /** Mean largest position weight over the dates holding any. */
  maxWeight: number;
  /** Mean Herfindahl index of the weights over the dates holding any. */
  herfindahl: number;
  /** Mean turnover per date that traded; NaN without trades. */
  turnover: number;
  /** Number of dates that traded. */
  rebalances: number;
}

function meanWhere(values: Float64Array, keep: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < values.length; t++) {
    if (keep[t] > 0) {
      sum += values[t];
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}

/**
 * Returns the means of the holdings over the dates holding something (dates before the first
 * purchase would pull the averages towards 0) and the mean turnover per rebalance.
 *
 * @example
 * ```ts
 * import { holdingsMeans } from "@lib/charts/tearsheet_holdings.ts";
 * const names = new Float64Array([0, 2, 4]);
 * const h = { dates: new Float64Array(3), symbols: [], weights: new Float64Array(0), names,
 *   maxWeight: new Float64Array([0, 0.5, 0.25]), herfindahl: new Float64Array([0, 0.5, 0.25]), cash: new Float64Array(3) };
 * const m = holdingsMeans(h, { dates: new Float64Array([1, 2]), turnover: new Float64Array([1, 0.5]) });
 * if (m.namesHeld !== 3 || m.maxWeight !== 0.375 || m.turnover !== 0.75 || m.rebalances !== 2) throw new Error();
 * ```
 */
export function holdingsMeans(holdings: Holdings, turnover: RebalanceTurnover): HoldingsMeans {
  const { names } = holdings;
  let sum = 0;
  for (const t of turnover.turnover) sum += t;
  return {
    namesHeld: meanWhere(names, names),
    maxWeight: meanWhere(holdings.maxWeight, names),
    herfindahl: meanWhere(holdings.herfindahl, names),
    turnover: turnover.turnover.length > 0 ? sum / turnover.turnover.length : NaN,
    rebalances: turnover.turnover.length,
  };
}

/** Returns the number of names held after each date's fills, as a step line. */
export function namesHeldChart(holdings: Holdings, options: SeriesChartOptions = {}): Chart {
  const data = finitePoints(holdings.dates, holdings.names);
  return plot({
    title: options.title ?? "Names held",
    width: 800,
    height: 200,
    x: { type: "utc", label: "Date", domain: dateDomain(holdings.dates) },
    y: { label: "Names", grid: true, zero: true },
    marks: [
      Plot.lineY(data, { x: "date", y: "value", stroke: "#4c78a8", curve: "step-after" }),
    ],
  });
}

/**
 * Returns the concentration of the holdings per date: the largest position's weight and the
 * Herfindahl index `Σ w²` (1 for a single name, 1/k for k equal weights), on a percent axis.
 */
export function concentrationChart(holdings: Holdings, options: SeriesChartOptions = {}): Chart {
  const series: [string, Float64Array][] = [
    ["largest weight", holdings.maxWeight],
    ["Herfindahl index", holdings.herfindahl],
  ];
  const data = series.flatMap(([name, values]) =>
    finitePoints(holdings.dates, values).map((p) => ({ ...p, series: name }))
  );
  return plot({
    title: options.title ?? "Concentration",
    width: 800,
    height: 220,
    x: { type: "utc", label: "Date", domain: dateDomain(holdings.dates) },
    y: { percent: true, label: "Share of equity (%)", grid: true, zero: true },
    color: { legend: true, domain: series.map(([name]) => name) },
    marks: [Plot.lineY(data, { x: "date", y: "value", stroke: "series" })],
  });
}

/**
 * Returns the turnover of each date that traded (traded value over equity, percent axis) as
 * dots, with a dashed rule at the mean. A portfolio that never traded gets an empty frame.
 */
export function turnoverChart(
  turnover: RebalanceTurnover,
  options: SeriesChartOptions = {},
): Chart {
  const data = finitePoints(turnover.dates, turnover.turnover);
  const mean = data.reduce((s, p) => s + p.value, 0) / data.length;
  return plot({
    title: options.title ?? "Turnover per rebalance (traded value / equity)",
    width: 800,
    height: 220,
    x: { type: "utc", label: "Date" },
    y: { percent: true, label: "Turnover (%)", grid: true, zero: true },
    marks: [
      Plot.ruleY(Number.isFinite(mean) ? [mean] : [], { stroke: "#999", strokeDasharray: "4 3" }),
      Plot.dot(data, { x: "date", y: "value", r: 2, fill: "#e45756" }),
    ],
  });
}
