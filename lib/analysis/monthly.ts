/**
 * Daily returns compounded to calendar months, to line up with monthly factors.
 * @internal
 * @module
 */
import pl from "nodejs-polars";

/** Options of {@link compoundMonthly}. */
export interface MonthlyOptions {
  /** Return columns (simple returns, fractions). Defaults to every column but the date and `by`. */
  columns?: readonly string[];
  /** Date column (polars Date). Defaults to `date`. */
  date?: string;
  /** Columns compounded separately, e.g. `symbol`. Defaults to none. */
  by?: readonly string[];
}

/**
 * Returns one row per calendar month (and `by` group): month (`YYYY-MM`), each return column
 * compounded as prod(1 + r) - 1 over the month's days, and days (rows in the month). Null
 * returns are skipped (they count as 0). The first and last months may be partial: check
 * `days` before comparing them with a full month's factor.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { compoundMonthly } from "@lib/analysis/monthly.ts";
 * const daily = pl.DataFrame({ date: [new Date("2020-01-30"), new Date("2020-01-31"), new Date("2020-02-03")],
 *   ret: [0.1, 0.1, -0.5] }).withColumns(pl.col("date").cast(pl.Date));
 * const m = compoundMonthly(daily);
 * if (Math.abs(m.getColumn("ret").get(0) - 0.21) > 1e-12 || m.getColumn("days").get(0) !== 2) throw new Error("wrong");
 * ```
 */
export function compoundMonthly(frame: pl.DataFrame, options: MonthlyOptions = {}): pl.DataFrame {
  const { date = "date", by = [] } = options;
  if (!frame.columns.includes(date)) throw new Error(`the frame has no date column "${date}"`);
  const columns = options.columns ?? frame.columns.filter((c) => c !== date && !by.includes(c));
  if (columns.length === 0) throw new Error("no return columns to compound");
  for (const c of [...columns, ...by]) {
    if (!frame.columns.includes(c)) throw new Error(`the frame has no column "${c}"`);
  }
  return frame
    .withColumns(pl.col(date).cast(pl.Date).dt.strftime("%Y-%m").alias("month"))
    .groupBy([...by, "month"])
    .agg(
      ...columns.map((c) =>
        pl.col(c).cast(pl.Float64).fillNull(0).add(1).product().sub(1).alias(c)
      ),
      pl.len().cast(pl.Int32).alias("days"),
    )
    .sort([...by, "month"]);
}
