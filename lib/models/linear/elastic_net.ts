/**
 * Lasso and elastic net by cyclic coordinate descent, with sklearn's `ElasticNet` objective
 *
 *   `1/(2n) ||y - b0 - Zβ||² + alpha l1Ratio ||β||₁ + alpha (1 - l1Ratio)/2 ||β||²`
 *
 * and an unpenalised intercept b0. With `standardize` (the default) Z is each feature divided by
 * its population standard deviation (constant features left as they are), exactly as fitting
 * sklearn's `ElasticNet` on `StandardScaler`-scaled features and dividing its coefficients by the
 * scales; with `standardize: false` Z is the raw features, exactly sklearn's `ElasticNet` on X.
 * Coefficients are always reported in the original units.
 *
 * Note the scale of alpha: sklearn's `Ridge` (and {@link RidgeRegression}) penalise the plain sum
 * of squares, so `elasticNet({ alpha: a, l1Ratio: 0 })` equals `ridge({ alpha: n a })`.
 *
 * Inference: no standard errors, t-statistics or p-values are reported (all NaN). The lasso picks
 * the features it keeps from the same data, so the classical formulas, conditional on a fixed
 * design, do not apply; valid post-selection inference needs methods this module does not have.
 * @module
 */
import { checkSameFeatures, checkTrainingData } from "../model.ts";
import type { FeatureImportance, ModelSpec, SavedModel } from "../model.ts";
import type { FeatureMatrix } from "../matrix.ts";
import { design, normalEquations } from "../../stats/design.ts";
import { type Coefficient, INTERCEPT, type LinearModel, noInference } from "./coefficient.ts";
import { checkFiniteFeatures } from "./checks.ts";
import {
  fittedState,
  linearImportance,
  linearPredict,
  type LinearState,
  loadLinearState,
  saveLinear,
} from "./state.ts";

/** Options of {@link ElasticNetRegression}. */
export interface ElasticNetOptions {
  /** Overall penalty, > 0 (sklearn's `alpha`). */
  alpha: number;
  /** Share of the penalty that is L1, in [0, 1]; 1 is the lasso. Defaults to 0.5 (as sklearn). */
  l1Ratio?: number;
  /** Penalise coefficients of unit-variance features. Defaults to true. */
  standardize?: boolean;
  /** Stop when a sweep moves no coefficient by more than `tol x max |β|`. Defaults to 1e-10. */
  tol?: number;
  /** Maximum coordinate-descent sweeps. Defaults to 100,000. */
  maxIter?: number;
}

/** How the coordinate descent ended. */
export interface Convergence {
  /** Sweeps run. */
  iterations: number;
  /** Whether the tolerance was reached within `maxIter` sweeps. */
  converged: boolean;
}

interface ElasticNetState extends LinearState {
  iterations: number;
  converged: boolean;
}

/** Elastic net / lasso regression implementing {@link LinearModel}; registry kind `"elastic_net"`. */
export class ElasticNetRegression implements LinearModel {
  /** Registry key: `"elastic_net"`. */
  readonly kind = "elastic_net";
  /** The options with their defaults filled in. */
  readonly options: Required<ElasticNetOptions>;
  /** Feature names the model was fitted on; empty before `fit`. */
  features: readonly string[] = [];
  private state: ElasticNetState | undefined;

  constructor(options: ElasticNetOptions) {
    this.options = {
      alpha: options?.alpha,
      l1Ratio: options?.l1Ratio ?? 0.5,
      standardize: options?.standardize ?? true,
      tol: options?.tol ?? 1e-10,
      maxIter: options?.maxIter ?? 100_000,
    };
    const { alpha, l1Ratio, tol, maxIter } = this.options;
    if (!(alpha > 0) || !Number.isFinite(alpha)) {
      throw new Error(`elastic net alpha must be a finite number > 0; got ${alpha} (use ols())`);
    }
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new Error(`elastic net l1Ratio must be in [0, 1]; got ${l1Ratio}`);
    }
    if (!(tol > 0)) throw new Error(`elastic net tol must be > 0; got ${tol}`);
    if (!Number.isInteger(maxIter) || maxIter < 1) {
      throw new Error(`elastic net maxIter must be an integer >= 1; got ${maxIter}`);
    }
  }

  fit(x: FeatureMatrix, y: Float64Array): void {
    checkTrainingData(x, y);
    checkFiniteFeatures(x);
    const d = design(x, y, this.options.standardize);
    const { n, p, mean, scale, yMean } = d;
    // Covariance updates: with p small and n large, one pass builds the Gram matrix and every
    // sweep after it costs O(p²) instead of O(np).
    const { ztz, zty } = normalEquations(x, y, d);
    for (let k = 0; k < p * p; k++) ztz[k] /= n;
    for (let j = 0; j < p; j++) zty[j] /= n;
    const { alpha, l1Ratio, tol, maxIter } = this.options;
    const l1 = alpha * l1Ratio;
    const l2 = alpha * (1 - l1Ratio);
    const beta = new Float64Array(p);
    const q = new Float64Array(p); // G β
    let iterations = 0;
    let converged = false;
    while (iterations < maxIter) {
      iterations++;
      let maxDelta = 0;
      let maxBeta = 0;
      for (let j = 0; j < p; j++) {
        const gjj = ztz[j * p + j];
        const denom = gjj + l2;
        const old = beta[j];
        const rho = zty[j] - q[j] + gjj * old;
        const next = denom > 0 ? softThreshold(rho, l1) / denom : 0;
        const delta = next - old;
        if (delta !== 0) {
          beta[j] = next;
          for (let k = 0; k < p; k++) q[k] += delta * ztz[k * p + j];
        }
        maxDelta = Math.max(maxDelta, Math.abs(delta));
        maxBeta = Math.max(maxBeta, Math.abs(next));
      }
      if (maxBeta === 0 || maxDelta <= tol * maxBeta) {
        converged = true;
        break;
      }
    }
    const coefficients = Array.from(beta, (b, j) => b / scale[j]);
    let intercept = yMean;
    for (let j = 0; j < p; j++) intercept -= coefficients[j] * mean[j];
    this.features = [...x.features];
    this.state = {
      intercept,
      coefficients,
      featureStd: Array.from(d.std),
      iterations,
      converged,
    };
  }

  predict(x: FeatureMatrix): Float64Array {
    const state = this.fitted();
    checkSameFeatures(this.features, x);
    return linearPredict(x, state.intercept, state.coefficients);
  }

  /** Returns the intercept of the fitted model. */
  intercept(): number {
    return this.fitted().intercept;
  }

  /** Returns the intercept; its inference fields are NaN (see the module docs). */
  interceptCoefficient(): Coefficient {
    return noInference(INTERCEPT, this.fitted().intercept);
  }

  /** Returns each feature's coefficient (0 for a feature the L1 penalty dropped); no inference. */
  coefficients(): Coefficient[] {
    const s = this.fitted();
    return this.features.map((f, j) => noInference(f, s.coefficients[j]));
  }

  /** Returns the sweeps run and whether coordinate descent converged. */
  convergence(): Convergence {
    const { iterations, converged } = this.fitted();
    return { iterations, converged };
  }

  /** Importance is `|coefficient| x training std of the feature`: the effect of a 1-sd move. */
  importance(): FeatureImportance[] {
    return linearImportance(this.features, this.fitted());
  }

  save(): SavedModel {
    return saveLinear(this.kind, this.features, { ...this.options }, this.fitted());
  }

  /** Rebuilds a fitted model from {@link ElasticNetRegression.save}'s output. */
  static load(saved: SavedModel): ElasticNetRegression {
    const state = loadLinearState<ElasticNetState>(saved, "elastic_net");
    const model = new ElasticNetRegression(saved.params as unknown as ElasticNetOptions);
    model.features = [...saved.features];
    model.state = state;
    return model;
  }

  private fitted(): ElasticNetState {
    return fittedState(this.state, this.kind);
  }
}

/**
 * Returns a {@link ModelSpec} for the elastic net named `elastic_net` (or `options.name`).
 *
 * @example
 * ```ts
 * import { elasticNet } from "@lib/models/linear/elastic_net.ts";
 * const model = elasticNet({ alpha: 0.01, l1Ratio: 0.5 }).create();
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1, features: ["x"] };
 * model.fit(x, new Float64Array([1, 3, 5, 7]));
 * const p = model.predict(x);
 * if (!(p[3] < 7 && p[3] > 6.9)) throw new Error("not shrunk slightly towards the mean");
 * ```
 */
export function elasticNet(options: ElasticNetOptions & { name?: string }): ModelSpec {
  const { name = "elastic_net", ...rest } = options;
  new ElasticNetRegression(rest); // fail on bad options when the spec is made, not per fold
  return { name, create: () => new ElasticNetRegression(rest) };
}

/**
 * Returns a {@link ModelSpec} for the lasso (`l1Ratio` 1) named `lasso` (or `options.name`).
 *
 * @example
 * ```ts
 * import { lasso } from "@lib/models/linear/elastic_net.ts";
 * import type { ElasticNetRegression } from "@lib/models/linear/elastic_net.ts";
 * const model = lasso({ alpha: 0.5 }).create() as ElasticNetRegression;
 * // b is pure noise around y: a large enough L1 penalty drops it to exactly 0.
 * const x = { data: new Float64Array([0, 1, 1, -1, 2, 1, 3, -1]), rows: 4, cols: 2, features: ["a", "b"] };
 * model.fit(x, new Float64Array([1, 3, 5, 7]));
 * if (model.coefficients()[1].coefficient !== 0) throw new Error("b kept");
 * ```
 */
export function lasso(
  options: Omit<ElasticNetOptions, "l1Ratio"> & { name?: string },
): ModelSpec {
  return elasticNet({ name: "lasso", ...options, l1Ratio: 1 });
}

function softThreshold(value: number, threshold: number): number {
  if (value > threshold) return value - threshold;
  if (value < -threshold) return value + threshold;
  return 0;
}
