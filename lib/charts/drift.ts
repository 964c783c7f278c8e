/**
 * Chart of feature drift: the PSI of each feature against the warn and alert thresholds.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { plot } from "./chart.ts";
import { readable } from "./palette.ts";
import type { Chart } from "./chart.ts";
import { driftStatus } from "../models/drift.ts";
import type { DriftThresholds } from "../models/drift.ts";

/** Options of {@link driftChart}. */
export interface DriftChartOptions extends DriftThresholds {
  /** Chart title. Defaults to "Feature drift (PSI, training window vs latest)". */
  title?: string;
}

/**
 * Returns one horizontal bar per feature of a drift report (`driftReport(...)`: `feature`,
 * `psi`), coloured by status, largest PSI first, with dashed rules at the warn and alert
 * thresholds (0.1 and 0.25 unless given; pass the ones the report used).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { driftChart } from "@lib/charts/drift.ts";
 * const chart = driftChart(pl.DataFrame({ feature: ["rsi_14", "ret_5"], psi: [0.02, 0.3] }));
 * if (!chart.html.includes("rsi_14")) throw new Error("feature not labelled");
 * ```
 */
export function driftChart(report: pl.DataFrame, options: DriftChartOptions = {}): Chart {
  for (const c of ["feature", "psi"]) {
    if (!report.columns.includes(c)) throw new Error(`the drift report has no "${c}" column`);
  }
  if (report.height === 0) throw new Error("the drift report has no rows");
  const warn = options.psiWarn ?? 0.1;
  const alert = options.psiAlert ?? 0.25;
  const rows = (report.toRecords() as Record<string, unknown>[])
    .map((r) => {
      const psi = r.psi as number;
      return { feature: r.feature as string, psi, status: driftStatus(psi, options) };
    })
    .sort((a, b) => b.psi - a.psi);
  const xMax = rows.reduce((m, r) => Math.max(m, r.psi), alert * 1.2);
  return plot({
    title: options.title ?? "Feature drift (PSI, training window vs latest)",
    marginLeft: 110,
    marginTop: 30,
    height: Math.max(120, 30 + 24 * rows.length),
    x: { label: "Population stability index (unitless)", domain: [0, xMax], grid: true },
    y: { label: "Feature", domain: rows.map((r) => r.feature) },
    color: {
      legend: true,
      domain: ["ok", "warn", "alert"],
      range: ["#74c476", "#fd8d3c", "#de2d26"].map((c) => readable(c)),
    },
    marks: [
      Plot.barX(rows, { y: "feature", x: "psi", fill: "status", insetTop: 3, insetBottom: 3 }),
      Plot.ruleX([warn, alert], { stroke: "#444", strokeDasharray: "4,3" }),
      // The two thresholds sit close on a wide axis: label warn to the left of its rule and
      // alert to the right so the labels never overlap.
      Plot.text([{ x: warn, label: `warn ${warn}` }], {
        x: "x",
        text: "label",
        frameAnchor: "top",
        textAnchor: "end",
        dx: -3,
        dy: -8,
        fontSize: 10,
      }),
      Plot.text([{ x: alert, label: `alert ${alert}` }], {
        x: "x",
        text: "label",
        frameAnchor: "top",
        textAnchor: "start",
        dx: 3,
        dy: -8,
        fontSize: 10,
      }),
      Plot.ruleX([0]),
    ],
  });
}
