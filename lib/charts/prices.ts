/**
 * Price charts over a panel of daily bars.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { type Chart, plot } from "./chart.ts";
import { SERIES } from "./palette.ts";
import { logAxis } from "./ticks.ts";
import { count, extremesPhrase, extremeSymbols, SYMBOL_LIMIT } from "./subset.ts";

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
  /**
   * Most symbols drawn one line each; past it the chart draws the median and quantile bands
   * across symbols and names only the extremes. Defaults to {@link SYMBOL_LIMIT}.
   */
  readonly maxSymbols?: number;
  /** Symbols named (highest and lowest total growth) on the banded chart. Defaults to 10. */
  readonly named?: number;
}

/**
 * Line chart of each symbol's close divided by its first close (1 = where it started), one
 * colour per symbol, with a legend and a rule at 1. Past `maxSymbols` symbols it draws instead
 * the median and the 10-90% and 25-75% bands across symbols on each date, plus a line for each
 * of the `named` symbols with the highest and lowest total growth, and says so in its title.
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
  const growth = normalisedClose(selected);
  const total = growth.height === 0 ? 0 : growth.getColumn("symbol").nUnique();
  if (total > (options.maxSymbols ?? SYMBOL_LIMIT)) return bandedCloses(growth, options);
  const rows = chartRows(growth);
  const axis = logAxis(rows.map((r) => Number(r.growth)), Y_LABEL);
  return plot({
    title: options.title ?? "Close relative to the first day",
    width: 800,
    x: { label: "Date" },
    y: axis.scale,
    color: { legend: true },
    marks: [
      ...axis.marks,
      Plot.ruleY([1], { stroke: "currentColor", strokeOpacity: 0.4 }),
      Plot.lineY(rows, { x: "date", y: "growth", stroke: "symbol" }),
    ],
  });
}

const Y_LABEL = "Close / first close";
const BAND_OUTER = "10-90% of symbols";
const BAND_INNER = "25-75% of symbols";
const MEDIAN = "median symbol";

function bandedCloses(growth: pl.DataFrame, options: NormalisedClosesOptions): Chart {
  const last = growth.groupBy("symbol").agg(pl.col("growth").last().alias("score"));
  const pick = extremeSymbols(
    last.toRecords().map((r) => ({ symbol: String(r.symbol), score: Number(r.score) })),
    options.named ?? 10,
  );
  const bands = growth.groupBy("date").agg(
    ...[0.1, 0.25, 0.5, 0.75, 0.9].map((q) =>
      pl.col("growth").quantile(q, "linear").alias(`q${q * 100}`)
    ),
  ).sort("date").withColumns(pl.lit("all").alias("symbol"));
  const bandRows = chartRows(bands);
  const lines = chartRows(growth.filter(pl.col("symbol").isIn([...pick.shown])));
  const domain = [BAND_OUTER, BAND_INNER, MEDIAN, ...pick.shown];
  const range = ["#deebf7", "#9ecae1", "#08519c", ...Array(pick.shown.length).fill(null)]
    .map((c, i) => c ?? SERIES[(i - 3) % SERIES.length]);
  const axis = logAxis([
    ...bandRows.flatMap((r) => [Number(r.q10), Number(r.q90)]),
    ...lines.map((r) => Number(r.growth)),
  ], Y_LABEL);
  return plot({
    title: options.title ??
      `Close relative to the first day: median and bands of ${count(pick.total)} symbols`,
    subtitle: `Lines: ${extremesPhrase(pick, "total growth")}.`,
    caption: `Bands: the 10-90% and 25-75% of the ${count(pick.total)} symbols on each date ` +
      `(more than the ${options.maxSymbols ?? SYMBOL_LIMIT} drawn one line each).`,
    width: 800,
    x: { label: "Date" },
    y: axis.scale,
    color: { legend: true, domain, range },
    marks: [
      ...axis.marks,
      Plot.areaY(bandRows, { x: "date", y1: "q10", y2: "q90", fill: () => BAND_OUTER }),
      Plot.areaY(bandRows, { x: "date", y1: "q25", y2: "q75", fill: () => BAND_INNER }),
      Plot.ruleY([1], { stroke: "currentColor", strokeOpacity: 0.4 }),
      Plot.lineY(bandRows, { x: "date", y: "q50", stroke: () => MEDIAN, strokeWidth: 2 }),
      Plot.lineY(lines, { x: "date", y: "growth", stroke: "symbol", strokeWidth: 1 }),
    ],
  });
}
