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
  /** Rows shown before the frame is cut to its head and tail. Defaults to 30. */
  maxRows?: number;
  /** Significant digits of non-integer numbers. Defaults to 4. */
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
  const maxRows = options.maxRows ?? 30;
  const digits = options.digits ?? 4;
  const total = Array.isArray(data) ? data.length : data.height;
  const columns = Array.isArray(data) ? columnsOf(data) : data.columns;
  const cut = total > maxRows;
  const half = Math.floor(maxRows / 2);
  const left = total - 2 * half;
  const shown: (Records[number] | undefined)[] = cut
    ? [...slice(data, 0, half), undefined, ...slice(data, total - half, half)]
    : slice(data, 0, total);

  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const gap = `… ${plural(left, "row")} left out`;
  const body = shown.map((row) =>
    row === undefined
      ? `<tr><td colspan="${columns.length}">${cut && left > 0 ? gap : "…"}</td></tr>`
      : `<tr>${columns.map((c) => cell(row[c], digits)).join("")}</tr>`
  ).join("\n");
  const size = `${plural(total, "row")} × ${plural(columns.length, "column")}`;
  const caption = options.caption ? `${escapeHtml(options.caption)} · ${size}` : size;
  const note = cut ? footnote(half, left, options.source) : "";
  const html = `<table class="ws-table"><caption>${caption}</caption>\n<thead><tr>${head}` +
    `</tr></thead>\n<tbody>\n${body}\n</tbody></table>` +
    (note ? `\n<p class="ws-table-note">${escapeHtml(note)}</p>` : "");
  const text = [
    columns.join("\t"),
    ...shown.map((row) =>
      row === undefined ? "…" : columns.map((c) => format(row[c], digits)).join("\t")
    ),
  ].join("\n");
  return new Table(html, `${text}\n(${size})${note ? `\n${note}` : ""}`);
}

function footnote(half: number, left: number, source: string | undefined): string {
  const shown = `Showing the first ${half} and last ${half} rows; ${plural(left, "row")} left out.`;
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

/** A value as table text: ISO dates, rounded floats, empty for null. */
export function format(value: unknown, digits = 4): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
  }
  if (typeof value === "number") {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    const abs = Math.abs(value);
    return abs >= 1e-3 && abs < 1e6
      ? String(Number(value.toFixed(digits)))
      : value.toPrecision(digits);
  }
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map((v) => format(v, digits)).join(", ")}]`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function cell(value: unknown, digits: number): string {
  const numeric = typeof value === "number" || typeof value === "bigint";
  return numeric
    ? `<td style="text-align:right">${escapeHtml(format(value, digits))}</td>`
    : `<td>${escapeHtml(format(value, digits))}</td>`;
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
