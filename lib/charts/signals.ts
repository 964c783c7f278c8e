/**
 * Charts of the index sentiment signal: the weighted score through time with its buy and sell
 * thresholds and the index price, and the stacked contribution of each constituent to the score
 * on the last dates.
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { extent } from "simple-statistics";
import { plot } from "./chart.ts";
import type { Chart } from "./chart.ts";
import { dayNumbers, isoFromDay, uniqueDays } from "../validation/days.ts";
import { count, SYMBOL_LIMIT, topSymbols } from "./subset.ts";

/** Options of {@link sentimentChart}. */
export interface SentimentChartOptions {
  /** The buy threshold, drawn as a line. */
  buy: number;
  /** The sell threshold, drawn as a line. */
  sell: number;
  /** The index close (date, close), drawn against a right-hand axis. */
  index?: pl.DataFrame;
  /** Chart title. Defaults to "Index sentiment". */
  title?: string;
}

const SCORE = "Sentiment score";
const INDEX = "Index close (right axis)";

/**
 * Returns the sentiment score (date, score) over time on a fixed -2..2 axis with the buy and
 * sell thresholds, and, when `index` is given, the index close rescaled onto the same plot with
 * its own price axis on the right.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
import { extent } from "simple-statistics";
 * import { sentimentChart } from "@lib/charts/signals.ts";
 * const sentiment = pl.DataFrame({ date: [new Date("2020-01-02"), new Date("2020-01-03")], score: [0.4, -0.9] });
 * const chart = sentimentChart(sentiment, { buy: 0.5, sell: -0.5 });
 * if (!chart.html.includes("buy 0.5")) throw new Error("no threshold label");
 * ```
 */
export function sentimentChart(sentiment: pl.DataFrame, options: SentimentChartOptions): Chart {
  const { buy, sell } = options;
  const scores = records(sentiment, "score", "the sentiment");
  if (scores.length === 0) throw new Error("the sentiment frame has no rows");
  // Thresholds that move (adaptive) are drawn as lines; fixed ones as labelled rules.
  const bands = movingThresholds(sentiment);
  const thresholdMarks: Plot.Markish[] = bands
    ? [
      Plot.lineY(bands, { x: "date", y: "buy", stroke: "#2ca02c", strokeDasharray: "4,3" }),
      Plot.lineY(bands, { x: "date", y: "sell", stroke: "#d62728", strokeDasharray: "4,3" }),
    ]
    : [
      Plot.ruleY([buy], { stroke: "#2ca02c", strokeDasharray: "4,3" }),
      Plot.ruleY([sell], { stroke: "#d62728", strokeDasharray: "4,3" }),
      Plot.text([{ y: buy, label: `buy ${buy}` }, { y: sell, label: `sell ${sell}` }], {
        y: "y",
        text: "label",
        frameAnchor: "left",
        dx: 4,
        dy: -6,
        fill: "#555",
      }),
    ];
  const marks: Plot.Markish[] = [
    Plot.ruleY([0], { stroke: "#ccc" }),
    ...thresholdMarks,
    Plot.lineY(scores, { x: "date", y: "value", stroke: () => SCORE, strokeWidth: 1.5 }),
    Plot.axisY({ anchor: "left", label: "Sentiment score (-2 sell .. +2 buy)" }),
  ];
  const domain = [SCORE];
  if (options.index) {
    // Only the sentiment's dates: the index outside them would squeeze the score's line.
    const [first, last] = extent(scores.map((r) => r.date.getTime()));
    const prices = records(options.index, "close", "the index").filter((r) =>
      r.date.getTime() >= first && r.date.getTime() <= last
    );
    const values = prices.map((p) => p.value).filter((v): v is number => v !== null);
    if (values.length === 0) throw new Error("the index frame has no close values");
    const [lo, hi] = extent(values);
    const span = hi > lo ? hi - lo : 1;
    const toScore = (price: number) => -2 + (4 * (price - lo)) / span;
    const ticks = niceTicks(lo, hi);
    marks.push(
      Plot.lineY(
        prices.map((p) => ({ date: p.date, value: p.value === null ? null : toScore(p.value) })),
        { x: "date", y: "value", stroke: () => INDEX, strokeWidth: 1 },
      ),
      Plot.axisY(ticks.map(toScore), {
        anchor: "right",
        label: "Index close",
        tickFormat: (_: number, i: number) => formatPrice(ticks[i]),
      }),
    );
    domain.push(INDEX);
  }
  return plot({
    title: options.title ?? "Index sentiment",
    marginRight: options.index ? 60 : 20,
    x: { type: "utc", label: "Date" },
    y: { domain: [-2, 2], grid: true, axis: null },
    color: { legend: domain.length > 1, domain, range: ["#1f77b4", "#7f7f7f"] },
    marks,
  });
}

/** Options of {@link contributionChart}. */
export interface ContributionChartOptions {
  /** How many of the latest dates to draw. Defaults to 20. */
  lastN?: number;
  /** Chart title. Defaults to "Contributions to the sentiment score". */
  title?: string;
  /**
   * Most constituents given a colour each; past it the `maxSymbols - 1` with the largest
   * absolute contribution over the drawn dates keep theirs and the rest stack as "other".
   * Defaults to {@link SYMBOL_LIMIT}.
   */
  maxSymbols?: number;
}

/**
 * Returns the contribution (weight x score) of each constituent stacked per date, for the last
 * `lastN` dates of `contributions` (symbol, date, contribution; `indexSentiment`'s output), with
 * a dot at each date's total, the sentiment score. Positive and negative contributions stack
 * on their own sides of zero. Past `maxSymbols` constituents, the ones with the largest summed
 * absolute contribution keep a colour and the others stack as one "other (N symbols)" segment
 * per side and date, as the subtitle says.
 */
export function contributionChart(
  contributions: pl.DataFrame,
  options: ContributionChartOptions = {},
): Chart {
  const { lastN = 20 } = options;
  if (!Number.isInteger(lastN) || lastN < 1) {
    throw new Error(`lastN must be a positive integer; got ${lastN}`);
  }
  for (const c of ["symbol", "date", "contribution"]) {
    if (!contributions.columns.includes(c)) {
      throw new Error(
        `the contributions have no "${c}" column (columns: ${contributions.columns.join(", ")})`,
      );
    }
  }
  const days = dayNumbers(contributions.getColumn("date"));
  const distinct = uniqueDays(days);
  if (distinct.length === 0) throw new Error("the contributions frame has no rows");
  const from = distinct[Math.max(0, distinct.length - lastN)];
  const symbol = contributions.getColumn("symbol").cast(pl.Utf8).toArray() as string[];
  const value = contributions.getColumn("contribution").cast(pl.Float64).toArray() as (
    | number
    | null
  )[];
  const rows = Array.from(days, (d, i) => ({ d, i }))
    .filter(({ d }) => d >= from)
    .sort((a, b) => a.d - b.d || symbol[a.i].localeCompare(symbol[b.i]))
    .map(({ d, i }) => ({ day: isoFromDay(d), symbol: symbol[i], contribution: value[i] ?? 0 }));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.day, (totals.get(r.day) ?? 0) + r.contribution);
  const { bars, symbols, subtitle } = otherConstituents(rows, options.maxSymbols ?? SYMBOL_LIMIT);
  return plot({
    title: options.title ?? "Contributions to the sentiment score",
    subtitle,
    marginBottom: 50,
    x: { type: "band", label: "Date", tickRotate: -45 },
    y: { label: "Contribution (weight x action score)", grid: true },
    color: { legend: true, domain: symbols },
    marks: [
      Plot.barY(bars, { x: "day", y: "contribution", fill: "symbol", tip: true }),
      Plot.ruleY([0]),
      Plot.dot([...totals].map(([day, total]) => ({ day, total })), {
        x: "day",
        y: "total",
        fill: "black",
        r: 3,
        title: (d: { total: number }) => `score ${d.total.toFixed(3)}`,
      }),
    ],
  });
}

interface ContributionRow {
  day: string;
  symbol: string;
  contribution: number;
}

/** Keeps the `limit - 1` largest constituents and sums the rest per day and sign as "other". */
function otherConstituents(
  rows: ContributionRow[],
  limit: number,
): { bars: ContributionRow[]; symbols: string[]; subtitle?: string } {
  const size = new Map<string, number>();
  for (const r of rows) size.set(r.symbol, (size.get(r.symbol) ?? 0) + Math.abs(r.contribution));
  if (size.size <= limit) return { bars: rows, symbols: [...size.keys()].sort() };
  const kept = topSymbols([...size].map(([symbol, score]) => ({ symbol, score })), limit - 1);
  const keep = new Set(kept.shown);
  const other = `other (${count(size.size - keep.size)} symbols)`;
  const bars: ContributionRow[] = [];
  const rest = new Map<string, [number, number]>();
  for (const r of rows) {
    if (keep.has(r.symbol)) {
      bars.push(r);
      continue;
    }
    const sides = rest.get(r.day) ?? [0, 0];
    sides[r.contribution >= 0 ? 0 : 1] += r.contribution;
    rest.set(r.day, sides);
  }
  for (const [day, [up, down]] of rest) {
    bars.push({ day, symbol: other, contribution: up }, { day, symbol: other, contribution: down });
  }
  return {
    bars,
    symbols: [...[...keep].sort(), other],
    subtitle: `Coloured: the ${keep.size} of ${
      count(size.size)
    } constituents with the largest absolute contribution over these dates; the others as one.`,
  };
}

function records(
  frame: pl.DataFrame,
  column: string,
  what: string,
): { date: Date; value: number | null }[] {
  for (const c of ["date", column]) {
    if (!frame.columns.includes(c)) {
      throw new Error(`${what} frame has no "${c}" column (columns: ${frame.columns.join(", ")})`);
    }
  }
  const sorted = frame.select(pl.col("date").cast(pl.Date), pl.col(column).cast(pl.Float64))
    .sort("date");
  const days = dayNumbers(sorted.getColumn("date"));
  const values = sorted.getColumn(column).toArray() as (number | null)[];
  return Array.from(days, (d, i) => ({ date: new Date(d * 86_400_000), value: values[i] }));
}

/** Round tick values (steps of 1, 2 or 5 x 10^k) covering [lo, hi], about five of them. */
function niceTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const rough = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function formatPrice(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** The per-date thresholds of `indexPositions` when they vary (adaptive), else undefined. */
function movingThresholds(
  sentiment: pl.DataFrame,
): { date: Date; buy: number | null; sell: number | null }[] | undefined {
  if (!sentiment.columns.includes("buy_threshold")) return undefined;
  const buy = sentiment.getColumn("buy_threshold").toArray() as (number | null)[];
  const finite = buy.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0 || finite.every((v) => v === finite[0])) return undefined;
  const sell = sentiment.getColumn("sell_threshold").toArray() as (number | null)[];
  const dates = sentiment.getColumn("date").toArray() as unknown as Date[];
  const clean = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
  return dates.map((date, i) => ({ date, buy: clean(buy[i]), sell: clean(sell[i]) }));
}
