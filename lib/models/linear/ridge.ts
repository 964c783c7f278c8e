/**
 * Ridge (alpha > 0) and ordinary least squares (alpha = 0) regression, solved in closed form.
 *
 * Minimises `Σ (y - b - Xβ)² + alpha Σ β²` with an unpenalised intercept b. With
 * `standardize` (the default) the penalty applies to coefficients of features scaled to unit
 * variance, so one alpha treats a return and an RSI alike; coefficients are reported in the
 * original units either way. Standard errors use the ridge sandwich
 * `σ² A⁻¹ ZᵀZ A⁻¹`, `A = ZᵀZ + alpha I`, which is the OLS formula `σ² (ZᵀZ)⁻¹` at alpha 0.
 *
 * What the inference means: with alpha > 0 the standard error is the sampling spread of the ridge
 * estimate itself for fixed features and homoskedastic errors, `σ²` estimated as
 * `RSS / (n - p - 1)` from the ridge residuals. The estimate is biased towards 0, so `tStat` is a
 * signal-to-noise ratio, not a test statistic, and `pValue` is NaN. At alpha 0 the model is OLS
 * and `pValue` is the classical Student t p-value on `n - p - 1` degrees of freedom (as
 * {@link OlsRegression}). The penalty scale is sklearn's `Ridge` (plain sum of squares): the
 * parity test checks `Ridge(alpha)` on `StandardScaler`-scaled (or raw) features.
 * @module
 */
import { checkSameFeatures, checkTrainingData } from "../model.ts";
import type { FeatureImportance, ModelSpec, SavedModel } from "../model.ts";
import type { FeatureMatrix } from "../matrix.ts";
import { cholesky, choleskyInverse, choleskySolve, multiply } from "../../stats/linalg.ts";
import { design, normalEquations } from "../../stats/design.ts";
import { interceptVariance } from "../../stats/ols.ts";
import { type Coefficient, INTERCEPT, type LinearModel, tRow } from "./coefficient.ts";
import { checkFiniteFeatures, singularError } from "./checks.ts";
import {
  fittedState,
  linearImportance,
  linearPredict,
  type LinearState,
  loadLinearState,
  saveLinear,
} from "./state.ts";

/** Options of {@link RidgeRegression}. */
export interface RidgeOptions {
  /** L2 penalty; 0 gives ordinary least squares. Defaults to 1. */
  alpha?: number;
  /** Penalise coefficients of unit-variance features. Defaults to true. */
  standardize?: boolean;
}

interface RidgeState extends LinearState {
  stdErrors: number[];
  /** Absent from models saved before it was added: read as NaN. */
  interceptStdError?: number | null;
  /** Absent from models saved before it was added: p-values are then NaN. */
  dfResid?: number;
}

/** Closed-form ridge / OLS regression implementing {@link LinearModel}. */
export class RidgeRegression implements LinearModel {
  /** Registry key: `"ridge"`. */
  readonly kind = "ridge";
  /** L2 penalty (0 is OLS). */
  readonly alpha: number;
  /** Whether the penalty applies to unit-variance features. */
  readonly standardize: boolean;
  /** Feature names the model was fitted on; empty before `fit`. */
  features: readonly string[] = [];
  private state: RidgeState | undefined;

  constructor(options: RidgeOptions = {}) {
    this.alpha = options.alpha ?? 1;
    this.standardize = options.standardize ?? true;
    if (!(this.alpha >= 0) || !Number.isFinite(this.alpha)) {
      throw new Error(`ridge alpha must be a finite number >= 0; got ${this.alpha}`);
    }
  }

  fit(x: FeatureMatrix, y: Float64Array): void {
    checkTrainingData(x, y);
    checkFiniteFeatures(x);
    const { data } = x;
    // Solve on unit-variance columns either way (see design()); without standardisation the
    // penalty on the raw coefficient β = βz / s becomes alpha / s² on βz.
    const d = design(x, y, true);
    const { n, p, mean, std, scale, yMean } = d;
    const { ztz, zty } = normalEquations(x, y, d);
    const a = ztz.slice();
    for (let j = 0; j < p; j++) {
      a[j * p + j] += this.standardize ? this.alpha : this.alpha / scale[j] ** 2;
    }

    const l = cholesky(a, p);
    if (!l) throw singularError(x, std, "least squares (alpha 0)", "alpha > 0");
    const beta = choleskySolve(l, p, zty);

    let rss = 0;
    for (let i = 0; i < n; i++) {
      let fitted = 0;
      for (let j = 0; j < p; j++) fitted += ((data[i * p + j] - mean[j]) / scale[j]) * beta[j];
      rss += (y[i] - yMean - fitted) ** 2;
    }
    const dof = n - p - 1;
    const stdErrorsZ = new Float64Array(p).fill(NaN);
    let interceptStdError = NaN;
    if (dof > 0) {
      const sigma2 = rss / dof;
      const inv = choleskyInverse(l, p);
      const tmp = multiply(inv, ztz, p);
      const cov = multiply(tmp, inv, p);
      for (let j = 0; j < p; j++) stdErrorsZ[j] = Math.sqrt(sigma2 * cov[j * p + j]);
      interceptStdError = Math.sqrt(sigma2 * interceptVariance(d, cov));
    }

    const coefficients = Array.from(beta, (b, j) => b / scale[j]);
    let intercept = yMean;
    for (let j = 0; j < p; j++) intercept -= coefficients[j] * mean[j];
    this.features = [...x.features];
    this.state = {
      intercept,
      coefficients,
      stdErrors: Array.from(stdErrorsZ, (s, j) => s / scale[j]),
      featureStd: Array.from(std),
      interceptStdError,
      dfResid: dof,
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

  /** Returns the intercept with its standard error (p-value only at alpha 0; see the module). */
  interceptCoefficient(): Coefficient {
    const s = this.fitted();
    return this.row(INTERCEPT, s.intercept, s.interceptStdError ?? NaN);
  }

  /** Returns each feature's coefficient, standard error, t-statistic and (alpha 0) p-value. */
  coefficients(): Coefficient[] {
    const s = this.fitted();
    return this.features.map((f, j) => this.row(f, s.coefficients[j], s.stdErrors[j]));
  }

  private row(feature: string, coefficient: number, stdError: number | null): Coefficient {
    const se = stdError ?? NaN; // JSON stores NaN as null
    const df = this.alpha === 0 ? (this.fitted().dfResid ?? NaN) : NaN;
    return tRow(feature, coefficient, se, df);
  }

  /** Importance is `|coefficient| x training std of the feature`: the effect of a 1-sd move. */
  importance(): FeatureImportance[] {
    return linearImportance(this.features, this.fitted());
  }

  save(): SavedModel {
    const params = { alpha: this.alpha, standardize: this.standardize };
    return saveLinear(this.kind, this.features, params, this.fitted());
  }

  /** Rebuilds a fitted model from {@link RidgeRegression.save}'s output. */
  static load(saved: SavedModel): RidgeRegression {
    const state = loadLinearState<RidgeState>(saved, "ridge");
    const model = new RidgeRegression(saved.params as RidgeOptions);
    model.features = [...saved.features];
    model.state = state;
    return model;
  }

  private fitted(): RidgeState {
    return fittedState(this.state, this.kind);
  }
}

/**
 * Returns a {@link ModelSpec} for ridge regression named `ridge` (or `options.name`).
 *
 * @example
 * ```ts
 * import { ridge } from "@lib/models/linear/ridge.ts";
 * const model = ridge({ alpha: 0 }).create();
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1, features: ["x"] };
 * model.fit(x, new Float64Array([1, 3, 5, 7]));   // y = 1 + 2x
 * if (Math.abs(model.predict(x)[3] - 7) > 1e-9) throw new Error("not recovered");
 * ```
 */
export function ridge(options: RidgeOptions & { name?: string } = {}): ModelSpec {
  const { name = "ridge", ...rest } = options;
  return { name, create: () => new RidgeRegression(rest) };
}
