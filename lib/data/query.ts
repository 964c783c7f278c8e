/**
 * Selecting bars by symbols and an inclusive date range, with errors for requests that cannot
 * be met (an unknown symbol, an empty result) instead of quietly returning less.
 * @module
 */
import pl from "nodejs-polars";
import { DataError } from "./errors.ts";

/** Which bars to load; every field is optional and an empty `symbols` means all symbols. */
export interface BarQuery {
  /** Symbols to keep; empty or unset keeps every symbol. */
  readonly symbols?: readonly string[];
  /** First date kept, `YYYY-MM-DD`, inclusive. */
  readonly start?: string;
  /** Last date kept, `YYYY-MM-DD`, inclusive. */
  readonly end?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a `YYYY-MM-DD` date as midnight UTC, throwing a {@link DataError} otherwise. */
export function parseIsoDate(value: string, field: string, origin: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !ISO_DATE.test(value) || Number.isNaN(date.getTime()) || !value.startsWith(
      date.toISOString().slice(0, 10),
    )
  ) {
    throw new DataError(origin, `${field} "${value}" is not a calendar date as YYYY-MM-DD`);
  }
  return date;
}

/**
 * Returns the rows of `bars` matching `query`. Throws a {@link DataError} naming `origin` when a
 * requested symbol is absent, when `start` is after `end`, or when nothing matches.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { filterBars } from "@lib/data/query.ts";
 * const day = new Date("2024-01-02");
 * const bars = pl.DataFrame({ symbol: ["A", "B"], date: [day, day] });
 * if (filterBars(bars, { symbols: ["B"] }, "inline").height !== 1) throw new Error("filter");
 * ```
 */
export function filterBars(bars: pl.DataFrame, query: BarQuery, origin: string): pl.DataFrame {
  const symbols = query.symbols ?? [];
  if (symbols.length > 0) {
    const available = new Set(bars.getColumn("symbol").unique().toArray() as string[]);
    const unknown = symbols.filter((s) => !available.has(s));
    if (unknown.length > 0) {
      const known = [...available].sort();
      const shown = known.slice(0, 20).join(", ") + (known.length > 20 ? ", ..." : "");
      throw new DataError(
        origin,
        `unknown symbol(s) ${unknown.join(", ")}; available (${known.length}): ${shown}`,
      );
    }
  }
  const start = query.start === undefined ? undefined : parseIsoDate(query.start, "start", origin);
  const end = query.end === undefined ? undefined : parseIsoDate(query.end, "end", origin);
  if (start && end && start > end) {
    throw new DataError(origin, `start ${query.start} is after end ${query.end}`);
  }
  let selected = bars;
  if (symbols.length > 0) selected = selected.filter(pl.col("symbol").isIn([...symbols]));
  if (start) selected = selected.filter(pl.col("date").gtEq(pl.lit(start)));
  if (end) selected = selected.filter(pl.col("date").ltEq(pl.lit(end)));
  if (selected.height === 0) {
    throw new DataError(origin, `no rows match ${describeQuery(query)}`);
  }
  return selected;
}

/** Describes a query in words for messages, e.g. `symbols A, B from 2020-01-01`. */
export function describeQuery(query: BarQuery): string {
  const parts = [
    query.symbols && query.symbols.length > 0
      ? `symbols ${query.symbols.join(", ")}`
      : "all symbols",
  ];
  if (query.start) parts.push(`from ${query.start}`);
  if (query.end) parts.push(`to ${query.end}`);
  return parts.join(" ");
}
