/**
 * Thresholds of the index signal that adapt to the sentiment's own distribution, and the line
 * that says how often a signal actually traded. Fixed thresholds (buy above 0.3, sell below
 * -0.3) suit a score whose scale is known; a component-weighted sentiment drifts with the
 * models and the universe, and can sit on one side of a fixed threshold for years, which turns
 * the strategy into buy-and-hold without saying so. Trailing quantiles keep the thresholds where
 * the score has been: each date's bands come only from the scores of earlier dates, so no
 * future data enters.
 * @module
 */
import pl from "nodejs-polars";

/** Trailing-quantile thresholds. */
export interface AdaptiveThresholds {
  /** Earlier dates whose scores set a date's bands. */
  window: number;
  /** Quantile of those scores above which the signal buys (e.g. 0.8). */
  buyQuantile: number;
  /** Quantile below which it sells (e.g. 0.2); below `buyQuantile`. */
  sellQuantile: number;
  /** Fewest earlier finite scores for a band; before that the bands are NaN (no trade). */
  minPeriods: number;
}

/**
 * Returns per-date buy and sell thresholds: the `buyQuantile` and `sellQuantile` (linear
 * interpolation, numpy's default) of the finite scores of the `window` dates before each date,
 * NaN while fewer than `minPeriods` of them exist. Throws naming an invalid option.
 *
 * @example
 * ```ts
 * import { trailingThresholds } from "@lib/signals/thresholds.ts";
 * const t = trailingThresholds([1, 2, 3, 4, 5], { window: 3, buyQuantile: 1, sellQuantile: 0, minPeriods: 2 });
 * // date 3 sees scores 1, 2, 3; date 4 sees 2, 3, 4
 * if (t.buy[3] !== 3 || t.sell[3] !== 1 || t.buy[4] !== 4 || !Number.isNaN(t.buy[1])) throw new Error();
 * ```
 */
export function trailingThresholds(
  score: ArrayLike<number>,
  options: AdaptiveThresholds,
): { buy: Float64Array; sell: Float64Array } {
  const { window, buyQuantile, sellQuantile, minPeriods } = options;
  if (!Number.isInteger(window) || window < 2) {
    throw new Error(`window must be an integer >= 2; got ${window}`);
  }
  if (!(sellQuantile >= 0 && sellQuantile < buyQuantile && buyQuantile <= 1)) {
    throw new Error(
      `need 0 <= sellQuantile < buyQuantile <= 1; got ${sellQuantile} and ${buyQuantile}`,
    );
  }
  if (!Number.isInteger(minPeriods) || minPeriods < 1 || minPeriods > window) {
    throw new Error(`minPeriods must be an integer in [1, window]; got ${minPeriods}`);
  }
  const n = score.length;
  const buy = new Float64Array(n).fill(NaN);
  const sell = new Float64Array(n).fill(NaN);
  const past = new Float64Array(window);
  for (let t = 0; t < n; t++) {
    let m = 0;
    for (let s = Math.max(0, t - window); s < t; s++) {
      if (Number.isFinite(score[s])) past[m++] = score[s];
    }
    if (m < minPeriods) continue;
    const sorted = past.subarray(0, m).sort();
    buy[t] = quantileOfSorted(sorted, buyQuantile);
    sell[t] = quantileOfSorted(sorted, sellQuantile);
  }
  return { buy, sell };
}

function quantileOfSorted(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * One line for the page: how often the position changed, the share of dates in the market, and
 * a warning when it (almost) never traded, so a buy-and-hold in disguise is named as one.
 * `signal` is `indexPositions`' frame (position column).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { positionSummary } from "@lib/signals/thresholds.ts";
 * const line = positionSummary(pl.DataFrame({ position: [0, 1, 1, 1] }));
 * if (!line.includes("changed position 1 time over 4 dates") || !line.includes("Warning")) throw new Error(line);
 * ```
 */
export function positionSummary(signal: pl.DataFrame): string {
  const position = signal.getColumn("position").toArray() as number[];
  let changes = 0;
  let long = 0;
  for (let t = 0; t < position.length; t++) {
    if (t > 0 && position[t] !== position[t - 1]) changes++;
    if (position[t] === 1) long++;
  }
  const exposure = position.length === 0 ? 0 : long / position.length;
  const base = `The index signal changed position ${changes} time${changes === 1 ? "" : "s"} ` +
    `over ${position.length} dates and was long ${(100 * exposure).toFixed(0)}% of them.`;
  if (changes > 2) return base;
  const what = exposure > 0.5 ? "buy-and-hold of the index" : "out of the market";
  return `${base} **Warning:** its thresholds were (almost) never crossed, so this strategy is ` +
    `in effect ${what}; adaptive thresholds (\`signalThresholds: "adaptive"\`) follow the ` +
    "sentiment's own range.";
}
