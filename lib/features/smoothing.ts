/**
 * Moving averages shared by the catalog's indicators.
 * @module
 */
import pl from "nodejs-polars";

const nothing = () => pl.lit(null).cast(pl.Float64);

/**
 * Exponential recursion `m_t = alpha * x_t + (1 - alpha) * m_{t-1}` started at the first row
 * where `seed` is not null, with `m` = `seed` on that row; null before it. Rows where `x` is null
 * after the seed are null and leave the state unchanged (polars' `ignoreNulls`).
 */
export function ewmFromSeed(x: pl.Expr, seed: pl.Expr, alpha: number): pl.Expr {
  const isSeedRow = seed.isNotNull().and(seed.shift(1).isNull());
  const input = pl.when(seed.isNull()).then(nothing())
    .when(isSeedRow).then(seed)
    .otherwise(x);
  return input.ewmMean({ alpha, adjust: false, minPeriods: 1, ignoreNulls: true });
}

/**
 * Exponential moving average with smoothing `alpha`, seeded TA-Lib style: null until `window`
 * values of `x` are available, then the simple mean of those values, then the recursion
 * `m_t = alpha * x_t + (1 - alpha) * m_{t-1}`. Leading nulls of `x` (from a diff) delay the seed.
 *
 * A null inside `x` makes the result null until `window` values follow it; the recursion then
 * resumes from its last state (panels are validated for nulls before features are built).
 */
export function seededEwm(x: pl.Expr, window: number, alpha: number): pl.Expr {
  return ewmFromSeed(x, x.rollingMean({ windowSize: window }), alpha);
}

/**
 * Wilder's running sum as TA-Lib keeps it for +DM, -DM and TR (ADX, +DI, -DI), divided by
 * `window`: seeded with the sum of the first `window - 1` values over `window`, then
 * `s_t = s_{t-1} (1 - 1/window) + x_t / window`. Only ratios of two such sums are used, so the
 * common factor `1/window` cancels; the first value lands `window` rows after the first `x`.
 */
export function wilderSum(x: pl.Expr, window: number): pl.Expr {
  const seed = x.rollingSum({ windowSize: window - 1 }).div(window);
  // The seed row is not an output in TA-Lib: its first output already includes one more step.
  return pl.when(seed.shift(1).isNull()).then(nothing()).otherwise(
    ewmFromSeed(x, seed, 1 / window),
  );
}
