/**
 * From a sentiment score to a position with hysteresis: long (+1) once the score rises above
 * `buy`, out (0) or short (-1) once it falls below `sell`, and unchanged in between, so a score
 * hovering around one threshold does not trade every day. Entries and exits of the long
 * position feed the long-only backtest (`fromSignals`) on the index close.
 * @module
 */
import pl from "nodejs-polars";
import type { Signals } from "../backtest/signals.ts";
import type { WidePanel } from "../backtest/wide.ts";
import { dayNumbers } from "../validation/days.ts";
import { trailingThresholds } from "./thresholds.ts";
import type { AdaptiveThresholds } from "./thresholds.ts";

/** Options of {@link positionsFromScore}. */
export interface PositionOptions {
  /** Go long when the score is above this. */
  buy: number;
  /** Leave the long (or go short) when the score is below this; at most `buy`. */
  sell: number;
  /** Below `sell`, go short (-1) instead of flat (0). Defaults to false. */
  short?: boolean;
  /**
   * Trailing-quantile thresholds instead of the fixed `buy` and `sell` (which then only bound
   * nothing and are kept for the record); see thresholds.ts. Unset: fixed.
   */
  adaptive?: AdaptiveThresholds;
}

/**
 * Returns the position (+1, 0 or -1) on each date of `score`: +1 when `score > buy`, -1 (or 0
 * without `short`) when `score < sell`, else the previous position; flat before the first
 * signal. A missing score (NaN) keeps the position.
 *
 * @example
 * ```ts
 * import { positionsFromScore } from "@lib/signals/positions.ts";
 * const p = positionsFromScore(Float64Array.from([0, 0.6, 0.2, -0.6, 0.2]), { buy: 0.5, sell: -0.5 });
 * if (p.join() !== "0,1,1,0,0") throw new Error(p.join());
 * ```
 */
export function positionsFromScore(score: ArrayLike<number>, options: PositionOptions): Int8Array {
  const { buy, sell } = thresholdsOf(score, options);
  const short = options.short ?? false;
  const out = new Int8Array(score.length);
  let position = 0;
  for (let t = 0; t < score.length; t++) {
    const s = score[t];
    // NaN bands (an adaptive warm-up) compare false: the position stays.
    if (s > buy[t]) position = 1;
    else if (s < sell[t]) position = short ? -1 : 0;
    out[t] = position;
  }
  return out;
}

/** Per-date buy and sell thresholds of `options`: constant, or trailing quantiles of `score`. */
export function thresholdsOf(
  score: ArrayLike<number>,
  options: PositionOptions,
): { buy: Float64Array; sell: Float64Array } {
  if (options.adaptive) return trailingThresholds(score, options.adaptive);
  const { buy, sell } = options;
  if (!Number.isFinite(buy) || !Number.isFinite(sell)) {
    throw new Error(`buy and sell thresholds must be finite numbers; got ${buy} and ${sell}`);
  }
  if (sell > buy) {
    throw new Error(`sell threshold (${sell}) is above the buy threshold (${buy})`);
  }
  return {
    buy: new Float64Array(score.length).fill(buy),
    sell: new Float64Array(score.length).fill(sell),
  };
}

/**
 * Returns entries (1 where the position becomes +1) and exits (1 where it leaves +1) of a
 * position series.
 */
export function longSignals(position: ArrayLike<number>): Signals {
  const entries = new Uint8Array(position.length);
  const exits = new Uint8Array(position.length);
  let previous = 0;
  for (let t = 0; t < position.length; t++) {
    if (position[t] === 1 && previous !== 1) entries[t] = 1;
    if (position[t] !== 1 && previous === 1) exits[t] = 1;
    previous = position[t];
  }
  return { entries, exits };
}

/**
 * Returns `sentiment` (date, score, ...) with position (Int32: 1, 0 or -1), entry and exit (Bool)
 * (see {@link positionsFromScore}) and the thresholds in force each date (buy_threshold,
 * sell_threshold; NaN during an adaptive warm-up); rows are taken in date order.
 */
export function indexPositions(sentiment: pl.DataFrame, options: PositionOptions): pl.DataFrame {
  const sorted = sentiment.sort("date");
  const score = scoreOf(sorted);
  const position = positionsFromScore(score, options);
  const bands = thresholdsOf(score, options);
  const { entries, exits } = longSignals(position);
  return sorted.withColumns(
    pl.Series("buy_threshold", bands.buy, pl.Float64),
    pl.Series("sell_threshold", bands.sell, pl.Float64),
    pl.Series("position", Array.from(position), pl.Int32),
    pl.Series("entry", Array.from(entries, Boolean), pl.Bool),
    pl.Series("exit", Array.from(exits, Boolean), pl.Bool),
  );
}

/**
 * Returns entries and exits laid out on `close`, the index's close as a one-symbol
 * {@link WidePanel}, ready for `fromSignals(close, signals)`. A date of `close` without a
 * sentiment score keeps the position. Throws when `close` has more than one symbol.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { indexSignals } from "@lib/signals/positions.ts";
 * const sentiment = pl.DataFrame({ date: [new Date("2020-01-02"), new Date("2020-01-03")], score: [1, -1] });
 * const close = { dates: Float64Array.from([18263, 18264]), symbols: ["^GSPC"], values: Float64Array.from([100, 101]) };
 * const s = indexSignals(sentiment, close, { buy: 0.5, sell: -0.5 });
 * if (s.entries.join() !== "1,0" || s.exits.join() !== "0,1") throw new Error();
 * ```
 */
export function indexSignals(
  sentiment: pl.DataFrame,
  close: WidePanel,
  options: PositionOptions,
): Signals {
  if (close.symbols.length !== 1) {
    throw new Error(
      `indexSignals trades one index; the close panel has ${close.symbols.length} symbols ` +
        `(${close.symbols.join(", ")})`,
    );
  }
  const byDay = new Map<number, number>();
  const days = dayNumbers(sentiment.getColumn("date"));
  const score = scoreOf(sentiment);
  days.forEach((d, i) => byDay.set(d, score[i]));
  const aligned = Float64Array.from(close.dates, (d) => byDay.get(d) ?? NaN);
  return longSignals(positionsFromScore(aligned, options));
}

function scoreOf(sentiment: pl.DataFrame): Float64Array {
  for (const c of ["date", "score"]) {
    if (!sentiment.columns.includes(c)) {
      throw new Error(
        `the sentiment frame has no "${c}" column (columns: ${sentiment.columns.join(", ")})`,
      );
    }
  }
  const raw = sentiment.getColumn("score").cast(pl.Float64).toArray() as (number | null)[];
  return Float64Array.from(raw, (v) => v ?? NaN);
}

/**
 * Returns entries and exits on `close` (the index as a one-symbol {@link WidePanel}) from the
 * `position` column an {@link indexPositions} frame was saved with, so a backtest trades the
 * positions the training step decided: an entry on every long date, an exit on every other one.
 * A date of `close` without a position keeps the previous one.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { signalsFromPositions } from "@lib/signals/positions.ts";
 * const frame = pl.DataFrame({ date: [new Date("2020-01-02"), new Date("2020-01-03")], position: [1, 0] });
 * const close = { dates: Float64Array.from([18263, 18264]), symbols: ["^GSPC"], values: Float64Array.from([100, 101]) };
 * const s = signalsFromPositions(frame, close);
 * if (s.entries.join() !== "1,0" || s.exits.join() !== "0,1") throw new Error();
 * ```
 */
export function signalsFromPositions(frame: pl.DataFrame, close: WidePanel): Signals {
  if (close.symbols.length !== 1) {
    throw new Error(`one index expected; the close panel has ${close.symbols.length} symbols`);
  }
  for (const c of ["date", "position"]) {
    if (!frame.columns.includes(c)) throw new Error(`the positions frame has no "${c}" column`);
  }
  const byDay = new Map<number, number>();
  const days = dayNumbers(frame.getColumn("date"));
  const position = frame.getColumn("position").cast(pl.Float64).toArray() as (number | null)[];
  days.forEach((d, i) => {
    if (position[i] !== null) byDay.set(d, position[i]!);
  });
  // Level signals, not transitions: an entry on every date the position is long, so a backtest
  // that leaves on a stop loss re-enters while the signal still says long (repeated entries while
  // in a position are ignored, as in vectorbt).
  let held = 0;
  const entries = new Uint8Array(close.dates.length);
  const exits = new Uint8Array(close.dates.length);
  close.dates.forEach((d, t) => {
    held = byDay.get(d) ?? held;
    if (held > 0) entries[t] = 1;
    else exits[t] = 1;
  });
  return { entries, exits };
}

/** The index-signal settings of the training step (see pipelines/params/training.ts). */
export interface SignalSettings {
  signalBuy: number;
  signalSell: number;
  signalThresholds: "adaptive" | "fixed";
  signalWindow: number;
  signalBuyQuantile: number;
  signalSellQuantile: number;
}

/**
 * Returns the position options of the training step's settings: trailing quantiles of the
 * sentiment (`adaptive`, with a warm-up of a quarter of the window) or the fixed thresholds.
 *
 * @example
 * ```ts
 * import { signalOptions } from "@lib/signals/positions.ts";
 * const o = signalOptions({ signalBuy: 0.3, signalSell: -0.3, signalThresholds: "adaptive", signalWindow: 252, signalBuyQuantile: 0.8, signalSellQuantile: 0.2 });
 * if (o.adaptive?.minPeriods !== 63) throw new Error();
 * ```
 */
export function signalOptions(s: SignalSettings): PositionOptions {
  const fixed = { buy: s.signalBuy, sell: s.signalSell };
  if (s.signalThresholds === "fixed") return fixed;
  return {
    ...fixed,
    adaptive: {
      window: s.signalWindow,
      buyQuantile: s.signalBuyQuantile,
      sellQuantile: s.signalSellQuantile,
      minPeriods: Math.max(1, Math.round(s.signalWindow / 4)),
    },
  };
}
