/**
 * The data-quality report as a chart: failing rows per rule, split by symbol.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Chart, plot } from "./chart.ts";
import { failuresBySymbol } from "../data/quality/report.ts";
import type { QualityReport } from "../data/quality/check.ts";

/** Options of {@link qualityFailures}. */
export interface QualityFailuresOptions {
  /** Chart title. Defaults to "Data quality: failing rows by rule". */
  readonly title?: string;
}

/**
 * Horizontal bars of failing rows per rule (every rule that ran has a row, so a clean rule shows
 * as an empty bar), stacked and coloured by symbol, each labelled with its total and the action
 * taken (dropped, fixed, warned, failed).
 *
 * @example
 * ```ts
 * import { parseBarsCsv } from "@lib/data/csv.ts";
 * import { checkBars } from "@lib/data/quality/check.ts";
 * import { qualityFailures } from "@lib/charts/quality.ts";
 * const bars = parseBarsCsv("symbol,date,open,high,low,close,volume\nA,2024-01-02,1,1,1,1,-1\n", "t");
 * const chart = qualityFailures(checkBars(bars, { min_history: { minRows: 1 } }).report);
 * if (!chart.html.includes("1 dropped")) throw new Error(chart.html);
 * ```
 */
export function qualityFailures(
  report: QualityReport,
  options: QualityFailuresOptions = {},
): Chart {
  const rows = failuresBySymbol(report).toRecords().map((r) => ({
    symbol: String(r.symbol),
    rule: String(r.rule),
    failures: Number(r.failures),
  }));
  const rules = report.rules.map((r) => r.rule);
  const totals = report.rules.filter((r) => r.failures > 0).map((r) => ({
    rule: r.rule,
    failures: r.failures,
    label: `${r.failures} ${r.action}`,
  }));
  return plot({
    title: options.title ?? "Data quality: failing rows by rule",
    width: 800,
    marginLeft: 150,
    marginRight: 90,
    x: { label: "Failing rows", grid: true },
    y: { label: "Rule", domain: rules },
    // Categorical even when empty: with no domain Plot would pick a ramp legend (needs a canvas).
    color: { type: "categorical", legend: rows.length > 0, label: "Symbol" },
    marks: [
      Plot.ruleX([0]),
      Plot.barX(rows, { y: "rule", x: "failures", fill: "symbol", tip: true }),
      Plot.text(totals, { y: "rule", x: "failures", text: "label", textAnchor: "start", dx: 4 }),
    ],
  });
}
