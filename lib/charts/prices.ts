/**
 * Price charts over a panel of daily bars.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { type Chart, plot } from "./chart.ts";

/** A row of a frame as Plot reads it (dates come back as JS `Date`). */
export type ChartRow = Record<string, unknown>;

/**
 * Returns `frame`'s rows as objects, keeping at most about `maxPerSymbol` rows per symbol
 * (every k-th row plus each symbol's last), so a long panel stays a light SVG. Rows must be
 * sorted by symbol then date.
 */
export function chartRows(frame: pl.DataFrame, maxPerSymbol = 1500): ChartRow[] {
  const rows = frame.toRecords() as ChartRow[];
  const counts = new Map<unknown, number>();
  for (const r of rows) counts.set(r.symbol, (counts.get(r.symbol) ?? 0) + 1);
  const seen = new Map<unknown, number>();
  return rows.filter((r) => {
    const n = counts.get(r.symbol) ?? 1;
    const i = seen.get(r.symbol) ?? 0;
    seen.set(r.symbol, i + 1);
    const step = Math.max(1, Math.ceil(n / maxPerSymbol));
    return i % step === 0 || i === n - 1;
  });
}

/** Returns `symbol`, `date` and `close` divided by each symbol's first close (sorted). */
export function normalisedClose(panel: pl.DataFrame): pl.DataFrame {
  return panel.sort(["symbol", "date"]).select(
    pl.col("symbol"),
    pl.col("date"),
    pl.col("close").div(pl.col("close").first().over("symbol")).alias("growth"),
  );
}

/** Options of {@link normalisedCloses}. */
export interface NormalisedClosesOptions {
  /** Symbols to draw; unset draws every symbol of the panel. */
  readonly symbols?: readonly string[];
  /** Chart title. Defaults to "Close relative to the first day". */
  readonly title?: string;
}

/**
 * Line chart of each symbol's close divided by its first close (1 = where it started), one
 * colour per symbol, with a legend and a rule at 1.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { normalisedCloses } from "@lib/charts/prices.ts";
 * const panel = pl.DataFrame({
 *   symbol: ["A", "A"], date: [new Date("2024-01-02"), new Date("2024-01-03")], close: [10, 12],
 * });
 * if (!normalisedCloses(panel).html.includes('aria-label="line"')) throw new Error("no line");
 * ```
 */
export function normalisedCloses(
  panel: pl.DataFrame,
  options: NormalisedClosesOptions = {},
): Chart {
  const symbols = options.symbols ?? [];
  const selected = symbols.length > 0 ? panel.filter(pl.col("symbol").isIn([...symbols])) : panel;
  const rows = chartRows(normalisedClose(selected));
  return plot({
    title: options.title ?? "Close relative to the first day",
    width: 800,
    x: { label: "Date" },
    y: { label: "Close / first close (×)", type: "log", grid: true },
    color: { legend: true },
    marks: [
      Plot.ruleY([1], { stroke: "currentColor", strokeOpacity: 0.4 }),
      Plot.lineY(rows, { x: "date", y: "growth", stroke: "symbol" }),
    ],
  });
}
