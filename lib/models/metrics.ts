/**
 * Regression metrics of predictions against realised values.
 * @module
 */

/** The metrics {@link regressionMetrics} returns. */
export interface RegressionMetrics {
  /** Number of rows. */
  n: number;
  /** Root mean squared error, in the label's units. */
  rmse: number;
  /** Mean absolute error, in the label's units. */
  mae: number;
  /** `1 - SS_res / SS_tot` about the realised mean (NaN when the realised values are constant). */
  r2: number;
  /** Share of rows where prediction and realised value have the same sign (0 counts as a sign). */
  directionAccuracy: number;
}

function check(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length !== predicted.length) {
    throw new Error(
      `actual (${actual.length}) and predicted (${predicted.length}) differ in length`,
    );
  }
  if (actual.length === 0) throw new Error("metrics need at least one row");
  return actual.length;
}

/** Returns the root mean squared error. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = check(actual, predicted);
  let s = 0;
  for (let i = 0; i < n; i++) s += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(s / n);
}

/** Returns the mean absolute error. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = check(actual, predicted);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(actual[i] - predicted[i]);
  return s / n;
}

/** Returns the coefficient of determination; negative when worse than predicting the mean. */
export function r2(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = check(actual, predicted);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i];
  mean /= n;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    res += (actual[i] - predicted[i]) ** 2;
    tot += (actual[i] - mean) ** 2;
  }
  return tot === 0 ? NaN : 1 - res / tot;
}

/** Returns the share of rows where `Math.sign(predicted) === Math.sign(actual)`. */
export function directionAccuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = check(actual, predicted);
  let hits = 0;
  for (let i = 0; i < n; i++) if (Math.sign(actual[i]) === Math.sign(predicted[i])) hits++;
  return hits / n;
}

/**
 * Returns RMSE, MAE, R² and direction accuracy of `predicted` against `actual`.
 *
 * @example
 * ```ts
 * import { regressionMetrics } from "@lib/models/metrics.ts";
 * const m = regressionMetrics([1, -1], [2, -1]);
 * if (m.mae !== 0.5 || m.directionAccuracy !== 1) throw new Error("wrong");
 * ```
 */
export function regressionMetrics(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): RegressionMetrics {
  return {
    n: check(actual, predicted),
    rmse: rmse(actual, predicted),
    mae: mae(actual, predicted),
    r2: r2(actual, predicted),
    directionAccuracy: directionAccuracy(actual, predicted),
  };
}
