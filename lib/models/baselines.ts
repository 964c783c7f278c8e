/**
 * The scores a model must beat to have learned anything, computed on the same out-of-fold rows
 * as its own: R² against predicting a zero return (the natural null for returns, where the
 * usual R² compares with the test rows' own mean, which no forecaster knows in advance), the
 * accuracy of always predicting "up", and the accuracy of always predicting the most frequent
 * class. The ROC AUC of a classifier that knows nothing is 0.5 and needs no computing.
 * @module
 */

/** Baselines of one set of out-of-fold rows. */
export interface Baselines {
  /** 1 − SSE / Σ actual²: the model's R² against a zero-return forecast (regression only). */
  r2Zero?: number;
  /** Share of rows whose actual return (regression) or class (direction) is "up". */
  alwaysUp: number;
  /** Share of the most frequent class (classification only). */
  majority?: number;
}

/**
 * Returns R² against a zero forecast and the always-up direction accuracy of regression rows.
 *
 * @example
 * ```ts
 * import { regressionBaselines } from "@lib/models/baselines.ts";
 * // SSE = 0.25 + 0.25 = 0.5, Σy² = 1 + 1 = 2: R² vs zero = 0.75; one of two returns is up
 * const b = regressionBaselines([1, -1], [0.5, -0.5]);
 * if (b.r2Zero !== 0.75 || b.alwaysUp !== 0.5) throw new Error(JSON.stringify(b));
 * ```
 */
export function regressionBaselines(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): Baselines {
  let sse = 0;
  let total = 0;
  let up = 0;
  for (let i = 0; i < actual.length; i++) {
    sse += (actual[i] - predicted[i]) ** 2;
    total += actual[i] ** 2;
    if (actual[i] > 0) up++;
  }
  return {
    r2Zero: total === 0 ? NaN : 1 - sse / total,
    alwaysUp: actual.length === 0 ? NaN : up / actual.length,
  };
}

/**
 * Returns the always-up accuracy (the share of class `up`) and the majority-class accuracy of
 * classification rows.
 *
 * @example
 * ```ts
 * import { classificationBaselines } from "@lib/models/baselines.ts";
 * const b = classificationBaselines([1, 1, 0, 2], 1);
 * if (b.alwaysUp !== 0.5 || b.majority !== 0.5) throw new Error(JSON.stringify(b));
 * ```
 */
export function classificationBaselines(actual: ArrayLike<number>, up: number): Baselines {
  const counts = new Map<number, number>();
  for (let i = 0; i < actual.length; i++) counts.set(actual[i], (counts.get(actual[i]) ?? 0) + 1);
  let most = 0;
  for (const c of counts.values()) most = Math.max(most, c);
  const n = actual.length;
  return {
    alwaysUp: n === 0 ? NaN : (counts.get(up) ?? 0) / n,
    majority: n === 0 ? NaN : most / n,
  };
}
