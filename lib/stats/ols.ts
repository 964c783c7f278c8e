/**
 * The one ordinary least squares solver of the workspace, shared by the OLS model and the factor
 * regressions: the normal equations of the centred, unit-variance columns solved by Cholesky,
 * coefficients mapped back to the original units. Centring takes the intercept out of the
 * system (it is `ȳ - x̄ᵀβ`), and scaling makes the Cholesky tolerance relative to each column.
 * Inference (classical, Newey-West) is the caller's: it reads the inverse below.
 * @module
 */
import { cholesky, choleskyInverse, choleskySolve } from "./linalg.ts";
import { type Design, design, normalEquations, type RowMajor } from "./design.ts";

/** A least-squares fit of a label on the columns of a row-major matrix. */
export interface LeastSquares {
  /** Column statistics the system was solved on. */
  design: Design;
  /** Cholesky factor of `ZᵀZ` (p x p, row-major), Z the centred, scaled columns. */
  factor: Float64Array;
  /** Slope of each column, in the original units. */
  coefficients: number[];
  /** Intercept `ȳ - x̄ᵀβ` (0 without one). */
  intercept: number;
}

/**
 * Returns the least-squares fit of `y` on the columns of `x` with an intercept (or, with
 * `intercept: false`, through the origin), or `undefined` when `XᵀX` is singular (a constant or
 * collinear column): the caller says why in its own terms.
 *
 * @example
 * ```ts
 * import { leastSquares } from "@lib/stats/ols.ts";
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1 };
 * const fit = leastSquares(x, new Float64Array([1, 3, 5, 7]));   // y = 1 + 2x
 * if (!fit || Math.abs(fit.coefficients[0] - 2) > 1e-12 || Math.abs(fit.intercept - 1) > 1e-12) throw new Error("fit");
 * ```
 */
export function leastSquares(
  x: RowMajor,
  y: Float64Array,
  intercept = true,
): LeastSquares | undefined {
  const d = design(x, y, true, intercept);
  const { p, mean, scale, yMean } = d;
  const { ztz, zty } = normalEquations(x, y, d);
  const factor = cholesky(ztz, p);
  if (!factor) return undefined;
  const beta = choleskySolve(factor, p, zty);
  const coefficients = Array.from(beta, (b, j) => b / scale[j]);
  let b0 = yMean;
  for (let j = 0; j < p; j++) b0 -= coefficients[j] * mean[j];
  return { design: d, factor, coefficients, intercept: b0 };
}

/** Returns `(ZᵀZ)⁻¹` (p x p, row-major) of a fit, in the scaled units it was solved in. */
export function scaledInverse(fit: LeastSquares): Float64Array {
  return choleskyInverse(fit.factor, fit.design.p);
}

/**
 * Returns the intercept's variance factor `1/n + m̃ᵀ V m̃` (`m̃ = mean / scale`) from `V`, the
 * variance factor of the scaled slopes (p x p): with `V` = {@link scaledInverse} it is the
 * intercept's entry of `(XᵀX)⁻¹` for the design `[1, X]`; ridge passes its sandwich. It holds
 * because the intercept is `ȳ - m̃ᵀβ` and `ȳ` is uncorrelated with β on centred columns.
 */
export function interceptVariance(d: Design, inverse: Float64Array): number {
  const { n, p, mean, scale } = d;
  let quad = 0;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      quad += (mean[j] / scale[j]) * inverse[j * p + k] * (mean[k] / scale[k]);
    }
  }
  return 1 / n + quad;
}

/**
 * Returns `(XᵀX)⁻¹` in the original units (k x k, row-major), the design being `[1, X]` (the
 * intercept first, k = p + 1) for a fit with an intercept and `X` (k = p) without.
 */
export function unscaledInverse(fit: LeastSquares, intercept = true): Float64Array {
  const { p, mean, scale } = fit.design;
  const inverse = scaledInverse(fit);
  const o = intercept ? 1 : 0;
  const k = p + o;
  const out = new Float64Array(k * k);
  for (let j = 0; j < p; j++) {
    for (let m = 0; m < p; m++) {
      out[(j + o) * k + m + o] = inverse[j * p + m] / (scale[j] * scale[m]);
    }
  }
  if (intercept) {
    out[0] = interceptVariance(fit.design, inverse);
    for (let j = 0; j < p; j++) {
      let c = 0;
      for (let m = 0; m < p; m++) c -= (mean[m] / scale[m]) * inverse[m * p + j];
      out[j + 1] = out[(j + 1) * k] = c / scale[j];
    }
  }
  return out;
}
