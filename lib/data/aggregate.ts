/**
 * Coarser bars from finer ones: weekly bars from daily bars, and daily bars from minute bars.
 * Open is the first open, high the highest high, low the lowest low, close the last close and
 * volume the sum, per symbol and period, taking rows in time order.
 * @module
 */
import pl from "nodejs-polars";

const ohlcv = () => [
  pl.col("open").first().alias("open"),
  pl.col("high").max().alias("high"),
  pl.col("low").min().alias("low"),
  pl.col("close").last().alias("close"),
  pl.col("volume").sum().alias("volume"),
];

/**
 * Returns weekly bars from daily bars: one row per symbol and Monday-to-Sunday week, dated by the
 * week's last trading day (so a bar is known on the date it carries), with `days` (Int64) the
 * sessions it aggregates. Sorted by symbol then date.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { weeklyBars } from "@lib/data/aggregate.ts";
 * const daily = pl.DataFrame({
 *   symbol: ["A", "A"], date: [new Date("2024-01-02"), new Date("2024-01-05")],
 *   open: [1, 2], high: [3, 4], low: [0.5, 1], close: [2, 3], volume: [10, 20],
 * }).withColumns(pl.col("date").cast(pl.Date));
 * if (weeklyBars(daily).getColumn("high").get(0) !== 4) throw new Error("high");
 * ```
 */
export function weeklyBars(daily: pl.DataFrame): pl.DataFrame {
  return daily.sort(["symbol", "date"])
    .withColumns(pl.col("date").dt.truncate("1w").alias("__week"))
    .groupBy(["symbol", "__week"])
    .agg(pl.col("date").last().alias("date"), ...ohlcv(), pl.len().cast(pl.Int64).alias("days"))
    .select("symbol", "date", "open", "high", "low", "close", "volume", "days")
    .sort(["symbol", "date"]);
}

/**
 * Returns daily bars from minute bars in the intraday schema of lib/data/source.ts (`symbol`,
 * `datetime` the bar's start, `date` its exchange trading date, OHLCV): one row per symbol and
 * `date`, taking bars in `datetime` order, with `minutes` (Int64) the bars aggregated. Grouping by
 * the source's `date` rather than the UTC calendar day keeps a session in one bar. Sorted by
 * symbol then date.
 */
export function dailyFromMinutes(minutes: pl.DataFrame): pl.DataFrame {
  return minutes.sort(["symbol", "datetime"])
    .groupBy(["symbol", "date"])
    .agg(...ohlcv(), pl.len().cast(pl.Int64).alias("minutes"))
    .sort(["symbol", "date"]);
}
