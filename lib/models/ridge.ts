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
import { checkSameFeatures, checkSavedKind, checkTrainingData } from "./model.ts";
import type { FeatureImportance, ModelSpec, SavedModel } from "./model.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { cholesky, choleskyInverse, choleskySolve } from "./linalg.ts";
import { type Coefficient, INTERCEPT, type LinearModel } from "./linear/coefficient.ts";
import { multiply } from "./linear/design.ts";
import { tRow } from "./linear/ols.ts";

export type { Coefficient } from "./linear/coefficient.ts";

/** Options of {@link RidgeRegression}. */
export interface RidgeOptions {
  /** L2 penalty; 0 gives ordinary least squares. Defaults to 1. */
  alpha?: number;
  /** Penalise coefficients of unit-variance features. Defaults to true. */
  standardize?: boolean;
}

interface RidgeState {
  intercept: number;
  coefficients: number[];
  stdErrors: number[];
  featureStd: number[];
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
    const { rows: n, cols: p, data } = x;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        throw new Error(
          `feature "${x.features[i % p]}" is ${data[i]} at row ${
            Math.floor(i / p)
          }; drop incomplete rows first`,
        );
      }
    }
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
    // Solve on unit-variance columns either way, so a raw volume (1e5) beside a raw return
    // (1e-2) does not make the Cholesky tolerance call the system singular. Without
    // standardisation the penalty on the raw coefficient β = βz / s becomes alpha / s² on βz.
    const scale = std.map((s) => (s > 0 ? s : 1));

    // Normal equations on centred (and scaled) features: ZᵀZ β = Zᵀy.
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
    const a = ztz.slice();
    for (let j = 0; j < p; j++) {
      a[j * p + j] += this.standardize ? this.alpha : this.alpha / scale[j] ** 2;
    }

    const l = cholesky(a, p);
    if (!l) {
      const constant = x.features.filter((_, j) => std[j] === 0);
      throw new Error(
        constant.length > 0
          ? `feature(s) ${
            constant.map((c) => `"${c}"`).join(", ")
          } constant in the training rows; ` +
            `least squares (alpha 0) cannot estimate them: drop them or use alpha > 0`
          : `features are collinear in the training rows; least squares (alpha 0) has no unique ` +
            `solution: drop a feature or use alpha > 0`,
      );
    }
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
      // b0 = ȳ - mᵀβ and ȳ is uncorrelated with β (the columns are centred).
      let quad = 0;
      for (let j = 0; j < p; j++) {
        for (let k = 0; k < p; k++) {
          quad += (mean[j] / scale[j]) * cov[j * p + k] * (mean[k] / scale[k]);
        }
      }
      interceptStdError = Math.sqrt(sigma2 * (1 / n + quad));
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
    const { rows, cols, data } = x;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = state.intercept;
      for (let j = 0; j < cols; j++) s += data[i * cols + j] * state.coefficients[j];
      out[i] = s;
    }
    return out;
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
    const state = this.fitted();
    return this.features.map((feature, j) => ({
      feature,
      importance: Math.abs(state.coefficients[j]) * state.featureStd[j],
    }));
  }

  save(): SavedModel {
    const state = this.fitted();
    return {
      kind: this.kind,
      version: 1,
      features: [...this.features],
      params: { alpha: this.alpha, standardize: this.standardize },
      state: structuredClone(state),
    };
  }

  /** Rebuilds a fitted model from {@link RidgeRegression.save}'s output. */
  static load(saved: SavedModel): RidgeRegression {
    checkSavedKind(saved, "ridge");
    const model = new RidgeRegression(saved.params as RidgeOptions);
    const state = saved.state as RidgeState;
    if (
      !Array.isArray(state?.coefficients) || state.coefficients.length !== saved.features.length
    ) {
      throw new Error("saved ridge state has no coefficient per feature");
    }
    model.features = [...saved.features];
    model.state = structuredClone(state);
    return model;
  }

  private fitted(): RidgeState {
    if (!this.state) throw new Error("ridge model is not fitted; call fit first");
    return this.state;
  }
}

/**
 * Returns a {@link ModelSpec} for ridge regression named `ridge` (or `options.name`).
 *
 * @example
 * ```ts
 * import { ridge } from "@lib/models/ridge.ts";
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
