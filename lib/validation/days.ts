/**
 * Calendar dates as day numbers (days since 1970-01-01, UTC), the form every split, IC and
 * backtest loop works in: integers compare and index cheaply, and polars casts a `pl.Date`
 * column to them without copying through JS `Date` objects.
 * @module
 */
import pl from "nodejs-polars";
import { floatValues } from "../frames.ts";

const msPerDay = 86_400_000;

/**
 * Returns a polars `Date` (or `Datetime`) series as day numbers; missing values become `NaN`.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { dayNumbers } from "@lib/validation/days.ts";
 * const s = pl.Series("date", [new Date("2020-01-02")]).cast(pl.Date);
 * if (dayNumbers(s)[0] !== 18263) throw new Error("wrong day");
 * ```
 */
export function dayNumbers(series: pl.Series): Float64Array {
  const asDate = series.dtype.equals(pl.Date) ? series : series.cast(pl.Date);
  return floatValues(pl.DataFrame([asDate.alias("day")]), "day");
}

/** Returns the ISO date `YYYY-MM-DD` of a day number. */
export function isoFromDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** Returns the day number of an ISO date `YYYY-MM-DD` (or any `Date`). */
export function dayFromIso(date: string | Date): number {
  const ms = typeof date === "string"
    ? Date.parse(`${date.slice(0, 10)}T00:00:00Z`)
    : date.getTime();
  if (!Number.isFinite(ms)) throw new Error(`"${date}" is not a date`);
  return Math.floor(ms / msPerDay);
}

/** Returns the sorted distinct finite day numbers of `days`. */
export function uniqueDays(days: ArrayLike<number>): Float64Array {
  const seen = new Set<number>();
  for (let i = 0; i < days.length; i++) if (Number.isFinite(days[i])) seen.add(days[i]);
  return Float64Array.from(seen).sort();
}

/** Returns a polars `Date` series named `name` from day numbers (`NaN` becomes null). */
export function daySeries(name: string, days: ArrayLike<number>): pl.Series {
  const values: (number | null)[] = Array.from(days, (d) => (Number.isFinite(d) ? d : null));
  // Not pl.Series(name, values, pl.Int32): nodejs-polars 0.25.2 turns null into 0 that way.
  return pl.Series(name, values, pl.Float64).cast(pl.Int32).cast(pl.Date);
}
