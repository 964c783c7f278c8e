/**
 * Factor regressions of monthly returns: CAPM (excess return on the market excess return),
 * Fama-French 3 factors (plus size and value) and 5 factors (plus profitability and
 * investment), with Newey-West standard errors, annualised alpha and rolling betas. Months the
 * factors do not cover are left out and reported (`coverage`); a series with too few covered
 * months is skipped, not an error.
 * @module
 */
import pl from "nodejs-polars";
import { floatValues } from "../frames.ts";
import { factorCoverage } from "./factor_coverage.ts";
import type { FactorCoverage } from "./factor_coverage.ts";
import { ols } from "./ols.ts";
import type { OlsResult } from "./ols.ts";

/** A factor model: `capm` (mkt_rf), `ff3` (mkt_rf, smb, hml) or `ff5` (ff3, rmw, cma). */
export type FactorModel = "capm" | "ff3" | "ff5";

/** The regressors of each factor model. */
export const FACTOR_MODELS: Readonly<Record<FactorModel, readonly string[]>> = {
  capm: ["mkt_rf"],
  ff3: ["mkt_rf", "smb", "hml"],
  ff5: ["mkt_rf", "smb", "hml", "rmw", "cma"],
};

/**
 * Returns the models a factors frame supports: capm and ff3, and ff5 when it has `rmw` and
 * `cma` (a five-factor file).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { availableModels } from "@lib/analysis/factor_regression.ts";
 * const ff3 = pl.DataFrame({ month: ["2020-01"], mkt_rf: [0], smb: [0], hml: [0], rf: [0] });
 * if (availableModels(ff3).join() !== "capm,ff3") throw new Error();
 * ```
 */
export function availableModels(factors: pl.DataFrame): FactorModel[] {
  const five = FACTOR_MODELS.ff5.every((c) => factors.columns.includes(c));
  return five ? ["capm", "ff3", "ff5"] : ["capm", "ff3"];
}

/** Options of {@link factorRegression} and {@link rollingFactorRegression}. */
export interface FactorRegressionOptions {
  /** Defaults to `ff3`. */
  model?: FactorModel;
  /** Return column of the returns frame (simple monthly returns). Defaults to `ret`. */
  value?: string;
  /** Subtract the factors' risk-free rate `rf` from the return first. Defaults to true. */
  excess?: boolean;
  /** HAC lags. Defaults to floor(4 (n / 100)^(2/9)). */
  lags?: number;
  /** HAC small-sample factor n / (n - k). Defaults to false (statsmodels' `OLS.fit` default). */
  useCorrection?: boolean;
  /** t rather than normal p-values. Defaults to false (statsmodels' default for HAC). */
  useT?: boolean;
  /** Periods per year for annualising alpha. Defaults to 12. */
  periodsPerYear?: number;
}

/** A fitted factor regression. */
export interface FactorRegression {
  /** The model. */
  model: FactorModel;
  /** term (`alpha`, then the factors), coef, std_err, t_stat, p_value. */
  table: pl.DataFrame;
  /** Monthly alpha (intercept). */
  alpha: number;
  /** alpha x periodsPerYear (arithmetic annualisation; its t-statistic is alpha's). */
  alphaAnnualised: number;
  /** Standard error of alphaAnnualised. */
  alphaAnnualisedStdErr: number;
  /** (1 + alpha)^periodsPerYear - 1, the compounded reading (as empyrical's alpha). */
  alphaCompounded: number;
  /** R^2 and adjusted R^2. */
  r2: number;
  /** Adjusted R^2. */
  adjR2: number;
  /** Months in the fit. */
  n: number;
  /** HAC lags used. */
  lags: number;
  /** Months of the returns without factors, and months with a null return, left out. */
  dropped: { noFactors: number; missingReturn: number };
  /** Which months the factors covered, and the note for the page. */
  coverage: FactorCoverage;
  /**
   * True when too few months have both a return and the factors: then the table has no rows,
   * every number is NaN, n is 0 and `coverage.note` says why.
   */
  skipped: boolean;
  /** The underlying fit (NaN coefficients when skipped). */
  fit: OlsResult;
}

/** Months of a factors frame with every needed column: their row by month, values and range. */
interface Covered {
  row: Map<string, number>;
  values: Record<string, Float64Array>;
  range: readonly [string, string] | null;
}

/** {@link coveredFactors} per factors frame and set of needed columns. */
const COVERED = new WeakMap<pl.DataFrame, Map<string, Covered>>();

/**
 * Returns the months of `factors` that have every `needed` column, with those columns' values
 * and the first and last such month. Kept per frame: thousands of assets are fitted on the same
 * factors, and aligning in plain arrays costs far less than a polars join per fit.
 */
function coveredFactors(factors: pl.DataFrame, needed: readonly string[]): Covered {
  const byColumns = COVERED.get(factors) ?? new Map<string, Covered>();
  COVERED.set(factors, byColumns);
  const key = needed.join(",");
  const known = byColumns.get(key);
  if (known) return known;
  // A month counts as covered only when every factor the model needs is there.
  const hasFactors = needed.map((c) => pl.col(c).isNotNull()).reduce((a, b) => a.and(b));
  const covered = factors.select("month", ...needed).filter(hasFactors).sort("month");
  const months = covered.getColumn("month").toArray() as string[];
  const row = new Map<string, number>();
  months.forEach((m, i) => row.set(m, i));
  const values: Record<string, Float64Array> = {};
  for (const c of needed) values[c] = floatValues(covered, c);
  const range = months.length > 0 ? [months[0], months[months.length - 1]] as const : null;
  const entry = { row, values, range };
  byColumns.set(key, entry);
  return entry;
}

/** Joins returns to factors on month; returns y (excess if asked), regressors, months and drop counts. */
function align(
  returns: pl.DataFrame,
  factors: pl.DataFrame,
  model: FactorModel,
  value: string,
  excess: boolean,
) {
  const names = FACTOR_MODELS[model];
  if (!names) throw new Error(`model must be "capm", "ff3" or "ff5"; got "${model}"`);
  for (const c of ["month", value]) {
    if (!returns.columns.includes(c)) throw new Error(`the returns frame has no "${c}" column`);
  }
  const needed = [...new Set([...names, ...(excess ? ["rf"] : [])])];
  for (const c of ["month", ...needed]) {
    if (!factors.columns.includes(c)) throw new Error(`the factors frame has no "${c}" column`);
  }
  const covered = coveredFactors(factors, needed);
  const sorted = returns.select("month", pl.col(value).cast(pl.Float64).alias("_y")).sort("month");
  const allMonths = sorted.getColumn("month").toArray() as string[];
  const ret = floatValues(sorted, "_y");
  const months: string[] = [];
  const dataMonths: string[] = [];
  const rows: number[] = [];
  let noFactors = 0;
  let missingReturn = 0;
  for (let i = 0; i < allMonths.length; i++) {
    const r = covered.row.get(allMonths[i]);
    const hasReturn = !Number.isNaN(ret[i]);
    if (hasReturn) dataMonths.push(allMonths[i]);
    if (r === undefined) noFactors++;
    else if (!hasReturn) missingReturn++;
    else {
      months.push(allMonths[i]);
      rows.push(i, r);
    }
  }
  const n = months.length;
  const y = new Float64Array(n);
  const x = names.map(() => new Float64Array(n));
  const rf = covered.values.rf;
  for (let t = 0; t < n; t++) {
    const [i, r] = [rows[2 * t], rows[2 * t + 1]];
    y[t] = excess ? ret[i] - rf[r] : ret[i];
    names.forEach((c, j) => (x[j][t] = covered.values[c][r]));
  }
  return {
    months,
    dataMonths,
    factorRange: covered.range,
    y,
    x,
    names,
    dropped: { noFactors, missingReturn },
  };
}

/** A fit of NaN: the result of a regression that was skipped. */
function skippedFit(names: readonly string[]): OlsResult {
  const k = names.length + 1;
  const nan = (n: number) => new Float64Array(n).fill(NaN);
  return {
    names: ["const", ...names],
    coef: nan(k),
    stdErr: nan(k),
    tStat: nan(k),
    pValue: nan(k),
    cov: nan(k * k),
    r2: NaN,
    adjR2: NaN,
    n: 0,
    lags: NaN,
    residuals: new Float64Array(0),
  };
}

/**
 * Returns the regression of monthly returns (`month` `YYYY-MM` and a return column) on the
 * model's factors (a frame like `loadFactorFile().monthly`), with Newey-West standard errors,
 * over the months that have both. When fewer months than coefficients + 1 have both, the
 * regression is `skipped` and `coverage.note` says so, e.g. "skipped: the factor file covers
 * 1926-07..2018-11; the data runs 2019-01..2024-12"; a partly covered series is fitted on the
 * overlap ("partial: 107 of 120 months used ...").
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { factorRegression } from "@lib/analysis/factor_regression.ts";
 * const month = ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"];
 * const mkt = [0.01, -0.02, 0.03, 0.005, -0.01, 0.02];
 * const factors = pl.DataFrame({ month, mkt_rf: mkt, rf: month.map(() => 0.001) });
 * // excess return = 0.002 + 1.5 x market, exactly
 * const returns = pl.DataFrame({ month, ret: mkt.map((m) => 0.001 + 0.002 + 1.5 * m) });
 * const fit = factorRegression(returns, factors, { model: "capm" });
 * if (Math.abs(fit.alpha - 0.002) > 1e-12 || Math.abs(fit.alphaAnnualised - 0.024) > 1e-12) throw new Error("wrong");
 * const later = pl.DataFrame({ month: ["2021-01", "2021-02"], ret: [0.01, 0.02] });
 * if (!factorRegression(later, factors, { model: "capm" }).skipped) throw new Error("not skipped");
 * ```
 */
export function factorRegression(
  returns: pl.DataFrame,
  factors: pl.DataFrame,
  options: FactorRegressionOptions = {},
): FactorRegression {
  const { model = "ff3", value = "ret", excess = true, periodsPerYear = 12 } = options;
  const a = align(returns, factors, model, value, excess);
  const coverage = factorCoverage({
    dataMonths: a.dataMonths,
    usedMonths: a.months,
    factorRange: a.factorRange,
    needed: a.names.length + 2,
    model,
  });
  if (coverage.status === "skipped") {
    const fit = skippedFit(a.names);
    return {
      model,
      table: pl.DataFrame([
        pl.Series("term", [], pl.Utf8),
        ...["coef", "std_err", "t_stat", "p_value"].map((c) => pl.Series(c, [], pl.Float64)),
      ]),
      alpha: NaN,
      alphaAnnualised: NaN,
      alphaAnnualisedStdErr: NaN,
      alphaCompounded: NaN,
      r2: NaN,
      adjR2: NaN,
      n: 0,
      lags: NaN,
      dropped: a.dropped,
      coverage,
      skipped: true,
      fit,
    };
  }
  const fit = ols(a.y, a.x, {
    names: a.names,
    covariance: "hac",
    lags: options.lags,
    useCorrection: options.useCorrection,
    useT: options.useT,
  });
  const terms = ["alpha", ...a.names];
  return {
    model,
    table: pl.DataFrame([
      pl.Series("term", terms, pl.Utf8),
      pl.Series("coef", [...fit.coef], pl.Float64),
      pl.Series("std_err", [...fit.stdErr], pl.Float64),
      pl.Series("t_stat", [...fit.tStat], pl.Float64),
      pl.Series("p_value", [...fit.pValue], pl.Float64),
    ]),
    alpha: fit.coef[0],
    alphaAnnualised: fit.coef[0] * periodsPerYear,
    alphaAnnualisedStdErr: fit.stdErr[0] * periodsPerYear,
    alphaCompounded: (1 + fit.coef[0]) ** periodsPerYear - 1,
    r2: fit.r2,
    adjR2: fit.adjR2,
    n: fit.n,
    lags: fit.lags,
    dropped: a.dropped,
    coverage,
    skipped: false,
    fit,
  };
}

/**
 * Returns one line for the page on a fit: `Annualised alpha 2.40% (t = 3.10), R² 0.85, 102
 * months.`, followed by the coverage note when the factors covered only part of the months, or
 * the note alone when the regression was skipped.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { factorRegression, regressionSummary } from "@lib/analysis/factor_regression.ts";
 * const factors = pl.DataFrame({ month: ["2018-11"], mkt_rf: [0.01], rf: [0] });
 * const fit = factorRegression(pl.DataFrame({ month: ["2019-01"], ret: [0.01] }), factors, { model: "capm" });
 * if (regressionSummary(fit) !== "skipped: the factor file covers 2018-11..2018-11; the data runs 2019-01..2019-01") throw new Error(regressionSummary(fit));
 * ```
 */
export function regressionSummary(fit: FactorRegression): string {
  if (fit.skipped) return fit.coverage.note;
  const t = fit.alphaAnnualised / fit.alphaAnnualisedStdErr;
  const line =
    `Annualised alpha ${(100 * fit.alphaAnnualised).toFixed(2)}% (t = ${t.toFixed(2)}), ` +
    `R² ${fit.r2.toFixed(2)}, ${fit.n} months.`;
  return fit.coverage.status === "partial" ? `${line} ${fit.coverage.note}.` : line;
}

/**
 * Returns the regression refitted over each trailing `window` months: month, alpha, one beta
 * column per factor (`beta_mkt_rf`, ...), r2; null for the first window - 1 months.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { rollingFactorRegression } from "@lib/analysis/factor_regression.ts";
 * const month = ["2020-01", "2020-02", "2020-03", "2020-04"];
 * const mkt = [0.01, -0.02, 0.03, 0.005];
 * const factors = pl.DataFrame({ month, mkt_rf: mkt, rf: [0, 0, 0, 0] });
 * const returns = pl.DataFrame({ month, ret: mkt.map((m) => 2 * m) });
 * const beta = rollingFactorRegression(returns, factors, { model: "capm", window: 3 }).getColumn("beta_mkt_rf").toArray();
 * if (beta[1] !== null || Math.abs(Number(beta[3]) - 2) > 1e-12) throw new Error(beta.join());
 * ```
 */
export function rollingFactorRegression(
  returns: pl.DataFrame,
  factors: pl.DataFrame,
  options: FactorRegressionOptions & { window?: number } = {},
): pl.DataFrame {
  const { model = "ff3", value = "ret", excess = true, window = 36 } = options;
  const a = align(returns, factors, model, value, excess);
  const k = a.names.length + 1;
  if (!Number.isInteger(window) || window <= k) {
    throw new Error(`window must be an integer above the ${k} coefficients; got ${window}`);
  }
  const columns: (number | null)[][] = Array.from({ length: k + 1 }, () => []);
  for (let t = 0; t < a.y.length; t++) {
    if (t < window - 1) {
      columns.forEach((c) => c.push(null));
      continue;
    }
    const from = t - window + 1;
    const fit = ols(a.y.subarray(from, t + 1), a.x.map((x) => x.subarray(from, t + 1)), {
      names: a.names,
      covariance: "nonrobust",
    });
    fit.coef.forEach((c, j) => columns[j].push(c));
    columns[k].push(fit.r2);
  }
  return pl.DataFrame([
    pl.Series("month", a.months, pl.Utf8),
    pl.Series("alpha", columns[0], pl.Float64),
    ...a.names.map((n, j) => pl.Series(`beta_${n}`, columns[j + 1], pl.Float64)),
    pl.Series("r2", columns[k], pl.Float64),
  ]);
}
