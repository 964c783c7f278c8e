/**
 * Charts of labels: how the action classes and forward returns are distributed.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { type Chart, plot } from "./chart.ts";
import { readable, redToGreen, SERIES } from "./palette.ts";
import { extremesPhrase, extremeSymbols, SYMBOL_LIMIT } from "./subset.ts";

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
    color: { legend: true, domain, range: redToGreen(domain.length) },
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

/** Outcome names in display order, with their colours (target green, stop red, time grey). */
const OUTCOMES = ["target", "stop", "time", "open"] as const;
const OUTCOME_COLOURS = ["#1a9850", "#d73027", "#969696", "#d9d9d9"].map((c) => readable(c));

/**
 * Grouped bar chart of event counts, one group per side (long, short) and one bar per outcome
 * (target, stop, time barrier, still open), from a frame with `side`, `outcome` and `count` (as
 * `eventCounts` in lib/labels returns).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { eventOutcomeBars } from "@lib/charts/labels.ts";
 * const counts = pl.DataFrame({ side: ["long", "short"], outcome: ["target", "stop"], count: [3, 2] });
 * if (!eventOutcomeBars(counts).html.includes('aria-label="bar"')) throw new Error("no bars");
 * ```
 */
export function eventOutcomeBars(counts: pl.DataFrame, title?: string): Chart {
  const rows = (counts.toRecords() as Record<string, unknown>[]).map((r) => ({
    side: String(r.side),
    outcome: String(r.outcome),
    count: Number(r.count),
  }));
  return plot({
    title: title ?? "Events by side and outcome",
    width: 800,
    height: 300,
    fx: { label: "Side", domain: ["long", "short"] },
    x: { axis: null, domain: [...OUTCOMES] },
    y: { label: "Events (count)", grid: true },
    color: { legend: true, domain: [...OUTCOMES], range: OUTCOME_COLOURS },
    marks: [
      Plot.barY(rows, { fx: "side", x: "outcome", y: "count", fill: "outcome" }),
      Plot.text(rows, { fx: "side", x: "outcome", y: "count", text: "count", dy: -6 }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Bar chart of the share of range-expansion days per symbol, with a dashed rule at the overall
 * share, from a frame with `symbol` and `share` whose "all" row is the overall share (as
 * `rangeExpansionShare` in lib/labels returns). Past `maxSymbols` symbols (defaults to
 * {@link SYMBOL_LIMIT}) it draws the highest and lowest shares only, highest first, and says so
 * in its subtitle.
 */
export function rangeExpansionBars(
  share: pl.DataFrame,
  title?: string,
  maxSymbols: number = SYMBOL_LIMIT,
): Chart {
  const rows = (share.toRecords() as Record<string, unknown>[]).map((r) => ({
    symbol: String(r.symbol),
    share: Number(r.share),
  }));
  const overall = rows.filter((r) => r.symbol === "all");
  const symbols = rows.filter((r) => r.symbol !== "all");
  const pick = extremeSymbols(
    symbols.map((r) => ({ symbol: r.symbol, score: r.share })),
    maxSymbols,
  );
  const shown = new Set(pick.shown);
  return plot({
    title: title ?? "Share of days followed by a range expansion",
    subtitle: pick.cut ? `Bars: ${extremesPhrase(pick, "share")}.` : undefined,
    width: 800,
    height: pick.cut ? 290 : 260,
    marginBottom: pick.cut ? 60 : undefined,
    x: { label: "Symbol", domain: [...pick.shown], tickRotate: pick.cut ? -30 : 0 },
    y: { label: "Labelled days that expand (%)", percent: true, grid: true },
    color: { legend: true, domain: ["symbol", "all symbols"], range: ["#4575b4", "currentColor"] },
    marks: [
      Plot.barY(symbols.filter((r) => shown.has(r.symbol)), {
        x: "symbol",
        y: "share",
        fill: () => "symbol",
      }),
      Plot.ruleY(overall, { y: "share", stroke: () => "all symbols", strokeDasharray: "4,3" }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Histogram of label spans (t1 - t0 in calendar days) as shares of each family's labels (families
 * differ in size: events are sparse), one row of panels per label family, from a frame with
 * `family` and `span_days` (as `catalogSpans` in lib/labels returns).
 */
export function labelSpanHistogram(spans: pl.DataFrame, title?: string): Chart {
  // Counted in polars first: the spans have a row per label (5 million at 500 symbols), and
  // binning them in Plot took 10 s; the 1-day bins are the same rectangles.
  const counts = spans
    .groupBy(["family", "span_days"])
    .agg(pl.len().cast(pl.Float64).alias("n"))
    .withColumns(pl.col("n").div(pl.col("n").sum().over("family")).alias("share"))
    .sort("span_days");
  const families = spans.getColumn("family").unique(true).toArray() as string[];
  const rows = (counts.toRecords() as Record<string, unknown>[]).map((r) => ({
    family: String(r.family),
    x1: Number(r.span_days),
    x2: Number(r.span_days) + 1,
    share: Number(r.share),
  }));
  return plot({
    title: title ?? "Label spans: calendar days from t0 (date) to t1",
    width: 800,
    height: 90 + 70 * families.length,
    marginRight: 80,
    fy: { label: "Label", domain: families },
    x: { label: "Span t1 - t0 (calendar days)" },
    y: { label: "Share of the family (%)", percent: true, grid: true, ticks: 2 },
    color: { legend: true, domain: families, range: [...SERIES] },
    marks: [
      Plot.rectY(rows, {
        x1: "x1",
        x2: "x2",
        y: "share",
        fy: "family",
        fill: "family",
        insetLeft: 0.5,
        insetRight: 0.5,
      }),
      Plot.ruleY([0]),
    ],
  });
}
