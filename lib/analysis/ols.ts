/**
 * Ordinary least squares with classical or Newey-West (HAC) standard errors, on typed arrays,
 * matching statsmodels `OLS(y, X).fit()` and `.fit(cov_type="HAC", cov_kwds={"maxlags": L})`.
 * The coefficients and `(X'X)^-1` come from the workspace's one least-squares solver
 * (lib/stats/ols.ts, the OLS model's); this module adds the covariances and tests.
 * @module
 */
import { normalTwoSidedP, studentTTwoSidedP as studentTwoSidedP } from "../stats/distributions.ts";
import { leastSquares, unscaledInverse } from "../stats/ols.ts";

/** Options of {@link ols}. */
export interface OlsOptions {
  /** Names of the regressors, in order. Defaults to `x1`, `x2`, ... */
  names?: readonly string[];
  /** Add an intercept, named `const`, as the first coefficient. Defaults to true. */
  intercept?: boolean;
  /** `nonrobust` (s^2 (X'X)^-1) or `hac` (Newey-West, Bartlett kernel). Defaults to `hac`. */
  covariance?: "nonrobust" | "hac";
  /** HAC lags L. Defaults to floor(4 (n / 100)^(2/9)) (statsmodels' and Newey-West's rule). */
  lags?: number;
  /**
   * Multiply the HAC covariance by n / (n - k). Defaults to false, as `OLS.fit(cov_type="HAC")`
   * (statsmodels' `cov_hac_simple` alone defaults to true).
   */
  useCorrection?: boolean;
  /**
   * p-values of HAC t-statistics from a Student t with n - k degrees of freedom instead of the
   * normal. Defaults to false, as statsmodels (`use_t=False` for robust covariances); the
   * nonrobust covariance always uses the t.
   */
  useT?: boolean;
}

/** A fitted regression. */
export interface OlsResult {
  /** Coefficient names (`const` first with an intercept). */
  names: string[];
  /** Coefficients. */
  coef: Float64Array;
  /** Standard errors (square roots of the covariance diagonal). */
  stdErr: Float64Array;
  /** coef / stdErr. */
  tStat: Float64Array;
  /** Two-sided p-values. */
  pValue: Float64Array;
  /** Coefficient covariance, row-major k x k. */
  cov: Float64Array;
  /** R^2 (centred with an intercept, uncentred without, as statsmodels). */
  r2: number;
  /** Adjusted R^2. */
  adjR2: number;
  /** Observations. */
  n: number;
  /** HAC lags used (0 for nonrobust). */
  lags: number;
  /** y - X coef. */
  residuals: Float64Array;
}

/** Returns the default Newey-West lag count floor(4 (n / 100)^(2/9)). */
export function neweyWestLags(n: number): number {
  return Math.floor(4 * (n / 100) ** (2 / 9));
}

/**
 * Returns the OLS fit of `y` on `regressors` (one array per regressor, each as long as y; no NaN)
 * with Newey-West (HAC) or classical standard errors. The HAC covariance is
 * (X'X)^-1 S (X'X)^-1 with S = sum over lags l <= L of w_l (G_l + G_l'), G_l = sum_t x_t u_t
 * x_{t-l}' u_{t-l}, w_l = 1 - l / (L + 1), exactly statsmodels' `cov_hac_simple`.
 *
 * @example
 * ```ts
 * import { ols } from "@lib/analysis/ols.ts";
 * const x = Float64Array.from([1, 2, 3, 4, 5]);
 * const y = Float64Array.from([2.1, 3.9, 6.2, 7.8, 10.1]);
 * const fit = ols(y, [x], { names: ["x"], covariance: "nonrobust" });
 * // slope = sum dx dy / sum dx^2 = 19.9 / 10
 * if (Math.abs(fit.coef[1] - 1.99) > 1e-12) throw new Error(String(fit.coef));
 * ```
 */
export function ols(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  options: OlsOptions = {},
): OlsResult {
  const { intercept = true, covariance = "hac", useCorrection = false, useT = false } = options;
  const n = y.length;
  if (options.names && options.names.length !== regressors.length) {
    throw new Error(
      `names has ${options.names.length} entries for ${regressors.length} regressors`,
    );
  }
  const names = [
    ...(intercept ? ["const"] : []),
    ...(options.names ?? regressors.map((_, i) => `x${i + 1}`)),
  ];
  const columns = [
    ...(intercept ? [new Float64Array(n).fill(1)] : []),
    ...regressors.map((r, i) => {
      const name = names[i + (intercept ? 1 : 0)];
      if (r.length !== n) throw new Error(`regressor ${name} has ${r.length} values, y has ${n}`);
      return Float64Array.from(r);
    }),
  ];
  const k = columns.length;
  if (k === 0) throw new Error("ols needs at least one regressor or the intercept");
  if (n <= k) throw new Error(`ols needs more observations (${n}) than coefficients (${k})`);
  const yy = Float64Array.from(y);
  for (
    const [name, values] of [
      ["y", yy] as const,
      ...columns.map((c, i) => [names[i], c] as const),
    ]
  ) {
    if (values.some((v) => !Number.isFinite(v))) {
      throw new Error(`${name} has a missing or infinite value`);
    }
  }
  // The shared solver takes the regressors row-major, without the column of ones: with an
  // intercept it centres them instead.
  const p = regressors.length;
  const rows = new Float64Array(n * p);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < p; j++) rows[t * p + j] = columns[j + (intercept ? 1 : 0)][t];
  }
  const solved = leastSquares({ data: rows, rows: n, cols: p }, yy, intercept);
  if (!solved) {
    throw new Error("a regressor is constant or collinear with the others (or the intercept)");
  }
  const coef = Float64Array.from(
    intercept ? [solved.intercept, ...solved.coefficients] : solved.coefficients,
  );
  const xtxInv = unscaledInverse(solved, intercept);
  const residuals = new Float64Array(n);
  let ssr = 0;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += yy[t];
  mean /= n;
  let tss = 0;
  for (let t = 0; t < n; t++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += columns[j][t] * coef[j];
    residuals[t] = yy[t] - fit;
    ssr += residuals[t] ** 2;
    tss += intercept ? (yy[t] - mean) ** 2 : yy[t] ** 2;
  }
  const dfResid = n - k;
  const r2 = 1 - ssr / tss;
  const adjR2 = 1 - ((n - (intercept ? 1 : 0)) / dfResid) * (1 - r2);
  let cov: Float64Array;
  let lags = 0;
  if (covariance === "nonrobust") {
    const s2 = ssr / dfResid;
    cov = xtxInv.map((v) => v * s2);
  } else if (covariance === "hac") {
    lags = options.lags ?? neweyWestLags(n);
    if (!Number.isInteger(lags) || lags < 0) {
      throw new Error(`lags must be an integer >= 0; got ${lags}`);
    }
    const xu = columns.map((c) => c.map((v, t) => v * residuals[t]));
    const s = new Float64Array(k * k);
    for (let l = 0; l <= Math.min(lags, n - 1); l++) {
      const w = 1 - l / (lags + 1);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let g = 0;
          for (let t = l; t < n; t++) g += xu[i][t] * xu[j][t - l];
          if (l === 0) s[i * k + j] += g;
          else {
            s[i * k + j] += w * g;
            s[j * k + i] += w * g;
          }
        }
      }
    }
    cov = sandwich(xtxInv, s, k);
    if (useCorrection) cov = cov.map((v) => (v * n) / dfResid);
  } else {
    throw new Error(`covariance must be "nonrobust" or "hac"; got "${covariance}"`);
  }
  const stdErr = new Float64Array(k);
  const tStat = new Float64Array(k);
  const pValue = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    stdErr[j] = Math.sqrt(cov[j * k + j]);
    tStat[j] = coef[j] / stdErr[j];
    pValue[j] = covariance === "nonrobust" || useT
      ? studentTwoSidedP(tStat[j], dfResid)
      : normalTwoSidedP(tStat[j]);
  }
  return { names, coef, stdErr, tStat, pValue, cov, r2, adjR2, n, lags, residuals };
}

function sandwich(bread: Float64Array, meat: Float64Array, k: number): Float64Array {
  const tmp = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += bread[i * k + m] * meat[m * k + j];
      tmp[i * k + j] = s;
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += tmp[i * k + m] * bread[j * k + m];
      out[i * k + j] = s;
    }
  }
  return out;
}
