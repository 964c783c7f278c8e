/**
 * The design of a least-squares problem on a row-major matrix: column means, population
 * standard deviations and scales, and the normal equations of the centred, scaled columns.
 * Solving on unit-variance columns changes nothing but the conditioning, so a raw volume (1e5)
 * beside a raw return (1e-2) does not look singular to the Cholesky tolerance.
 * @module
 */

/** A dense row-major matrix: `data[i * cols + j]` is row i, column j. */
export interface RowMajor {
  /** Row-major values. */
  data: Float64Array;
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
}

/** Column statistics of a training matrix. */
export interface Design {
  /** Rows. */
  n: number;
  /** Columns. */
  p: number;
  /** Column means (0 when not centred). */
  mean: Float64Array;
  /**
   * Column population standard deviations (divisor n), as sklearn's StandardScaler; the root
   * mean square when not centred.
   */
  std: Float64Array;
  /** Divisor applied to each centred column: its std when standardising (1 if constant), else 1. */
  scale: Float64Array;
  /** Mean of the label (0 when not centred). */
  yMean: number;
}

/**
 * Returns the column means, stds and scales of `x` and the mean of `y`. With `centre: false`
 * (a regression through the origin) means are 0 and the stds are root mean squares.
 *
 * @example
 * ```ts
 * import { design } from "@lib/stats/design.ts";
 * const d = design({ data: new Float64Array([1, 10, 3, 10]), rows: 2, cols: 2 }, new Float64Array([0, 1]), true);
 * if (d.mean[0] !== 2 || d.std[0] !== 1 || d.scale[1] !== 1 || d.yMean !== 0.5) throw new Error("design");
 * ```
 */
export function design(x: RowMajor, y: Float64Array, standardize: boolean, centre = true): Design {
  const { rows: n, cols: p, data } = x;
  const mean = new Float64Array(p);
  let yMean = 0;
  if (centre) {
    for (let i = 0; i < n; i++) {
      yMean += y[i];
      for (let j = 0; j < p; j++) mean[j] += data[i * p + j];
    }
    yMean /= n;
    for (let j = 0; j < p; j++) mean[j] /= n;
  }
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
  x: RowMajor,
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
