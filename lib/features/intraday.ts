/**
 * Per-day summaries of the MACD histogram on intraday bars, joined to the daily panel.
 *
 * Minute bars are `symbol`, `timestamp` (Datetime, exchange-local clock stored as naive time),
 * `open`, `high`, `low`, `close`, `volume`. The MACD runs over each (symbol, day) alone, restarting
 * every morning, so a day's summary reads only that day's bars and is known at its close, the
 * same moment as the daily features of that date.
 * @module
 */
import pl from "nodejs-polars";
import { macdExpr } from "./indicators.ts";

const MS_PER_DAY = 86_400_000;

/** MACD spans of the intraday summaries. */
export interface IntradayMacdOptions {
  /** Bar length in minutes the minute bars are resampled to (1 keeps them). Defaults to 1. */
  readonly barMinutes?: number;
  /** Fast EMA span, in bars. Defaults to 12. */
  readonly fast?: number;
  /** Slow EMA span, in bars. Defaults to 26. */
  readonly slow?: number;
  /** Signal EMA span, in bars. Defaults to 9. */
  readonly signal?: number;
}

/** The summary columns for bars of `barMinutes` minutes, e.g. `macd_hist_last_5m`. */
export function intradayColumns(barMinutes: number): {
  last: string;
  min: string;
  max: string;
  crossUp: string;
  crossDown: string;
} {
  const m = `${barMinutes}m`;
  return {
    last: `macd_hist_last_${m}`,
    min: `macd_hist_min_${m}`,
    max: `macd_hist_max_${m}`,
    crossUp: `macd_cross_up_${m}`,
    crossDown: `macd_cross_down_${m}`,
  };
}

/**
 * Aggregates minute bars into `minutes`-minute bars (first open, max high, min low, last close,
 * summed volume), labelled by the bucket's start; adds `date` (pl.Date) of each bar.
 */
export function resampleBars(bars: pl.DataFrame, minutes: number): pl.DataFrame {
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new Error(`resampleBars: minutes must be a positive integer, got ${minutes}`);
  }
  const ms = pl.col("timestamp").cast(pl.Int64);
  const width = minutes * 60_000;
  return bars
    .withColumns(
      ms.sub(ms.modulo(width)).alias("bucket"),
      ms.sub(ms.modulo(MS_PER_DAY)).div(MS_PER_DAY).cast(pl.Int32).cast(pl.Date).alias("date"),
    )
    .sort(["symbol", "timestamp"])
    .groupBy(["symbol", "date", "bucket"])
    .agg(
      pl.col("open").first(),
      pl.col("high").max(),
      pl.col("low").min(),
      pl.col("close").last(),
      pl.col("volume").sum(),
    )
    .withColumns(pl.col("bucket").cast(pl.Datetime("ms")).alias("timestamp"))
    .select("symbol", "date", "timestamp", "open", "high", "low", "close", "volume")
    .sort(["symbol", "timestamp"]);
}

/**
 * Returns one row per (symbol, date) of the minute bars with the day's MACD histogram summaries
 * on `barMinutes`-minute bars: the last value, the minimum and maximum, and how many times it
 * crossed zero upwards (previous <= 0 < current) and downwards (previous >= 0 > current). A day
 * too short for the MACD's warm-up (`slow + signal - 2` bars) has null summaries.
 */
export function intradayMacdSummary(
  minuteBars: pl.DataFrame,
  options: IntradayMacdOptions = {},
): pl.DataFrame {
  const { barMinutes = 1, fast = 12, slow = 26, signal = 9 } = options;
  const names = intradayColumns(barMinutes);
  const bars = resampleBars(minuteBars, barMinutes);
  const day = ["symbol", "date"];
  const hist = macdExpr(pl.col("close"), fast, slow, signal).hist.over("symbol", "date");
  const withHist = bars.withColumns(hist.alias("hist"))
    .withColumns(pl.col("hist").shift(1).over("symbol", "date").alias("prev"));
  const crossed = (up: boolean) =>
    (up
      ? pl.col("prev").ltEq(0).and(pl.col("hist").gt(0))
      : pl.col("prev").gtEq(0).and(pl.col("hist").lt(0))).cast(pl.Float64).sum();
  const defined = pl.col("hist").count().gt(0);
  const orNull = (x: pl.Expr) => pl.when(defined).then(x).otherwise(pl.lit(null).cast(pl.Float64));
  return withHist.groupBy(day).agg(
    pl.col("hist").dropNulls().last().cast(pl.Float64).alias(names.last),
    pl.col("hist").min().cast(pl.Float64).alias(names.min),
    pl.col("hist").max().cast(pl.Float64).alias(names.max),
    orNull(crossed(true)).alias(names.crossUp),
    orNull(crossed(false)).alias(names.crossDown),
  ).sort(day);
}

/**
 * Left-joins per-day summaries onto a daily frame by (symbol, date): every daily row is kept,
 * days without intraday bars get nulls. Throws when a summary repeats a daily column.
 */
export function joinDaily(daily: pl.DataFrame, ...summaries: pl.DataFrame[]): pl.DataFrame {
  let out = daily;
  for (const summary of summaries) {
    const clash = summary.columns.filter((c) =>
      c !== "symbol" && c !== "date" && out.columns.includes(c)
    );
    if (clash.length > 0) throw new Error(`joinDaily: column(s) ${clash.join(", ")} already exist`);
    out = out.join(summary, { on: ["symbol", "date"], how: "left" });
  }
  return out.sort(["symbol", "date"]);
}
