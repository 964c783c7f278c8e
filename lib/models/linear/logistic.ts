/**
 * Binary logistic regression (labels 0 and 1, e.g. the direction of the forward return) by
 * Newton's method (IRLS) with step halving.
 *
 * Minimises `Σ [log(1 + e^η) - y η] + ||β||² / (2C)`, `η = b0 + Zβ`, the intercept unpenalised:
 * sklearn's `LogisticRegression(C=C)` objective. `C: Infinity` (the default) is the plain maximum
 * likelihood fit of statsmodels' `Logit(y, add_constant(X))`. With `standardize` (the default) the
 * penalty applies to coefficients of unit-variance features (sklearn on `StandardScaler`-scaled
 * features, coefficients divided by the scales); `standardize: false` penalises raw coefficients.
 * Without a penalty standardising changes nothing but the conditioning.
 *
 * Inference: without a penalty, Wald standard errors `sqrt(diag(H⁻¹))` from the observed
 * information, z-statistics (in `tStat`) and two-sided normal p-values, as statsmodels reports.
 * With a penalty they are NaN: the inverse penalised Hessian is not the sampling covariance of a
 * shrunken estimate.
 * @module
 */
import { checkSameFeatures, checkTrainingData } from "../model.ts";
import type { Classifier, FeatureImportance, ModelSpec, SavedModel } from "../model.ts";
import type { FeatureMatrix } from "../matrix.ts";
import { cholesky, choleskyInverse, choleskySolve } from "../../stats/linalg.ts";
import { design } from "../../stats/design.ts";
import { type Coefficient, INTERCEPT, type LinearModel, waldRow } from "./coefficient.ts";
import { checkFiniteFeatures } from "./checks.ts";
import {
  fittedState,
  linearImportance,
  linearPredict,
  type LinearState,
  loadLinearState,
  saveLinear,
} from "./state.ts";

/** Options of {@link LogisticRegression}. */
export interface LogisticOptions {
  /** Inverse L2 penalty strength, as sklearn's `C`; `Infinity` is no penalty. Defaults to Infinity. */
  C?: number;
  /** Penalise coefficients of unit-variance features. Defaults to true. */
  standardize?: boolean;
  /** Newton stops when no parameter moves by more than `tol x (1 + max |θ|)`. Defaults to 1e-10. */
  tol?: number;
  /** Maximum Newton iterations. Defaults to 100. */
  maxIter?: number;
}

interface LogisticState extends LinearState {
  /** Intercept first, then one per feature; NaN (null in JSON) when penalised. */
  stdErrors: (number | null)[];
  iterations: number;
}

/** Binary logistic regression implementing {@link Classifier}; registry kind `"logistic"`. */
export class LogisticRegression implements Classifier, LinearModel {
  /** Registry key: `"logistic"`. */
  readonly kind = "logistic";
  /** The two classes, in `predictProba` column order. */
  readonly classes: readonly number[] = [0, 1];
  /** The options with their defaults filled in. */
  readonly options: Required<LogisticOptions>;
  /** Feature names the model was fitted on; empty before `fit`. */
  features: readonly string[] = [];
  private state: LogisticState | undefined;

  constructor(options: LogisticOptions = {}) {
    this.options = {
      C: options.C ?? Infinity,
      standardize: options.standardize ?? true,
      tol: options.tol ?? 1e-10,
      maxIter: options.maxIter ?? 100,
    };
    const { C, tol, maxIter } = this.options;
    if (!(C > 0)) throw new Error(`logistic C must be > 0 (Infinity for no penalty); got ${C}`);
    if (!(tol > 0)) throw new Error(`logistic tol must be > 0; got ${tol}`);
    if (!Number.isInteger(maxIter) || maxIter < 1) {
      throw new Error(`logistic maxIter must be an integer >= 1; got ${maxIter}`);
    }
  }

  fit(x: FeatureMatrix, y: Float64Array): void {
    checkTrainingData(x, y);
    checkFiniteFeatures(x);
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) {
        throw new Error(`logistic label at row ${i} is ${y[i]}; labels must be 0 or 1`);
      }
    }
    const d = design(x, y, this.options.standardize);
    const { n, p, mean, scale } = d;
    const k = p + 1;
    // Z with a leading column of ones; centring only conditions the Hessian.
    const z = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      z[i * k] = 1;
      for (let j = 0; j < p; j++) z[i * k + j + 1] = (x.data[i * p + j] - mean[j]) / scale[j];
    }
    const lambda = Number.isFinite(this.options.C) ? 1 / this.options.C : 0;
    const theta = new Float64Array(k);
    theta[0] = Math.log(d.yMean / (1 - d.yMean));
    let loss = objective(z, y, theta, lambda, n, k);
    let iterations = 0;
    let converged = false;
    while (iterations < this.options.maxIter) {
      iterations++;
      const { gradient, hessian } = derivatives(z, y, theta, lambda, n, k);
      const l = cholesky(hessian, k);
      if (!l) throw separationError(x, d.std);
      const step = choleskySolve(l, k, gradient);
      let t = 1;
      let next = theta.map((v, j) => v - t * step[j]);
      let nextLoss = objective(z, y, next, lambda, n, k);
      while (!(nextLoss <= loss) && t > 1e-10) {
        t /= 2;
        next = theta.map((v, j) => v - t * step[j]);
        nextLoss = objective(z, y, next, lambda, n, k);
      }
      let maxStep = 0;
      let maxTheta = 0;
      for (let j = 0; j < k; j++) {
        maxStep = Math.max(maxStep, Math.abs(next[j] - theta[j]));
        maxTheta = Math.max(maxTheta, Math.abs(next[j]));
      }
      theta.set(next);
      loss = Math.min(loss, nextLoss);
      if (maxStep <= this.options.tol * (1 + maxTheta)) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      throw new Error(
        `logistic regression did not converge in ${this.options.maxIter} Newton iterations; ` +
          (lambda === 0
            ? "the classes may be perfectly separated by the features: set a penalty C"
            : "raise maxIter"),
      );
    }
    const coefficients = Array.from(theta.subarray(1), (b, j) => b / scale[j]);
    let intercept = theta[0];
    for (let j = 0; j < p; j++) intercept -= coefficients[j] * mean[j];

    const stdErrors = new Array<number>(k).fill(NaN);
    if (lambda === 0) {
      const l = cholesky(derivatives(z, y, theta, 0, n, k).hessian, k);
      if (!l) throw separationError(x, d.std);
      const cov = choleskyInverse(l, k);
      // θ_orig = T θ_z: b0 = θ0 - Σ θj mj/sj, βj = θj/sj.
      const t = new Float64Array(k * k);
      t[0] = 1;
      for (let j = 0; j < p; j++) {
        t[j + 1] = -mean[j] / scale[j];
        t[(j + 1) * k + j + 1] = 1 / scale[j];
      }
      for (let r = 0; r < k; r++) {
        let v = 0;
        for (let a = 0; a < k; a++) {
          for (let b = 0; b < k; b++) v += t[r * k + a] * cov[a * k + b] * t[r * k + b];
        }
        stdErrors[r] = Math.sqrt(v);
      }
    }
    this.features = [...x.features];
    this.state = {
      intercept,
      coefficients,
      stdErrors,
      featureStd: Array.from(d.std),
      iterations,
    };
  }

  /** Returns `rows x 2` probabilities `[P(0), P(1)]`, row-major. */
  predictProba(x: FeatureMatrix): Float64Array {
    const eta = this.decisionFunction(x);
    const out = new Float64Array(eta.length * 2);
    for (let i = 0; i < eta.length; i++) {
      const p1 = sigmoid(eta[i]);
      out[2 * i] = sigmoid(-eta[i]);
      out[2 * i + 1] = p1;
    }
    return out;
  }

  /** Returns the predicted class per row: 1 where the log-odds are > 0 (as sklearn), else 0. */
  predict(x: FeatureMatrix): Float64Array {
    return this.decisionFunction(x).map((e) => (e > 0 ? 1 : 0));
  }

  /** Returns the log-odds of class 1 per row. */
  decisionFunction(x: FeatureMatrix): Float64Array {
    const s = this.fitted();
    checkSameFeatures(this.features, x);
    return linearPredict(x, s.intercept, s.coefficients);
  }

  /** Returns the intercept (log-odds of class 1 at all features 0). */
  intercept(): number {
    return this.fitted().intercept;
  }

  /** Returns the intercept with its Wald standard error, z and p-value (NaN when penalised). */
  interceptCoefficient(): Coefficient {
    const s = this.fitted();
    return waldRow(INTERCEPT, s.intercept, s.stdErrors[0]);
  }

  /** Returns each feature's log-odds coefficient with Wald inference (NaN when penalised). */
  coefficients(): Coefficient[] {
    const s = this.fitted();
    return this.features.map((f, j) => waldRow(f, s.coefficients[j], s.stdErrors[j + 1]));
  }

  /** Importance is `|coefficient| x training std`: the log-odds change of a 1-sd move. */
  importance(): FeatureImportance[] {
    return linearImportance(this.features, this.fitted());
  }

  save(): SavedModel {
    const { C, ...rest } = this.options;
    // JSON has no Infinity: no penalty is stored as C null.
    const params = { ...rest, C: Number.isFinite(C) ? C : null };
    return saveLinear(this.kind, this.features, params, this.fitted());
  }

  /** Rebuilds a fitted model from {@link LogisticRegression.save}'s output. */
  static load(saved: SavedModel): LogisticRegression {
    const state = loadLinearState<LogisticState>(saved, "logistic");
    const params = saved.params as unknown as LogisticOptions & { C: number | null };
    const model = new LogisticRegression({ ...params, C: params.C ?? Infinity });
    model.features = [...saved.features];
    model.state = state;
    return model;
  }

  private fitted(): LogisticState {
    return fittedState(this.state, this.kind);
  }
}

/**
 * Returns a {@link ModelSpec} for binary logistic regression named `logistic` (or `options.name`).
 *
 * @example
 * ```ts
 * import { logistic } from "@lib/models/linear/logistic.ts";
 * import type { LogisticRegression } from "@lib/models/linear/logistic.ts";
 * const model = logistic().create() as LogisticRegression;
 * const x = { data: new Float64Array([-2, -1, 0, 1, 2, 3]), rows: 6, cols: 1, features: ["x"] };
 * model.fit(x, new Float64Array([0, 0, 1, 0, 1, 1]));
 * const proba = model.predictProba(x); // [P(0), P(1)] per row
 * if (!(proba[11] > 0.5 && proba[0] > 0.5)) throw new Error("wrong direction");
 * ```
 */
export function logistic(options: LogisticOptions & { name?: string } = {}): ModelSpec {
  const { name = "logistic", ...rest } = options;
  new LogisticRegression(rest); // fail on bad options when the spec is made, not per fold
  return { name, create: () => new LogisticRegression(rest) };
}

function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function objective(
  z: Float64Array,
  y: Float64Array,
  theta: Float64Array,
  lambda: number,
  n: number,
  k: number,
): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += z[i * k + j] * theta[j];
    s += softplus(eta) - y[i] * eta;
  }
  let penalty = 0;
  for (let j = 1; j < k; j++) penalty += theta[j] * theta[j];
  return s + (lambda * penalty) / 2;
}

function derivatives(
  z: Float64Array,
  y: Float64Array,
  theta: Float64Array,
  lambda: number,
  n: number,
  k: number,
): { gradient: Float64Array; hessian: Float64Array } {
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += z[i * k + j] * theta[j];
    const mu = sigmoid(eta);
    const w = mu * (1 - mu);
    const r = mu - y[i];
    for (let j = 0; j < k; j++) {
      const zij = z[i * k + j];
      gradient[j] += zij * r;
      for (let l = 0; l <= j; l++) hessian[j * k + l] += w * zij * z[i * k + l];
    }
  }
  for (let j = 0; j < k; j++) for (let l = 0; l < j; l++) hessian[l * k + j] = hessian[j * k + l];
  for (let j = 1; j < k; j++) {
    gradient[j] += lambda * theta[j];
    hessian[j * k + j] += lambda;
  }
  return { gradient, hessian };
}

function separationError(x: FeatureMatrix, std: Float64Array): Error {
  const constant = x.features.filter((_, j) => std[j] === 0);
  return new Error(
    constant.length > 0
      ? `feature(s) ${constant.map((c) => `"${c}"`).join(", ")} constant in the training rows; ` +
        `unpenalised logistic regression cannot estimate them: drop them or set C`
      : "logistic Hessian is singular: features are collinear or the classes are perfectly " +
        "separated; drop a feature or set a penalty C",
  );
}
