/**
 * The data-quality report as a chart: failing rows per rule, split by symbol.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Chart, plot } from "./chart.ts";
import { count, SYMBOL_LIMIT, topSymbols } from "./subset.ts";
import { failuresBySymbol } from "../data/quality/report.ts";
import type { QualityReport } from "../data/quality/check.ts";

/** Options of {@link qualityFailures}. */
export interface QualityFailuresOptions {
  /** Chart title. Defaults to "Data quality: failing rows by rule". */
  readonly title?: string;
  /**
   * Most symbols given a colour each; past it the symbols with the most failing rows keep
   * theirs and the rest stack as one "other" segment. Defaults to {@link SYMBOL_LIMIT}.
   */
  readonly maxSymbols?: number;
}

/**
 * Horizontal bars of failing rows per rule (every rule that ran has a row, so a clean rule shows
 * as an empty bar), stacked and coloured by symbol, each labelled with its total and the action
 * taken (dropped, fixed, warned, failed). Past `maxSymbols` failing symbols, the `maxSymbols - 1`
 * with the most failing rows keep a colour and the others stack as "other (N symbols)", as the
 * subtitle says; the full list is the quality report.
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
  const bySymbol = failuresBySymbol(report).toRecords().map((r) => ({
    symbol: String(r.symbol),
    rule: String(r.rule),
    failures: Number(r.failures),
  }));
  const { rows, subtitle } = otherSymbols(bySymbol, options.maxSymbols ?? SYMBOL_LIMIT);
  const rules = report.rules.map((r) => r.rule);
  const totals = report.rules.filter((r) => r.failures > 0).map((r) => ({
    rule: r.rule,
    failures: r.failures,
    label: `${r.failures} ${r.action}`,
  }));
  return plot({
    title: options.title ?? "Data quality: failing rows by rule",
    subtitle,
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

interface FailureRow {
  symbol: string;
  rule: string;
  failures: number;
}

/** Keeps the `limit - 1` symbols with most failures and sums the rest per rule as "other". */
function otherSymbols(
  rows: FailureRow[],
  limit: number,
): { rows: FailureRow[]; subtitle?: string } {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.symbol, (totals.get(r.symbol) ?? 0) + r.failures);
  if (totals.size <= limit) return { rows };
  const kept = new Set(
    topSymbols([...totals].map(([symbol, score]) => ({ symbol, score })), limit - 1).shown,
  );
  const others = totals.size - kept.size;
  const other = `other (${count(others)} symbols)`;
  const summed = new Map<string, number>();
  const out: FailureRow[] = [];
  for (const r of rows) {
    if (kept.has(r.symbol)) out.push(r);
    else summed.set(r.rule, (summed.get(r.rule) ?? 0) + r.failures);
  }
  for (const [rule, failures] of summed) out.push({ symbol: other, rule, failures });
  return {
    rows: out,
    subtitle: `Coloured: the ${kept.size} of ${
      count(totals.size)
    } failing symbols with the most failing rows; the quality report lists every symbol.`,
  };
}
