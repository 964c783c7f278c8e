/**
 * Tables for notebooks and reports: a nodejs-polars frame (or plain records) rendered as a
 * compact HTML table, with dates as ISO dates, floats rounded for reading, and long frames cut
 * to their first and last rows with the full size stated.
 * @module
 */
import pl from "nodejs-polars";

/** Options of {@link table}. */
export interface TableOptions {
  /** Rows shown before the frame is cut to its head and tail. Defaults to 30. */
  maxRows?: number;
  /** Significant digits of non-integer numbers. Defaults to 4. */
  digits?: number;
  /** A caption above the table. */
  caption?: string;
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
  const records: Records = Array.isArray(data) ? data : data.toRecords() as Records;
  const columns = Array.isArray(data) ? [...new Set(data.flatMap(Object.keys))] : data.columns;
  const cut = records.length > maxRows;
  const half = Math.floor(maxRows / 2);
  const shown = cut ? [...records.slice(0, half), undefined, ...records.slice(-half)] : records;

  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = shown.map((row) =>
    row === undefined
      ? `<tr><td colspan="${columns.length}">…</td></tr>`
      : `<tr>${columns.map((c) => cell(row[c], digits)).join("")}</tr>`
  ).join("\n");
  const size = `${plural(records.length, "row")} × ${plural(columns.length, "column")}`;
  const caption = options.caption ? `${escapeHtml(options.caption)} · ${size}` : size;
  const html = `<table class="ws-table"><caption>${caption}</caption>\n<thead><tr>${head}` +
    `</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
  const text = [
    columns.join("\t"),
    ...shown.map((row) =>
      row === undefined ? "…" : columns.map((c) => format(row[c], digits)).join("\t")
    ),
  ].join("\n");
  return new Table(html, `${text}\n(${size})`);
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
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}
