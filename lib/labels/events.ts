/**
 * Event labels (triple barrier, de Prado, *Advances in Financial Machine Learning*, ch. 3):
 * at each MACD-histogram sign change a position is opened at the close; the label says which of
 * three barriers it touches first: the profit target (+1), the stop (-1), or the time barrier
 * `maxHolding` rows later (0).
 *
 * Conventions:
 * - An event at t is known at the close of t (MACD reads rows up to t only) and trades at
 *   close_t. Barriers are checked on the highs and lows of bars t+1 .. t+maxHolding.
 * - `up` is the profit-taking width and `down` the stop width, as fractions of close_t: a long
 *   targets close_t*(1+up) with a stop at close_t*(1-down); a short mirrors them, targeting
 *   close_t*(1-up) with a stop at close_t*(1+down). A level equal to the barrier touches it.
 * - Intrabar: when one bar touches both barriers, the order inside the bar is unknown and the
 *   event counts as stopped (-1), the worse outcome.
 * - Fills: a target fills at its level; a stop fills at its level, or at the bar's open when the
 *   bar opened beyond it (a gap); the time barrier exits at the close of row t+maxHolding.
 *   `event_return` is the side-signed return of that exit over close_t.
 * - Span: t0 = date, t1 = `event_end`, the row where the barrier was touched (or the time
 *   barrier's row). The label reads rows t..t1 and nothing after.
 * - End of data: when the data ends before a barrier is touched and before t+maxHolding, the
 *   outcome is unknown: label, return and end are null (not 0).
 * - Volatility-scaled barriers multiply `sigma_t * sqrt(maxHolding)`, with sigma_t the trailing
 *   std of daily returns up to t: they read the past as well (null in the warm-up).
 * - The MACD is lib/features' definition ({@link macdExpr}, TA-Lib's seeding), the same one
 *   the `macd_hist_*` feature computes.
 * @module
 */
import pl from "nodejs-polars";
import { macdExpr } from "@lib/features/indicators.ts";
import { checkWindow, trailingVolatilityExpr } from "./volatility.ts";

/** Which crosses open events: up-crosses as longs, down-crosses as shorts, or both. */
export type EventSide = "long" | "short" | "both";

/**
 * Barrier widths: fixed fractions of close_t, or multiples of `sigma_t * sqrt(maxHolding)` with
 * sigma_t the trailing std of `window` daily returns ending at t.
 */
export type BarrierOptions =
  | { readonly mode: "fixed"; readonly up: number; readonly down: number }
  | {
    readonly mode: "volatility";
    readonly up: number;
    readonly down: number;
    readonly window: number;
  };

/** MACD periods (fast EMA, slow EMA, signal EMA). */
export interface MacdPeriods {
  /** Fast EMA period, e.g. 12. */
  readonly fast: number;
  /** Slow EMA period (> fast), e.g. 26. */
  readonly slow: number;
  /** Signal EMA period, e.g. 9. */
  readonly signal: number;
}

/** How to find and label events. */
export interface EventOptions {
  /** Which crosses open events. */
  readonly side: EventSide;
  /** Barrier widths. */
  readonly barriers: BarrierOptions;
  /** Rows after t at which the time barrier closes the event (>= 1). */
  readonly maxHolding: number;
  /** MACD periods of the crosses. */
  readonly macd: MacdPeriods;
}

/** The columns of an events frame besides `symbol` and `date` (t0). */
export const EVENT_COLUMNS = [
  "event_side",
  "event_target",
  "event_stop",
  "event_label",
  "event_return",
  "event_end",
  "event_bars",
] as const;

/** Throws unless the options are usable (positive widths and periods, fast < slow). */
export function checkEventOptions(o: EventOptions): void {
  const { up, down } = o.barriers;
  if (!(up > 0 && down > 0)) {
    throw new Error(`barrier widths need up > 0, down > 0; got ${up}, ${down}`);
  }
  if (o.barriers.mode === "fixed" && down >= 1) {
    throw new Error(`a fixed stop width of ${down} puts a long's stop at or below zero`);
  }
  if (o.barriers.mode === "volatility") checkWindow(o.barriers.window);
  if (!Number.isInteger(o.maxHolding) || o.maxHolding < 1) {
    throw new Error(`maxHolding ${o.maxHolding} is not a whole number of rows >= 1`);
  }
  const { fast, slow, signal } = o.macd;
  for (const n of [fast, slow, signal]) {
    if (!Number.isInteger(n) || n < 2) {
      throw new Error(`MACD period ${n} is not a whole number >= 2`);
    }
  }
  if (fast >= slow) throw new Error(`MACD needs fast < slow; got ${fast}, ${slow}`);
}

/**
 * Returns the MACD histogram (MACD line minus its signal) of `close`, oldest first, as
 * lib/features defines it ({@link macdExpr}: TA-Lib's EMAs, alpha = 2/(n+1), SMA-seeded, both
 * price EMAs starting on row slow-1). NaN for the first `slow + signal - 2` rows.
 *
 * @example
 * ```ts
 * import { macdHistogram } from "@lib/labels/events.ts";
 * const h = macdHistogram([10, 11, 12, 11, 10, 11], { fast: 2, slow: 3, signal: 2 });
 * if (!Number.isNaN(h[2]) || Number.isNaN(h[3])) throw new Error(String(h));
 * ```
 */
export function macdHistogram(close: ArrayLike<number>, periods: MacdPeriods): Float64Array {
  const frame = pl.DataFrame({ close: pl.Series("close", Float64Array.from(close), pl.Float64) });
  return nanForNull(frame.select(macdHistogramExpr(periods)).getColumn("macd_hist"));
}

/** {@link macdExpr}'s histogram of `close` for `periods`, named `macd_hist`. */
function macdHistogramExpr({ fast, slow, signal }: MacdPeriods): pl.Expr {
  return macdExpr(pl.col("close").cast(pl.Float64), fast, slow, signal).hist.alias("macd_hist");
}

/** A Float64 series as a Float64Array with NaN where it is null. */
function nanForNull(series: pl.Series): Float64Array {
  const values = series.toArray() as (number | null)[];
  return Float64Array.from(values, (v) => (v === null ? NaN : v));
}

/**
 * Returns, per row, +1 where the histogram turns positive, -1 where it turns negative, else 0.
 * A turn is a nonzero sign differing from the last nonzero sign before it (a zero does not end
 * a run, so -1, 0, -1 is no cross and -1, 0, +1 is one cross, on the +1 row). NaN rows (warm-up)
 * are skipped; the first signed row is no cross. Kept to longs (+1) or shorts (-1) by `side`.
 */
export function crossSides(histogram: ArrayLike<number>, side: EventSide): Int8Array {
  const out = new Int8Array(histogram.length);
  let last = 0;
  for (let i = 0; i < histogram.length; i++) {
    const h = histogram[i];
    if (Number.isNaN(h) || h === 0) continue;
    const s = h > 0 ? 1 : -1;
    if (last !== 0 && s !== last && (side === "both" || (side === "long") === (s > 0))) {
      out[i] = s;
    }
    last = s;
  }
  return out;
}

/** Bars of one symbol, oldest first. */
export interface Bars {
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
}

/** The outcome of one event: label, row index of t1 and exit price. */
export interface BarrierOutcome {
  /** +1 target first, -1 stop first (or both in one bar), 0 time barrier. */
  readonly label: -1 | 0 | 1;
  /** Index of the row where the event ended (t1). */
  readonly end: number;
  /** Exit price (see the module's fill conventions). */
  readonly exit: number;
}

/**
 * Runs the triple barrier for a position of `side` (+1 long, -1 short) opened at close[t] with
 * absolute `target` and `stop` prices, over bars t+1 .. t+maxHolding. Returns null when the bars
 * end before any barrier (outcome unknown).
 *
 * @example
 * ```ts
 * import { tripleBarrier } from "@lib/labels/events.ts";
 * const close = [100, 101, 102, 104, 99, 98];
 * const bars = { open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close };
 * // long from 100 with target 104.5 and stop 97: bar 3's high 105 touches the target
 * const got = tripleBarrier(bars, 0, 1, 104.5, 97, 5);
 * if (got?.label !== 1 || got.end !== 3) throw new Error(JSON.stringify(got));
 * ```
 */
export function tripleBarrier(
  bars: Bars,
  t: number,
  side: 1 | -1,
  target: number,
  stop: number,
  maxHolding: number,
): BarrierOutcome | null {
  const { open, high, low, close } = bars;
  const last = t + maxHolding;
  const end = Math.min(last, close.length - 1);
  for (let i = t + 1; i <= end; i++) {
    const hitTarget = side > 0 ? high[i] >= target : low[i] <= target;
    const hitStop = side > 0 ? low[i] <= stop : high[i] >= stop;
    if (hitStop) {
      const exit = side > 0 ? Math.min(stop, open[i]) : Math.max(stop, open[i]);
      return { label: -1, end: i, exit };
    }
    if (hitTarget) return { label: 1, end: i, exit: target };
  }
  if (last <= close.length - 1) return { label: 0, end: last, exit: close[last] };
  return null;
}

/**
 * Returns one row per event: `symbol`, `date` (t0) and `event_side` (Int32 +1 long / -1 short),
 * `event_target` and `event_stop` (prices), `event_label` (Int32 +1/-1/0), `event_return`
 * (Float64, side-signed), `event_end` (t1, same type as `date`) and `event_bars` (Int32 rows
 * from t0 to t1). Label, return, end and bars are null where the outcome is unknown (end of
 * data, or no volatility yet under volatility-scaled barriers). Computed per symbol on rows
 * sorted by date; see the module doc for the conventions.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { eventLabels } from "@lib/labels/events.ts";
 * // MACD(2, 3, 2) on this zigzag turns up on row 5 (close 9.5); row 6's high 10.2 reaches the
 * // 5% target 9.975 first
 * const close = [10, 10.5, 10, 9.5, 9, 9.5, 10, 10.5];
 * const panel = pl.DataFrame({
 *   symbol: close.map(() => "A"), date: close.map((_, i) => i), open: close,
 *   high: close.map((c) => c + 0.2), low: close.map((c) => c - 0.2), close,
 * });
 * const events = eventLabels(panel, {
 *   side: "long", barriers: { mode: "fixed", up: 0.05, down: 0.05 }, maxHolding: 3,
 *   macd: { fast: 2, slow: 3, signal: 2 },
 * });
 * const got = events.select("date", "event_label", "event_end").row(0).join();
 * if (got !== "5,1,6") throw new Error(got);
 * ```
 */
export function eventLabels(panel: pl.DataFrame, options: EventOptions): pl.DataFrame {
  checkEventOptions(options);
  const missing = ["symbol", "date", "open", "high", "low", "close"].filter((c) =>
    !panel.columns.includes(c)
  );
  if (missing.length > 0) {
    throw new Error(`eventLabels: the panel lacks column(s) ${missing.join(", ")}`);
  }
  const b = options.barriers;
  const sorted = panel.sort(["symbol", "date"]).withColumns(
    (b.mode === "volatility"
      ? trailingVolatilityExpr(b.window).over("symbol").mul(Math.sqrt(options.maxHolding))
      : pl.lit(1)).cast(pl.Float64).alias("__scale"),
    macdHistogramExpr(options.macd).over("symbol").alias("__macd_hist"),
  );
  const histogram = nanForNull(sorted.getColumn("__macd_hist"));
  const num = (c: string) =>
    Float64Array.from(sorted.getColumn(c).cast(pl.Float64).toArray() as number[]);
  const symbols = sorted.getColumn("symbol").toArray() as string[];
  const scale = sorted.getColumn("__scale").toArray() as (number | null)[];
  const all = { open: num("open"), high: num("high"), low: num("low"), close: num("close") };

  const rows: number[] = [];
  const sides: number[] = [];
  const targets: (number | null)[] = [];
  const stops: (number | null)[] = [];
  const labels: (number | null)[] = [];
  const returns: (number | null)[] = [];
  const ends: (number | null)[] = [];
  for (let from = 0; from < symbols.length;) {
    let to = from;
    while (to < symbols.length && symbols[to] === symbols[from]) to++;
    const bars = {
      open: all.open.subarray(from, to),
      high: all.high.subarray(from, to),
      low: all.low.subarray(from, to),
      close: all.close.subarray(from, to),
    };
    const crosses = crossSides(histogram.subarray(from, to), options.side);
    for (let t = 0; t < crosses.length; t++) {
      const side = crosses[t];
      if (side === 0) continue;
      const s = scale[from + t];
      const entry = bars.close[t];
      const up = s === null ? null : b.up * s;
      const down = s === null ? null : b.down * s;
      const target = up === null ? null : entry * (1 + side * up);
      const stop = down === null ? null : entry * (1 - side * down);
      const outcome = target === null || stop === null
        ? null
        : tripleBarrier(bars, t, side as 1 | -1, target, stop, options.maxHolding);
      rows.push(from + t);
      sides.push(side);
      targets.push(target);
      stops.push(stop);
      labels.push(outcome?.label ?? null);
      returns.push(outcome ? side * (outcome.exit / entry - 1) : null);
      ends.push(outcome ? from + outcome.end : null);
    }
    from = to;
  }
  const dates = sorted.getColumn("date");
  const bars = rows.map((r, i) => (ends[i] === null ? null : (ends[i] as number) - r));
  return pl.DataFrame([
    sorted.getColumn("symbol").gather(rows).alias("symbol"),
    dates.gather(rows).alias("date"),
    nullableInt32("event_side", sides),
    pl.Series("event_target", targets, pl.Float64),
    pl.Series("event_stop", stops, pl.Float64),
    nullableInt32("event_label", labels),
    pl.Series("event_return", returns, pl.Float64),
    dates.gather(ends.map((e, i) => e ?? rows[i])).alias("event_end"),
    nullableInt32("event_bars", bars),
  ]).withColumns(
    pl.when(pl.col("event_bars").isNull()).then(pl.lit(null)).otherwise(pl.col("event_end"))
      .alias("event_end"),
  );
}

/** An Int32 series keeping nulls (nodejs-polars 0.25.2 turns null into 0 in `pl.Series(n, v, pl.Int32)`). */
function nullableInt32(name: string, values: readonly (number | null)[]): pl.Series {
  return pl.Series(name, values as (number | null)[], pl.Float64).cast(pl.Int32);
}
