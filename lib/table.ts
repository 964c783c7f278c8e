/**
 * Tables for notebooks and reports: a nodejs-polars frame (or plain records) rendered as a
 * compact HTML table, with dates as ISO dates, floats rounded for reading, and long frames cut
 * to their first and last rows, saying how many rows were left out and, when the caller names
 * it, where the full data is. A page's tables therefore stay the same size however many symbols
 * the universe has.
 * @module
 */
import pl from "nodejs-polars";
import { relativePaths } from "./paths.ts";

/** Options of {@link table}. */
export interface TableOptions {
  /**
   * Rows shown before the frame is cut to its head and tail. Defaults to 60, except for a table
   * of named statistics (first column `statistic` or `metric`), which is never cut: a page's
   * text refers to its rows by name.
   */
  maxRows?: number;
  /**
   * Values of the first column whose rows are shown even when the table is cut (the champion's
   * rows of a per-factor summary). Defaults to none.
   */
  pin?: readonly unknown[];
  /** Decimal places of non-integer numbers below 100 (percentages keep 2). Defaults to 4. */
  digits?: number;
  /** A caption above the table. */
  caption?: string;
  /**
   * Where the full data is (a Parquet file, an MLflow artifact, the call that rebuilds it),
   * stated under a cut table. Defaults to none.
   */
  source?: string;
}

/** A rendered table; Deno's Jupyter kernel displays it as `text/html`. */
export class Table {
  readonly html: string;
  readonly text: string;

  constructor(html: string, text: string) {
    this.html = html;
    this.text = text;
  }

  /** The Jupyter rich-display bundle. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    return { "text/html": this.html, "text/plain": this.text };
  }
}

type Records = Record<string, unknown>[];

/**
 * Renders a frame or records as a {@link Table}.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { table } from "@lib/table.ts";
 * const t = table(pl.DataFrame({ date: [new Date(Date.UTC(2020, 0, 2))], ic: [0.123456] }));
 * if (!t.html.includes("<td>2020-01-02</td>") || !t.html.includes(">0.1235</td>")) {
 *   throw new Error(t.html);
 * }
 * ```
 */
export function table(data: pl.DataFrame | Records, options: TableOptions = {}): Table {
  const digits = options.digits ?? 4;
  const total = Array.isArray(data) ? data.length : data.height;
  const columns = Array.isArray(data) ? columnsOf(data) : data.columns;
  const maxRows = options.maxRows ??
    (NAMED_ROWS.has(columns[0]?.toLowerCase() ?? "") ? Infinity : DEFAULT_MAX_ROWS);
  const cut = total > maxRows;
  const half = Math.floor(maxRows / 2);
  const shown: (Records[number] | number)[] = cut
    ? cutRows(data, columns[0], half, options.pin ?? [])
    : slice(data, 0, total);
  const left = total - shown.filter((r) => typeof r !== "number").length;
  const pinned = cut ? total - left - 2 * half : 0;
  const formats = columns.map((c) => columnFormat(c, digits));

  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = shown.map((row) =>
    typeof row === "number"
      ? `<tr><td colspan="${columns.length}">… ${plural(row, "row")} left out</td></tr>`
      : `<tr>${columns.map((c, i) => cell(row[c], formats[i])).join("")}</tr>`
  ).join("\n");
  const size = `${plural(total, "row")} × ${plural(columns.length, "column")}`;
  const caption = options.caption ? `${escapeHtml(options.caption)} · ${size}` : size;
  const note = cut ? footnote(half, left, pinned, options.source) : "";
  // The box scrolls a wide table sideways, so a phone's page keeps its width.
  const html = `<div class="ws-table-box" style="overflow-x:auto;max-width:100%">` +
    `<table class="ws-table"><caption>${caption}</caption>\n<thead><tr>${head}` +
    `</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>` +
    (note ? `\n<p class="ws-table-note">${escapeHtml(note)}</p>` : "");
  const text = [
    columns.join("\t"),
    ...shown.map((row) =>
      typeof row === "number" ? "…" : columns.map((c, i) => format(row[c], formats[i])).join("\t")
    ),
  ].join("\n");
  return new Table(html, `${text}\n(${size})${note ? `\n${note}` : ""}`);
}

const DEFAULT_MAX_ROWS = 60;

/** First-column names of tables whose rows are named statistics, which are never cut. */
const NAMED_ROWS = new Set(["statistic", "metric"]);

/**
 * The head and tail of a long table with the pinned rows between them; a number stands for the
 * rows left out at that place.
 */
function cutRows(
  data: pl.DataFrame | Records,
  key: string | undefined,
  half: number,
  pin: readonly unknown[],
): (Records[number] | number)[] {
  const total = Array.isArray(data) ? data.length : data.height;
  const wanted = new Set(pin.map(String));
  const middle: (Records[number] | number)[] = [];
  let skipped = 0;
  for (
    const row of wanted.size > 0 && key !== undefined ? slice(data, half, total - 2 * half) : []
  ) {
    if (!wanted.has(String(row[key!]))) {
      skipped++;
      continue;
    }
    if (skipped > 0) middle.push(skipped);
    middle.push(row);
    skipped = 0;
  }
  const rest = total - 2 * half - middle.filter((r) => typeof r !== "number").length -
    middle.reduce<number>((n, r) => n + (typeof r === "number" ? r : 0), 0);
  if (rest > 0) middle.push(rest);
  return [...slice(data, 0, half), ...middle, ...slice(data, total - half, half)];
}

function footnote(half: number, left: number, pinned: number, source: string | undefined) {
  const rows = pinned > 0 ? ` and ${plural(pinned, "pinned row")}` : "";
  const shown = `Showing the first ${half} and last ${half} rows${rows}; ${
    plural(left, "row")
  } left out.`;
  return source ? `${shown} Full data: ${relativePaths(source)}.` : shown;
}

function columnsOf(records: Records): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** `length` rows from `offset`, as records; a frame is sliced before it is converted. */
function slice(data: pl.DataFrame | Records, offset: number, length: number): Records {
  if (Array.isArray(data)) return data.slice(offset, offset + length);
  return data.slice(offset, length).toRecords() as Records;
}

/** How the numbers of one column read. */
export interface NumberFormat {
  /** Decimal places of non-integer numbers below 100 (above, 2; from 100,000, none). Defaults to 4. */
  readonly digits?: number;
  /** As a percentage with 2 decimals (0.2780 reads "27.80%"). Defaults to false. */
  readonly percent?: boolean;
  /** Thousands separators ("1,091.24"); off for years and ids. Defaults to true. */
  readonly separators?: boolean;
}

/**
 * A number as table text, never with an exponent: integers and large numbers with thousands
 * separators ("171,000,000", "1,091.24", "770.78"), others to `digits` decimal places ("0.0005"), a
 * non-zero value that rounds to nothing as "<0.0001", percentages with 2 decimals; NaN, a statistic
 * that is not defined for its row (a win rate without trades, the IC of a constant prediction),
 * as "—".
 *
 * @example
 * ```ts
 * import { formatNumber } from "@lib/table.ts";
 * const got = [1.71e8, 1091.2396, 0.0004904, 0.278].map((v) => formatNumber(v)).join(" ");
 * if (got !== "171,000,000 1,091.24 0.0005 0.278") throw new Error(got);
 * if (formatNumber(0.278, { percent: true }) !== "27.80%") throw new Error();
 * ```
 */
export function formatNumber(value: number, options: NumberFormat = {}): string {
  if (Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const grouping = options.separators ?? true;
  if (options.percent) {
    const pct = value * 100;
    if (pct !== 0 && Math.abs(pct) < 0.005) return pct > 0 ? "<0.01%" : ">-0.01%";
    return `${pct.toLocaleString("en-US", fixed(2, grouping))}%`;
  }
  if (Number.isInteger(value)) return value.toLocaleString("en-US", fixed(0, grouping));
  const abs = Math.abs(value);
  const digits = options.digits ?? 4;
  const places = abs >= 1e5 ? 0 : abs >= 100 ? Math.min(2, digits) : digits;
  if (abs < 0.5 * 10 ** -places) {
    const bound = (10 ** -places).toFixed(places);
    return value > 0 ? `<${bound}` : `>-${bound}`;
  }
  return value.toLocaleString("en-US", { ...fixed(0, grouping), maximumFractionDigits: places });
}

function fixed(places: number, useGrouping: boolean): Intl.NumberFormatOptions {
  return { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping };
}

const PERCENT_NAME =
  /(^|_)(returns?|ret|logret|cagr|drawdown|volatility|vol|pct|percent|share|fraction|coverage|exposure|hit_rate|win_rate|value_at_risk|weight)(_|$)/i;
const NOT_PERCENT_NAME =
  /(^|_)(skew|kurt|kurtosis|ratio|sharpe|sortino|calmar|omega|duration|days|periods|count|rows|n|t_stat|stat|dates|trades|names)(_|$)/i;
const NO_SEPARATORS = /(^|_)(year|id|seed|day)$/i;

/**
 * Whether a column or metric named `name` holds returns or other fractions read as percent
 * (`annual_return`, `max_drawdown`, `null_fraction`, `top_k_win_rate`; not `sharpe`,
 * `return_skew` or `max_drawdown_duration`).
 *
 * @example
 * ```ts
 * import { isPercentName } from "@lib/table.ts";
 * if (!isPercentName("top_k_annual_return") || isPercentName("top_k_sharpe")) throw new Error();
 * ```
 */
export function isPercentName(name: string): boolean {
  return PERCENT_NAME.test(name) && !NOT_PERCENT_NAME.test(name);
}

/** The number format of a column or metric named `name`. */
export function columnFormat(name: string, digits = 4): NumberFormat {
  return { digits, percent: isPercentName(name), separators: !NO_SEPARATORS.test(name) };
}

/** A value as table text: ISO dates, numbers by {@link formatNumber}, empty for null. */
export function format(value: unknown, options: NumberFormat | number = {}): string {
  const number = typeof options === "number" ? { digits: options } : options;
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
  }
  if (typeof value === "number") return formatNumber(value, number);
  if (typeof value === "bigint") {
    return value.toLocaleString("en-US", { useGrouping: number.separators ?? true });
  }
  if (Array.isArray(value)) return `[${value.map((v) => format(v, number)).join(", ")}]`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function cell(value: unknown, number: NumberFormat): string {
  const numeric = typeof value === "number" || typeof value === "bigint";
  return numeric
    ? `<td style="text-align:right">${escapeHtml(format(value, number))}</td>`
    : `<td>${escapeHtml(format(value, number))}</td>`;
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * A list of names for a sentence, cut past `max`: "A, B, C and 1,997 more".
 *
 * @example
 * ```ts
 * import { nameList } from "@lib/table.ts";
 * if (nameList(["A", "B", "C"], 2) !== "A, B and 1 more") throw new Error(nameList(["A", "B", "C"], 2));
 * ```
 */
export function nameList(names: readonly string[], max = 20): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${
    (names.length - max).toLocaleString("en-US")
  } more`;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Options of {@link metricTable}. */
export interface MetricTableOptions {
  /** A caption above the table. Defaults to "Metrics logged". */
  readonly caption?: string;
  /** Height (CSS) past which the table scrolls inside its box. Defaults to "24rem". */
  readonly maxHeight?: string;
}

/**
 * Renders metrics (name to value) as one compact two-column table, sorted by name, every row
 * shown, values formatted by their names ({@link columnFormat}: returns as percent). The box
 * scrolls past `maxHeight`; on the report site a click on a column heading sorts by it (the
 * numeric value is kept in `data-value`).
 *
 * @example
 * ```ts
 * import { metricTable } from "@lib/table.ts";
 * const t = metricTable({ top_k_sharpe: 1.19, top_k_annual_return: 0.278 });
 * if (!t.html.includes(">27.80%</td>") || !t.html.includes("ws-sortable")) throw new Error(t.html);
 * ```
 */
export function metricTable(
  metrics: Readonly<Record<string, number>>,
  options: MetricTableOptions = {},
): Table {
  const rows = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  const body = rows.map(([name, value]) =>
    `<tr><td>${escapeHtml(name)}</td><td style="text-align:right" data-value="${value}">${
      escapeHtml(formatNumber(value, columnFormat(name)))
    }</td></tr>`
  ).join("\n");
  const caption = `${escapeHtml(options.caption ?? "Metrics logged")} · ${
    plural(rows.length, "metric")
  }`;
  const html =
    `<div class="ws-metrics" style="max-height:${
      escapeHtml(options.maxHeight ?? "24rem")
    };overflow:auto">` +
    `<table class="ws-table ws-sortable"><caption>${caption}</caption>\n` +
    `<thead><tr><th>metric</th><th>value</th></tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
  const text = [
    "metric\tvalue",
    ...rows.map(([name, value]) => `${name}\t${formatNumber(value, columnFormat(name))}`),
  ].join("\n");
  return new Table(html, `${text}\n(${plural(rows.length, "metric")})`);
}
