/**
 * Moving averages shared by the catalog's indicators.
 * @module
 */
import pl from "nodejs-polars";

/**
 * Exponential moving average with smoothing `alpha`, seeded TA-Lib style: null until `window`
 * values of `x` are available, then the simple mean of those values, then the recursion
 * `m_t = alpha * x_t + (1 - alpha) * m_{t-1}`. Leading nulls of `x` (from a diff) delay the seed.
 *
 * A null inside `x` makes the result null until `window` values follow it; the recursion then
 * resumes from its last state (panels are validated for nulls before features are built).
 */
export function seededEwm(x: pl.Expr, window: number, alpha: number): pl.Expr {
  const seed = x.rollingMean({ windowSize: window });
  const isSeedRow = seed.isNotNull().and(seed.shift(1).isNull());
  const input = pl.when(seed.isNull()).then(pl.lit(null).cast(pl.Float64))
    .when(isSeedRow).then(seed)
    .otherwise(x);
  return input.ewmMean({ alpha, adjust: false, minPeriods: 1, ignoreNulls: true });
}
