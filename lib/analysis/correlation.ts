/**
 * Pearson and Spearman correlation on typed arrays.
 * @module
 */
import { rankAverageInto } from "./ranks.ts";

/**
 * Returns the 1-based ranks of `values`, ties sharing their average rank (as Spearman needs).
 *
 * @example
 * ```ts
 * import { averageRanks } from "@lib/analysis/correlation.ts";
 * if (averageRanks([10, 30, 20, 30]).join() !== "1,3.5,2,3.5") throw new Error("wrong ranks");
 * ```
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  return rankAverageInto(Float64Array.from(values));
}

/** Returns true when every value equals the first (exactly; no tolerance). */
export function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/** Returns the Pearson correlation of `x` and `y`; NaN when either is constant or n < 2. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new Error(`x (${n}) and y (${y.length}) differ in length`);
  // Checked exactly: the mean of n equal values can differ from them in the last bit, which
  // would turn a constant column into a tiny spurious variance and a meaningless correlation.
  if (n < 2 || isConstant(x) || isConstant(y)) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Returns the Spearman rank correlation: Pearson on average ranks. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(averageRanks(x), averageRanks(y));
}
