/**
 * Label spans: every label at t0 = `date` reads rows up to its t1 (`label_end_{h}`,
 * `event_end`, `range_end`). Purging and embargo in training read these spans.
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";

/** A label family and the column holding its t1. */
export interface SpanColumn {
  /** Display name, e.g. `fwd_ret_5`, `events`, `range`. */
  readonly family: string;
  /** Column of t1 in the frame. */
  readonly end: string;
}

const MS_PER_DAY = 86_400_000;

/** `column` as a day number: days since 1970 for Date and Datetime columns, else the value. */
function dayNumberExpr(frame: pl.DataFrame, column: string): pl.Expr {
  const dtype = frame.getColumn(column).dtype;
  if (dtype.equals(pl.Date)) return pl.col(column).cast(pl.Int32).cast(pl.Float64);
  if (dtype.equals(pl.Datetime("ms"))) {
    return pl.col(column).cast(pl.Int64).cast(pl.Float64).div(MS_PER_DAY);
  }
  if (dtype.variant === "Datetime") {
    return pl.col(column).cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64).div(MS_PER_DAY);
  }
  return pl.col(column).cast(pl.Float64);
}

/**
 * Returns `family` and `span_days` (Int32, t1 - t0 in calendar days; for integer dates, in
 * their units) for every labelled row (t1 not null) of `frame` and each family in `columns`.
 * Throws when a t1 is before its t0.
 */
export function labelSpans(frame: pl.DataFrame, columns: readonly SpanColumn[]): pl.DataFrame {
  const t0 = dayNumberExpr(frame, "date");
  const parts = columns.map(({ family, end }) => {
    const spans = frame
      .select(dayNumberExpr(frame, end).sub(t0).round(0).alias("span"))
      .withRowIndex("row")
      .filter(pl.col("span").isNotNull());
    const before = spans.filter(pl.col("span").lt(0));
    if (before.height > 0) {
      throw new Error(
        `${family}: row ${before.getColumn("row").get(0)} ends (${end}) before its date`,
      );
    }
    return spans.select(
      pl.lit(family).cast(pl.Utf8).alias("family"),
      pl.col("span").cast(pl.Int32).alias("span_days"),
    );
  });
  if (parts.length === 0) {
    return pl.DataFrame({
      family: pl.Series("family", [], pl.Utf8),
      span_days: pl.Series("span_days", [], pl.Int32),
    });
  }
  return concatRows(parts);
}

/**
 * Returns per family (in first-seen order): `labelled` rows and the `min`, `median` and `max`
 * span in days.
 */
export function spanSummary(spans: pl.DataFrame): pl.DataFrame {
  const order = spans.getColumn("family").unique(true).toArray() as string[];
  // One pass over the spans for every family, then in first-seen order.
  const stats = spans.groupBy("family").agg(
    pl.len().cast(pl.Int64).alias("labelled"),
    pl.col("span_days").min().cast(pl.Float64).alias("min_days"),
    pl.col("span_days").median().cast(pl.Float64).alias("median_days"),
    pl.col("span_days").max().cast(pl.Float64).alias("max_days"),
  );
  const parts = order.map((family) => stats.filter(pl.col("family").eq(pl.lit(family))));
  if (parts.length === 0) {
    return pl.DataFrame({
      family: pl.Series("family", [], pl.Utf8),
      labelled: pl.Series("labelled", [], pl.Int64),
      min_days: pl.Series("min_days", [], pl.Float64),
      median_days: pl.Series("median_days", [], pl.Float64),
      max_days: pl.Series("max_days", [], pl.Float64),
    });
  }
  return concatRows(parts);
}

/**
 * Returns the spans of the whole catalog: each horizon's forward return (`fwd_ret_{h}`, t1 =
 * `label_end_{h}`), range expansion when `labels` has `range_end`, and the events (t1 =
 * `event_end`), in that order.
 */
export function catalogSpans(
  labels: pl.DataFrame,
  events: pl.DataFrame,
  horizons: readonly number[],
): pl.DataFrame {
  const columns: SpanColumn[] = horizons.map((h) => ({
    family: `fwd_ret_${h}`,
    end: `label_end_${h}`,
  }));
  if (labels.columns.includes("range_end")) columns.push({ family: "range", end: "range_end" });
  return concatRows([
    labelSpans(labels, columns),
    labelSpans(events, [{ family: "events", end: "event_end" }]),
  ]);
}
