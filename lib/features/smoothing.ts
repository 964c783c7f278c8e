/**
 * Moving averages shared by the catalog's indicators.
 * @internal
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
  return ewmRecursion(ewmInput(x, seed), alpha);
}

/**
 * The input of {@link ewmFromSeed}'s recursion: null before the first row where `seed` is not
 * null, `seed` on that row, `x` after it. It reads one row back (the seed's previous row).
 */
export function ewmInput(x: pl.Expr, seed: pl.Expr): pl.Expr {
  const isSeedRow = seed.isNotNull().and(seed.shift(1).isNull());
  return pl.when(seed.isNull()).then(nothing())
    .when(isSeedRow).then(seed)
    .otherwise(x);
}

/**
 * The recursion `m_t = alpha * input_t + (1 - alpha) * m_{t-1}` from the first non-null input
 * (`m` = that input), skipping null inputs (null out, state kept); see {@link ewmInput}.
 */
export function ewmRecursion(input: pl.Expr, alpha: number): pl.Expr {
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
  return wilderSumFrom(x, wilderSeed(x, window), window);
}

/** The seed of {@link wilderSum}: the sum of the last `window - 1` values of `x` over `window`. */
export function wilderSeed(x: pl.Expr, window: number): pl.Expr {
  return x.rollingSum({ windowSize: window - 1 }).div(window);
}

/** {@link wilderSum} of `x` from its seed (an expression or a column holding {@link wilderSeed}). */
export function wilderSumFrom(x: pl.Expr, seed: pl.Expr, window: number): pl.Expr {
  return afterSeedRow(seed, ewmFromSeed(x, seed, 1 / window));
}

/**
 * `sum` (the recursion from `seed`) with the seed row itself null: in TA-Lib the seed row of a
 * Wilder sum is not an output, its first output already includes one more step.
 */
export function afterSeedRow(seed: pl.Expr, sum: pl.Expr): pl.Expr {
  return pl.when(seed.shift(1).isNull()).then(nothing()).otherwise(sum);
}
