/**
 * A per-symbol overview of a frame of bars, for tables in notebooks and reports.
 * @module
 */
import pl from "nodejs-polars";

/**
 * Returns one row per symbol (sorted): `rows`, `first_date`, `last_date`, `first_close`,
 * `last_close` and `growth` (last close / first close), taking rows in date order.
 */
export function summariseBars(bars: pl.DataFrame): pl.DataFrame {
  return bars.sort(["symbol", "date"])
    .groupBy("symbol")
    .agg(
      pl.len().cast(pl.Int64).alias("rows"),
      pl.col("date").first().alias("first_date"),
      pl.col("date").last().alias("last_date"),
      pl.col("close").first().alias("first_close"),
      pl.col("close").last().alias("last_close"),
    )
    .withColumns(pl.col("last_close").div(pl.col("first_close")).alias("growth"))
    .sort("symbol");
}

/** Returns the symbol of the first row of `bars` (the one a notebook charts by default). */
export function firstSymbol(bars: pl.DataFrame): string {
  return String(bars.getColumn("symbol").get(0));
}
