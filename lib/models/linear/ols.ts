/**
 * Ordinary least squares with classical inference, as statsmodels' `OLS(y, add_constant(X))`.
 *
 * Standard errors are `sqrt(diag(σ² (XᵀX)⁻¹))` with `σ² = RSS / (n - p - 1)` (homoskedastic,
 * independent errors: daily returns are neither, so read them as a rough guide); t-statistics
 * and p-values use Student t with `n - p - 1` degrees of freedom. The normal equations are solved
 * on centred, unit-variance columns (Cholesky), which changes nothing but the conditioning.
 * @module
 */
import { checkSameFeatures, checkTrainingData } from "../model.ts";
import type { FeatureImportance, ModelSpec, SavedModel } from "../model.ts";
import type { FeatureMatrix } from "../matrix.ts";
import { fSurvival } from "../../stats/distributions.ts";
import { design } from "../../stats/design.ts";
import { interceptVariance, leastSquares, scaledInverse } from "../../stats/ols.ts";
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

/** Goodness of fit of an {@link OlsRegression}, as statsmodels' results report it. */
export interface OlsSummary {
  /** Training rows. */
  n: number;
  /** Residual degrees of freedom `n - p - 1`. */
  dfResid: number;
  /** In-sample R². */
  rSquared: number;
  /** `1 - (1 - R²)(n - 1) / dfResid` (NaN without residual degrees of freedom). */
  adjRSquared: number;
  /** Residual standard error `sqrt(RSS / dfResid)`. */
  sigma: number;
  /** F-statistic of all slopes = 0. */
  fStat: number;
  /** p-value of the F-statistic. */
  fPValue: number;
}

interface OlsState extends LinearState {
  stdErrors: number[];
  interceptStdError: number;
  summary: OlsSummary;
}

/** Ordinary least squares implementing {@link LinearModel}; registry kind `"ols"`. */
export class OlsRegression implements LinearModel {
  /** Registry key: `"ols"`. */
  readonly kind = "ols";
  /** Feature names the model was fitted on; empty before `fit`. */
  features: readonly string[] = [];
  private state: OlsState | undefined;

  fit(x: FeatureMatrix, y: Float64Array): void {
    checkTrainingData(x, y);
    checkFiniteFeatures(x);
    const fit = leastSquares(x, y);
    if (!fit) throw singularError(x, design(x, y, true).std, "least squares");
    const d = fit.design;
    const { n, p, scale, yMean } = d;
    const { coefficients, intercept } = fit;

    let rss = 0;
    let tss = 0;
    for (let i = 0; i < n; i++) {
      let fitted = intercept;
      for (let j = 0; j < p; j++) fitted += x.data[i * p + j] * coefficients[j];
      rss += (y[i] - fitted) ** 2;
      tss += (y[i] - yMean) ** 2;
    }
    const dfResid = n - p - 1;
    const stdErrors = new Array<number>(p).fill(NaN);
    let interceptStdError = NaN;
    if (dfResid > 0) {
      const sigma2 = rss / dfResid;
      const inv = scaledInverse(fit);
      // Covariance in original units: (ZᵀZ)⁻¹ scaled back by each column's divisor.
      for (let j = 0; j < p; j++) stdErrors[j] = Math.sqrt(sigma2 * inv[j * p + j]) / scale[j];
      interceptStdError = Math.sqrt(sigma2 * interceptVariance(d, inv));
    }
    const rSquared = 1 - rss / tss;
    const fStat = dfResid > 0 ? ((tss - rss) / p) / (rss / dfResid) : NaN;
    this.features = [...x.features];
    this.state = {
      intercept,
      coefficients,
      stdErrors,
      interceptStdError,
      featureStd: Array.from(d.std),
      summary: {
        n,
        dfResid,
        rSquared,
        adjRSquared: dfResid > 0 ? 1 - ((1 - rSquared) * (n - 1)) / dfResid : NaN,
        sigma: dfResid > 0 ? Math.sqrt(rss / dfResid) : NaN,
        fStat,
        fPValue: dfResid > 0 && Number.isFinite(fStat) ? fSurvival(fStat, p, dfResid) : NaN,
      },
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

  /** Returns the intercept with its classical standard error, t and p-value. */
  interceptCoefficient(): Coefficient {
    const s = this.fitted();
    return tRow(INTERCEPT, s.intercept, s.interceptStdError, s.summary.dfResid);
  }

  /** Returns each feature's coefficient with classical standard error, t and p-value. */
  coefficients(): Coefficient[] {
    const s = this.fitted();
    return this.features.map((f, j) =>
      tRow(f, s.coefficients[j], s.stdErrors[j], s.summary.dfResid)
    );
  }

  /** Returns R², adjusted R², residual standard error and the F-test of the fit. */
  summary(): OlsSummary {
    return { ...this.fitted().summary };
  }

  /** Importance is `|coefficient| x training std of the feature`: the effect of a 1-sd move. */
  importance(): FeatureImportance[] {
    return linearImportance(this.features, this.fitted());
  }

  save(): SavedModel {
    return saveLinear(this.kind, this.features, {}, this.fitted());
  }

  /** Rebuilds a fitted model from {@link OlsRegression.save}'s output. */
  static load(saved: SavedModel): OlsRegression {
    const state = loadLinearState<OlsState>(saved, "ols");
    const model = new OlsRegression();
    model.features = [...saved.features];
    model.state = revive(state);
    return model;
  }

  private fitted(): OlsState {
    return fittedState(this.state, this.kind);
  }
}

/**
 * Returns a {@link ModelSpec} for ordinary least squares named `ols` (or `options.name`).
 *
 * @example
 * ```ts
 * import { ols } from "@lib/models/linear/ols.ts";
 * const model = ols().create();
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1, features: ["x"] };
 * model.fit(x, new Float64Array([1, 3, 5, 7]));   // y = 1 + 2x
 * if (Math.abs(model.predict(x)[3] - 7) > 1e-9) throw new Error("not recovered");
 * ```
 */
export function ols(options: { name?: string } = {}): ModelSpec {
  return { name: options.name ?? "ols", create: () => new OlsRegression() };
}

// JSON turns NaN into null; saved states read it back as NaN.
function revive(state: OlsState): OlsState {
  const num = (v: number | null) => (v === null ? NaN : v);
  state.stdErrors = state.stdErrors.map(num);
  state.interceptStdError = num(state.interceptStdError);
  for (const key of Object.keys(state.summary) as (keyof OlsSummary)[]) {
    state.summary[key] = num(state.summary[key]);
  }
  return state;
}
