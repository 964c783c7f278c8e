/**
 * The columns and types of daily bars, shared by every data source and by the panel that step 01
 * writes (`symbol` Utf8, `date` Date, prices and volume Float64).
 * @module
 */
import pl from "nodejs-polars";

/** The columns every frame of daily bars carries, in their canonical order. */
export const BAR_COLUMNS = ["symbol", "date", "open", "high", "low", "close", "volume"] as const;

/** One column of a frame of daily bars. */
export type BarColumn = typeof BAR_COLUMNS[number];

/** The price columns of a bar. */
export const PRICE_COLUMNS = ["open", "high", "low", "close"] as const;

/** The polars type of each bar column. */
export const BAR_TYPES: Readonly<Record<BarColumn, pl.DataType>> = {
  symbol: pl.String,
  date: pl.Date,
  open: pl.Float64,
  high: pl.Float64,
  low: pl.Float64,
  close: pl.Float64,
  volume: pl.Float64,
};

/** Returns the bar columns that `frame` lacks, in canonical order (empty when none). */
export function missingBarColumns(frame: pl.DataFrame): BarColumn[] {
  const present = new Set(frame.columns);
  return BAR_COLUMNS.filter((column) => !present.has(column));
}

/** Returns `bars` sorted by symbol then date (stable; no row is added or removed). */
export function sortBars(bars: pl.DataFrame): pl.DataFrame {
  return bars.sort(["symbol", "date"]);
}
