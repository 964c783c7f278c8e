/**
 * Checks on a linear model's training matrix and the error that says why its normal equations
 * are singular.
 * @internal
 * @module
 */
import type { FeatureMatrix } from "../matrix.ts";

/** Throws naming the first non-finite feature value of `x`. */
export function checkFiniteFeatures(x: FeatureMatrix): void {
  const { cols: p, data } = x;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new Error(
        `feature "${x.features[i % p]}" is ${data[i]} at row ${
          Math.floor(i / p)
        }; drop incomplete rows first`,
      );
    }
  }
}

/**
 * Returns the error explaining why `XᵀX` is singular: constant or collinear features. `what` is
 * the estimator, `remedy` what to use instead (defaults to "a penalty (ridge alpha > 0)").
 */
export function singularError(
  x: FeatureMatrix,
  std: Float64Array,
  what: string,
  remedy = "a penalty (ridge alpha > 0)",
): Error {
  const constant = x.features.filter((_, j) => std[j] === 0);
  return new Error(
    constant.length > 0
      ? `feature(s) ${constant.map((c) => `"${c}"`).join(", ")} constant in the training rows; ` +
        `${what} cannot estimate them: drop them or use ${remedy}`
      : `features are collinear in the training rows; ${what} has no unique ` +
        `solution: drop a feature or use ${remedy}`,
  );
}
