/**
 * Shared preparation of a linear model's training data: validation, column means and
 * (optionally) unit-variance scaling, and the centred normal equations.
 * @module
 */
import type { FeatureMatrix } from "../matrix.ts";

/** Column statistics of a training matrix. */
export interface Design {
  /** Rows. */
  n: number;
  /** Features. */
  p: number;
  /** Column means. */
  mean: Float64Array;
  /** Column population standard deviations (divisor n), as sklearn's StandardScaler. */
  std: Float64Array;
  /** Divisor applied to each centred column: its std when standardising (1 if constant), else 1. */
  scale: Float64Array;
  /** Mean of the label. */
  yMean: number;
}

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

/** Returns the column means, stds and scales of `x` and the mean of `y`. */
export function design(x: FeatureMatrix, y: Float64Array, standardize: boolean): Design {
  const { rows: n, cols: p, data } = x;
  const mean = new Float64Array(p);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    yMean += y[i];
    for (let j = 0; j < p; j++) mean[j] += data[i * p + j];
  }
  yMean /= n;
  for (let j = 0; j < p; j++) mean[j] /= n;
  const std = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) std[j] += (data[i * p + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < p; j++) std[j] = Math.sqrt(std[j] / n);
  const scale = std.map((s) => (standardize && s > 0 ? s : 1));
  return { n, p, mean, std, scale, yMean };
}

/** Returns `ZᵀZ` (p x p, row-major) and `Zᵀ(y - ȳ)` for the centred, scaled columns Z. */
export function normalEquations(
  x: FeatureMatrix,
  y: Float64Array,
  d: Design,
): { ztz: Float64Array; zty: Float64Array } {
  const { n, p, mean, scale, yMean } = d;
  const { data } = x;
  const ztz = new Float64Array(p * p);
  const zty = new Float64Array(p);
  const z = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) z[j] = (data[i * p + j] - mean[j]) / scale[j];
    const yc = y[i] - yMean;
    for (let j = 0; j < p; j++) {
      zty[j] += z[j] * yc;
      for (let k = 0; k <= j; k++) ztz[j * p + k] += z[j] * z[k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) ztz[k * p + j] = ztz[j * p + k];
  return { ztz, zty };
}

/** Returns `a b` for square `n x n` row-major matrices. */
export function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

/** Returns the error explaining why `XᵀX` is singular: constant or collinear features. */
export function singularError(x: FeatureMatrix, std: Float64Array, what: string): Error {
  const constant = x.features.filter((_, j) => std[j] === 0);
  return new Error(
    constant.length > 0
      ? `feature(s) ${constant.map((c) => `"${c}"`).join(", ")} constant in the training rows; ` +
        `${what} cannot estimate them: drop them or use a penalty (ridge alpha > 0)`
      : `features are collinear in the training rows; ${what} has no unique ` +
        `solution: drop a feature or use a penalty (ridge alpha > 0)`,
  );
}
