/**
 * Label spans: every label at t0 = `date` reads rows up to its t1 (`label_end_{h}`,
 * `event_end`, `range_end`). Purging and embargo in training read these spans.
 * @module
 */
import pl from "nodejs-polars";

/** A label family and the column holding its t1. */
export interface SpanColumn {
  /** Display name, e.g. `fwd_ret_5`, `events`, `range`. */
  readonly family: string;
  /** Column of t1 in the frame. */
  readonly end: string;
}

const MS_PER_DAY = 86_400_000;

const dayNumber = (v: unknown): number | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.getTime() / MS_PER_DAY : Number(v);

/**
 * Returns `family` and `span_days` (Int32, t1 - t0 in calendar days; for integer dates, in
 * their units) for every labelled row (t1 not null) of `frame` and each family in `columns`.
 * Throws when a t1 is before its t0.
 */
export function labelSpans(frame: pl.DataFrame, columns: readonly SpanColumn[]): pl.DataFrame {
  const t0 = (frame.getColumn("date").toArray() as unknown[]).map(dayNumber);
  const families: string[] = [];
  const spans: number[] = [];
  for (const { family, end } of columns) {
    const t1 = (frame.getColumn(end).toArray() as unknown[]).map(dayNumber);
    t1.forEach((e, i) => {
      if (e === null) return;
      const span = Math.round(e - (t0[i] as number));
      if (span < 0) throw new Error(`${family}: row ${i} ends (${end}) before its date`);
      families.push(family);
      spans.push(span);
    });
  }
  return pl.DataFrame({
    family: pl.Series("family", families, pl.Utf8),
    span_days: pl.Series("span_days", spans, pl.Int32),
  });
}

/**
 * Returns per family (in first-seen order): `labelled` rows and the `min`, `median` and `max`
 * span in days.
 */
export function spanSummary(spans: pl.DataFrame): pl.DataFrame {
  const order = [...new Set(spans.getColumn("family").toArray() as string[])];
  const parts = order.map((family) =>
    spans.filter(pl.col("family").eq(pl.lit(family))).select(
      pl.lit(family).alias("family"),
      pl.len().cast(pl.Int64).alias("labelled"),
      pl.col("span_days").min().cast(pl.Float64).alias("min_days"),
      pl.col("span_days").median().cast(pl.Float64).alias("median_days"),
      pl.col("span_days").max().cast(pl.Float64).alias("max_days"),
    )
  );
  if (parts.length === 0) {
    return pl.DataFrame({
      family: pl.Series("family", [], pl.Utf8),
      labelled: pl.Series("labelled", [], pl.Int64),
      min_days: pl.Series("min_days", [], pl.Float64),
      median_days: pl.Series("median_days", [], pl.Float64),
      max_days: pl.Series("max_days", [], pl.Float64),
    });
  }
  return pl.concat(parts);
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
  return pl.concat([
    labelSpans(labels, columns),
    labelSpans(events, [{ family: "events", end: "event_end" }]),
  ]);
}
