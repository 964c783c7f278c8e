/**
 * Trailing volatility of daily returns, for thresholds that scale with how much a stock moves.
 * It reads only the past and the present row (t - window .. t), never the future.
 * @module
 */
import pl from "nodejs-polars";

/** Multiples of trailing volatility that cut forward returns into action classes. */
export interface VolatilityThresholds {
  /** Rows of daily returns in the trailing standard deviation (ending at t, inclusive). */
  readonly window: number;
  /** `k` of the buy/sell threshold `k * sigma_t * sqrt(h)`. */
  readonly weak: number;
  /** `k` of the strong buy/sell threshold (> `weak`). */
  readonly strong: number;
}

/** Throws unless the window is a whole number >= 2 and 0 < weak < strong. */
export function checkVolatilityThresholds(v: VolatilityThresholds): void {
  checkWindow(v.window);
  if (!(v.weak > 0 && v.strong > v.weak)) {
    throw new Error(
      `volatility multiples need 0 < weak < strong; got weak ${v.weak}, strong ${v.strong}`,
    );
  }
}

/** Throws unless `window` is a whole number of at least 2 rows (a std needs two returns). */
export function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 2) {
    throw new Error(`volatility window ${window} is not a whole number of at least 2 rows`);
  }
}

/** Daily simple return of one symbol's rows, `close_t / close_{t-1} - 1` (null on its first row). */
export function dailyReturnExpr(): pl.Expr {
  return pl.col("close").div(pl.col("close").shift(1)).sub(1);
}

/**
 * Sample standard deviation (ddof 1) of the last `window` daily returns ending at t, per symbol
 * when followed by `.over("symbol")`. Null until `window` returns exist, i.e. on the first
 * `window` rows of a symbol (its first row has no return).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { trailingVolatilityExpr } from "@lib/labels/volatility.ts";
 * const df = pl.DataFrame({ close: [100, 101, 99, 102] });
 * const got = df.select(trailingVolatilityExpr(2).alias("v")).getColumn("v").toArray();
 * if (got[1] !== null || got[2] === null) throw new Error(String(got));
 * ```
 */
export function trailingVolatilityExpr(window: number): pl.Expr {
  checkWindow(window);
  return windowStdExpr(dailyReturnExpr(), window);
}

/**
 * Mean of `x` over the `window` rows ending at t, null when any of them is null. Written as a
 * sum of shifts rather than polars' rolling mean: the rolling kernels update a running sum, so
 * rows that left the window still leave floating-point residue in later values, and a label
 * would then depend (in its last digits) on where the panel starts.
 */
export function windowMeanExpr(x: pl.Expr, window: number): pl.Expr {
  return shifts(x, window).reduce((a, b) => a.add(b)).div(window).cast(pl.Float64);
}

/** Sample standard deviation (ddof 1) of `x` over the `window` rows ending at t, exact per window. */
export function windowStdExpr(x: pl.Expr, window: number): pl.Expr {
  checkWindow(window);
  const mean = windowMeanExpr(x, window);
  const squares = shifts(x, window).map((v) => v.sub(mean).pow(2));
  return squares.reduce((a, b) => a.add(b)).div(window - 1).pow(0.5).cast(pl.Float64);
}

function shifts(x: pl.Expr, window: number): pl.Expr[] {
  return Array.from({ length: window }, (_, k) => (k === 0 ? x : x.shift(k)));
}

/**
 * The per-row thresholds `k * sigma_t * sqrt(horizon)` for the weak and strong cuts, per symbol
 * (the expressions already apply `.over("symbol")`). Null in the volatility warm-up.
 */
export function volatilityThresholdExprs(
  v: VolatilityThresholds,
  horizon: number,
): { readonly weak: pl.Expr; readonly strong: pl.Expr } {
  checkVolatilityThresholds(v);
  const sigmaH = trailingVolatilityExpr(v.window).over("symbol").mul(Math.sqrt(horizon));
  return { weak: sigmaH.mul(v.weak), strong: sigmaH.mul(v.strong) };
}
