/**
 * Charts of backtests: equity curves against the benchmark, drawdowns, and parameter-grid
 * heatmaps.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { PortfolioResult } from "../portfolio/records.ts";
import { plot } from "./chart.ts";
import { rdBuFill, textColourOn } from "./contrast.ts";
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

/** One cell of a parameter grid (see `gridCells` in lib/backtest/grid.ts). */
export interface HeatmapCell {
  /** Fast window. */
  fast: number;
  /** Slow window. */
  slow: number;
  /** The statistic of that pair. */
  value: number;
}

/** Options of {@link gridHeatmap}. */
export interface GridHeatmapOptions extends BacktestChartOptions {
  /** Name of the statistic, for the legend. Defaults to "Total return". */
  label?: string;
  /** Whether to print each cell's value. Defaults to true when there are at most 100 cells. */
  text?: boolean;
}

/**
 * Returns a heatmap of a statistic over a (fast x slow) window grid: fast windows down, slow
 * windows across, a diverging colour scale centred on 0 (red losses, blue gains) explained in the
 * caption; a non-finite statistic is left blank.
 */
export function gridHeatmap(
  cells: readonly HeatmapCell[],
  options: GridHeatmapOptions = {},
): Chart {
  if (cells.length === 0) throw new Error("no grid cells given");
  const label = options.label ?? "Total return";
  const finite = cells.filter((c) => Number.isFinite(c.value));
  const fast = [...new Set(cells.map((c) => c.fast))].sort((a, b) => a - b);
  const slow = [...new Set(cells.map((c) => c.slow))].sort((a, b) => a - b);
  const text = options.text ?? cells.length <= 100;
  // A ramp legend needs a canvas, which the server-side DOM lacks: the caption explains colours.
  const extreme = finite.reduce((m, c) => Math.max(m, Math.abs(c.value)), 1e-12);
  return plot({
    title: options.title ?? `${label} by moving-average windows`,
    caption: `${label}: red below 0, blue above (scale ±${extreme.toPrecision(3)})`,
    x: { label: "Slow window", domain: slow },
    y: { label: "Fast window", domain: fast },
    color: { type: "diverging", scheme: "RdBu", domain: [-extreme, extreme], pivot: 0 },
    marks: [
      Plot.cell(finite, { x: "slow", y: "fast", fill: "value", inset: 0.5 }),
      ...(text
        ? [
          Plot.text(finite, {
            x: "slow",
            y: "fast",
            text: (d: HeatmapCell) => d.value.toFixed(2),
            fill: (d: HeatmapCell) => textColourOn(rdBuFill(d.value, extreme)),
          }),
        ]
        : []),
    ],
  });
}
