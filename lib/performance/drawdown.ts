/**
 * Drawdowns of a return series: the deepest fall, and each underwater spell from a peak of
 * compounded wealth to its recovery.
 *
 * Wealth starts at 1 before the first return, and that start is the first peak (as in
 * empyrical and in a portfolio's `drawdown` series, whose first peak is the initial cash), so
 * a first return below 0 is already a drawdown. Positions are period indices into `returns`;
 * the starting peak has index -1.
 * @module
 */
import { checkFinite } from "./options.ts";

/**
 * Returns the deepest fall of compounded wealth from its running peak, as a fraction <= 0
 * (-0.25 is a 25% drawdown); NaN for no returns.
 *
 * @example
 * ```ts
 * import { maxDrawdown } from "@lib/performance/drawdown.ts";
 * if (Math.abs(maxDrawdown(new Float64Array([0.1, -0.5, 0.2])) + 0.5) > 1e-12) throw new Error();
 * ```
 */
export function maxDrawdown(returns: Float64Array): number {
  checkFinite(returns);
  if (returns.length < 1) return NaN;
  let wealth = 1;
  let peak = 1;
  let worst = 0;
  for (let t = 0; t < returns.length; t++) {
    wealth *= 1 + returns[t];
    if (wealth > peak) peak = wealth;
    const dd = (wealth - peak) / peak;
    if (dd < worst) worst = dd;
  }
  return worst;
}

/** One underwater spell: from a peak of wealth, through its trough, to the recovery. */
export interface DrawdownPeriod {
  /** Index of the last period at the peak; -1 when the peak is the starting wealth. */
  peak: number;
  /** Index of the lowest wealth of the spell. */
  trough: number;
  /** Index of the first period back at or above the peak; -1 if not recovered by the end. */
  recovery: number;
  /** `trough wealth / peak wealth - 1` (< 0). */
  depth: number;
  /**
   * Periods from the peak to the recovery (`recovery - peak`); for a spell still open at the
   * end, to the last period (`n - 1 - peak`).
   */
  duration: number;
}

/**
 * Returns every underwater spell of `returns` in time order (a spell starts when wealth first
 * falls below its running peak and ends when it gets back to it).
 */
export function drawdownPeriods(returns: Float64Array): DrawdownPeriod[] {
  checkFinite(returns);
  const n = returns.length;
  const out: DrawdownPeriod[] = [];
  let wealth = 1;
  let peak = 1;
  let peakAt = -1;
  let open: DrawdownPeriod | undefined;
  let troughWealth = 1;
  for (let t = 0; t < n; t++) {
    wealth *= 1 + returns[t];
    if (wealth >= peak) {
      if (open) {
        open.recovery = t;
        open.duration = t - open.peak;
        out.push(open);
        open = undefined;
      }
      peak = wealth;
      peakAt = t;
    } else {
      if (!open) {
        open = { peak: peakAt, trough: t, recovery: -1, depth: 0, duration: 0 };
        troughWealth = wealth;
      }
      if (wealth <= troughWealth) {
        troughWealth = wealth;
        open.trough = t;
      }
      open.depth = (troughWealth - peak) / peak;
    }
  }
  if (open) {
    open.duration = n - 1 - open.peak;
    out.push(open);
  }
  return out;
}

/** The deepest drawdown and the longest spell of a return series. */
export interface DrawdownSummary {
  /** Deepest fall from a running peak (<= 0); 0 when wealth never fell. */
  maxDrawdown: number;
  /** The spell of the deepest fall; undefined when wealth never fell. */
  worst?: DrawdownPeriod;
  /** Longest peak-to-recovery spell in periods (to the end for an open spell); 0 if none. */
  longestDuration: number;
}

/**
 * Returns the max drawdown with its peak, trough and recovery, and the longest time under
 * water, in periods.
 *
 * @example
 * ```ts
 * import { drawdownSummary } from "@lib/performance/drawdown.ts";
 * // wealth 1.1, 0.55, 1.1 (recovered at index 2), 0.99 (open)
 * const s = drawdownSummary(new Float64Array([0.1, -0.5, 1, -0.1]));
 * if (s.worst?.peak !== 0 || s.worst.trough !== 1 || s.worst.recovery !== 2) throw new Error();
 * if (s.longestDuration !== 2) throw new Error();
 * ```
 */
export function drawdownSummary(returns: Float64Array): DrawdownSummary {
  const periods = drawdownPeriods(returns);
  let worst: DrawdownPeriod | undefined;
  let longestDuration = 0;
  for (const p of periods) {
    if (!worst || p.depth < worst.depth) worst = p;
    if (p.duration > longestDuration) longestDuration = p.duration;
  }
  return { maxDrawdown: worst ? worst.depth : 0, worst, longestDuration };
}
