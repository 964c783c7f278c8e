/**
 * The CPCV chart of step 04: one dot per backtest path at its out-of-sample Sharpe ratio, with
 * their mean and zero, so a researcher sees how far one walk-forward Sharpe could be from luck.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { plot } from "./chart.ts";
import type { Chart } from "./chart.ts";

/** Returns the path Sharpe ratios of `cpcvSharpe(...).paths` as a strip of dots. */
export function cpcvPathChart(paths: pl.DataFrame, options: { model: string }): Chart {
  const rows = (paths.toRecords() as { path: number; sharpe: number }[])
    .filter((r) => Number.isFinite(r.sharpe));
  if (rows.length === 0) {
    return plot({
      title: `Out-of-sample Sharpe ratio of ${options.model} on each CPCV path`,
      height: 80,
      marks: [Plot.text(["No CPCV path to draw (skipped, see above)"], { frameAnchor: "middle" })],
    });
  }
  const mean = rows.reduce((s, r) => s + r.sharpe, 0) / rows.length;
  return plot({
    title: `Out-of-sample Sharpe ratio of ${options.model} on each CPCV path`,
    subtitle: `${rows.length} paths; mean ${mean.toFixed(2)}`,
    height: 160,
    x: { label: "Annualised Sharpe ratio of the long-short", grid: true },
    marks: [
      Plot.ruleX([0], { stroke: "#888" }),
      Plot.ruleX([mean], { stroke: "#1f77b4", strokeDasharray: "4,3" }),
      Plot.dot(rows, { x: "sharpe", r: 5, fill: "#1f77b4", fillOpacity: 0.7, tip: true }),
    ],
  });
}
