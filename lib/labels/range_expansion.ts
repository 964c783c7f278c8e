/**
 * Range-expansion labels: does the next day's high-low range, relative to today's close, exceed a
 * threshold? The label at t reads rows t (close, and the past for a trailing threshold) and t+1
 * (high, low); its span is `date` -> `range_end` (the next row's date).
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";
import { windowMeanExpr } from "./volatility.ts";

/**
 * The threshold on the next day's range `(high_{t+1} - low_{t+1}) / close_t`: a fixed fraction,
 * or a multiple of the trailing mean of the daily range over `window` rows ending at t.
 */
export type RangeExpansionOptions =
  | { readonly mode: "fixed"; readonly threshold: number }
  | { readonly mode: "trailing"; readonly multiple: number; readonly window: number };

/** Names of the range-expansion columns. */
export const RANGE_COLUMNS = {
  /** Float64: the next day's range as a fraction of close_t. */
  next: "range_next",
  /** Float64: the threshold it is compared with (known at t). */
  threshold: "range_threshold",
  /** Int32: 1 when `range_next > range_threshold`, 0 when not, null without a next day. */
  label: "range_expansion",
  /** The date of the next row (t1 of the label's span). */
  end: "range_end",
} as const;

/** Throws unless the options describe a positive threshold (and a window of >= 1 row). */
export function checkRangeExpansion(o: RangeExpansionOptions): void {
  if (o.mode === "fixed") {
    if (!(o.threshold > 0)) throw new Error(`range threshold ${o.threshold} is not > 0`);
    return;
  }
  if (!(o.multiple > 0)) throw new Error(`range multiple ${o.multiple} is not > 0`);
  if (!Number.isInteger(o.window) || o.window < 1) {
    throw new Error(`range window ${o.window} is not a whole number of rows >= 1`);
  }
}

/** One symbol's daily range relative to the previous close, `(high_t - low_t) / close_{t-1}`. */
export function dailyRangeExpr(): pl.Expr {
  return pl.col("high").sub(pl.col("low")).div(pl.col("close").shift(1));
}

/**
 * Returns `symbol`, `date`, `range_next`, `range_threshold`, `range_expansion` (Int32 0/1) and
 * `range_end`, per symbol on rows sorted by date. A symbol's last row has no next day: its
 * label and end are null (not 0). Under `trailing`, the first `window` rows of a symbol have no
 * threshold and no label (warm-up). Equality is not expansion (`>` is strict).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { rangeExpansion } from "@lib/labels/range_expansion.ts";
 * const panel = pl.DataFrame({
 *   symbol: ["A", "A", "A"], date: [1, 2, 3],
 *   high: [101, 104, 101], low: [99, 100, 100], close: [100, 101, 100.5],
 * });
 * const got = rangeExpansion(panel, { mode: "fixed", threshold: 0.03 });
 * // next ranges: 4/100 = 4% > 3% -> 1; 1/101 -> 0; no next day -> null
 * if (got.getColumn("range_expansion").toArray().join() !== "1,0,") throw new Error("range");
 * ```
 */
export function rangeExpansion(panel: pl.DataFrame, options: RangeExpansionOptions): pl.DataFrame {
  checkRangeExpansion(options);
  const missing = ["symbol", "date", "high", "low", "close"].filter((c) =>
    !panel.columns.includes(c)
  );
  if (missing.length > 0) {
    throw new Error(`rangeExpansion: the panel lacks column(s) ${missing.join(", ")}`);
  }
  const next = pl.col("high").shift(-1).sub(pl.col("low").shift(-1)).div(pl.col("close"))
    .over("symbol").cast(pl.Float64);
  const threshold = options.mode === "fixed"
    ? pl.lit(options.threshold).cast(pl.Float64)
    : windowMeanExpr(dailyRangeExpr(), options.window).mul(options.multiple)
      .over("symbol").cast(pl.Float64);
  const c = RANGE_COLUMNS;
  return panel.sort(["symbol", "date"])
    .select(
      pl.col("symbol"),
      pl.col("date"),
      next.alias(c.next),
      threshold.alias(c.threshold),
      pl.col("date").shift(-1).over("symbol").alias(c.end),
    )
    .withColumns(
      pl.when(pl.col(c.next).isNull().or(pl.col(c.threshold).isNull())).then(pl.lit(null))
        .when(pl.col(c.next).gt(pl.col(c.threshold))).then(pl.lit(1))
        .otherwise(pl.lit(0))
        .cast(pl.Int32)
        .alias(c.label),
    )
    .select("symbol", "date", c.next, c.threshold, c.label, c.end);
}

/**
 * Returns the share of labelled rows that are expansions, overall (`symbol` = "all") and per
 * symbol: `symbol`, `labelled` (rows with a label), `expansions`, `share`.
 */
export function rangeExpansionShare(range: pl.DataFrame): pl.DataFrame {
  const labelled = range.filter(pl.col(RANGE_COLUMNS.label).isNotNull());
  const agg = [
    pl.len().cast(pl.Int64).alias("labelled"),
    pl.col(RANGE_COLUMNS.label).sum().cast(pl.Int64).alias("expansions"),
  ];
  const all = labelled.select(pl.lit("all").alias("symbol"), ...agg);
  const bySymbol = labelled.groupBy("symbol").agg(...agg).sort("symbol");
  return concatRows([all, bySymbol.select("symbol", "labelled", "expansions")])
    .withColumns(
      pl.when(pl.col("labelled").gt(0))
        .then(pl.col("expansions").cast(pl.Float64).div(pl.col("labelled").cast(pl.Float64)))
        .otherwise(pl.lit(0))
        .cast(pl.Float64)
        .alias("share"),
    );
}
