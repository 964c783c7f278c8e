/**
 * Charts of labels: how the action classes and forward returns are distributed.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { type Chart, plot } from "./chart.ts";

/** Class names in class order (-2 .. 2); a Record would list "-2" and "-1" last. */
const CLASS_NAMES: readonly (readonly [number, string])[] = [
  [-2, "-2 strong sell"],
  [-1, "-1 sell"],
  [0, "0 hold"],
  [1, "1 buy"],
  [2, "2 strong buy"],
];

/**
 * Bar chart of action-class shares, one panel per horizon, from a frame with `horizon`,
 * `action` and `share` (as `classBalance` in lib/labels returns).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { classBalanceBars } from "@lib/charts/labels.ts";
 * const balance = pl.DataFrame({ horizon: [1, 1], action: [-1, 1], share: [0.4, 0.6] });
 * if (!classBalanceBars(balance).html.includes('aria-label="bar"')) throw new Error("no bars");
 * ```
 */
export function classBalanceBars(balance: pl.DataFrame, title?: string): Chart {
  const names = new Map(CLASS_NAMES);
  const rows = (balance.toRecords() as Record<string, unknown>[]).map((r) => ({
    horizon: Number(r.horizon),
    action: names.get(Number(r.action)) ?? String(r.action),
    share: Number(r.share),
  }));
  const domain = CLASS_NAMES.map(([, name]) => name);
  const horizons = [...new Set(rows.map((r) => r.horizon))].sort((a, b) => a - b);
  return plot({
    title: title ?? "Action class shares by horizon",
    width: 800,
    fx: { label: "Horizon (trading days)", domain: horizons },
    x: { axis: null, domain },
    y: { label: "Share of labelled rows (%)", percent: true, grid: true },
    color: { legend: true, domain, scheme: "RdYlGn" },
    marks: [
      Plot.barY(rows, { fx: "horizon", x: "action", y: "share", fill: "action" }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Histogram of the forward returns over `horizon` days (column `fwd_ret_{horizon}`), nulls
 * left out, with a rule at zero.
 */
export function forwardReturnHistogram(labels: pl.DataFrame, horizon: number): Chart {
  const column = `fwd_ret_${horizon}`;
  if (!labels.columns.includes(column)) throw new Error(`forwardReturnHistogram: no ${column}`);
  const values = (labels.getColumn(column).toArray() as (number | null)[])
    .filter((v): v is number => v !== null && Number.isFinite(v));
  return plot({
    title: `Forward ${horizon}-day returns`,
    width: 800,
    height: 260,
    x: { label: `Forward ${horizon}-day return (%)`, percent: true },
    y: { label: "Rows", grid: true },
    marks: [
      Plot.rectY(values, Plot.binX({ y: "count" }, { x: (v: number) => v, thresholds: 60 })),
      Plot.ruleX([0], { stroke: "currentColor" }),
      Plot.ruleY([0]),
    ],
  });
}
