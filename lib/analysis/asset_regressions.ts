/**
 * Factor regressions of many return series at once: each asset of a price panel, or any daily
 * return series (a strategy), compounded to calendar months and regressed on the monthly
 * Fama-French factors with Newey-West standard errors. An asset whose months the factors do not
 * cover is reported, not an error.
 * @module
 */
import pl from "nodejs-polars";
import { compoundMonthly } from "./monthly.ts";
import { MIN_FACTOR_DAYS } from "./factor_file.ts";
import { coverageSummary, factorCoverageMetrics } from "./factor_coverage.ts";
import type { FactorCoverage } from "./factor_coverage.ts";
import { availableModels, FACTOR_MODELS, factorRegression } from "./factor_regression.ts";
import type { FactorModel, FactorRegression } from "./factor_regression.ts";

/** Options of {@link assetFactorRegressions} and {@link monthlyReturnsOf}. */
export interface AssetRegressionOptions {
  /**
   * Factor models to fit. Defaults to ["capm", "ff3"], and "ff5" too when the factors have
   * `rmw` and `cma` (see `availableModels`).
   */
  models?: readonly FactorModel[];
  /** Months with fewer trading days are left out (partial first and last months). Defaults to 15. */
  minDays?: number;
}

/**
 * Returns monthly compounded returns (month, ret, days) of a daily series `returns` (date, the
 * return column `value`), without months of fewer than `minDays` days.
 */
export function monthlyReturnsOf(
  daily: pl.DataFrame,
  value = "ret",
  options: AssetRegressionOptions = {},
): pl.DataFrame {
  const { minDays = MIN_FACTOR_DAYS } = options;
  return compoundMonthly(daily.select("date", pl.col(value).alias("ret")), { columns: ["ret"] })
    .filter(pl.col("days").gtEq(pl.lit(minDays)));
}

/** The per-asset regressions and what the factors covered. */
export interface AssetFactorFits {
  /**
   * One row per (symbol, model): model, alpha_annual, alpha_t, alpha_p, beta_* per factor, r2,
   * months, lags (Float64); a skipped fit has nulls and months 0.
   */
  table: pl.DataFrame;
  /** Each symbol's coverage (of its most restrictive model), by symbol. */
  coverage: [string, FactorCoverage][];
  /** One Markdown line: how many stocks were fully covered, fitted on the overlap or skipped. */
  note: string;
  /** `factor_months_used`, `factor_coverage`, `factor_skipped` over the stocks (`factorCoverageMetrics`). */
  metrics: Record<string, number>;
}

/**
 * Returns the factor regressions of every asset of `panel` (symbol, date, close) on monthly
 * `factors` (`loadFactorFile().monthly`): daily returns compounded to calendar months (months
 * under `minDays` days left out), excess over the factors' risk-free rate, each model fitted
 * over the months the factors cover; an asset without enough covered months is skipped and
 * named in `note`.
 *
 * @example
 * ```ts ignore
 * const fits = assetFactorFits(panel, loadFactorFile().monthly);
 * await show(fits.note);
 * ```
 */
export function assetFactorFits(
  panel: pl.DataFrame,
  factors: pl.DataFrame,
  options: AssetRegressionOptions = {},
): AssetFactorFits {
  const { models = availableModels(factors) } = options;
  for (const c of ["symbol", "date", "close"]) {
    if (!panel.columns.includes(c)) throw new Error(`the price panel has no "${c}" column`);
  }
  const daily = dailyReturns(panel);
  const symbols = daily.getColumn("symbol").toArray() as string[];
  const rows: Record<string, unknown>[] = [];
  const coverage: [string, FactorCoverage][] = [];
  // dailyReturns sorts by symbol: each symbol is one contiguous slice, no filter per symbol.
  for (let from = 0; from < symbols.length;) {
    const symbol = symbols[from];
    let to = from;
    while (to < symbols.length && symbols[to] === symbol) to++;
    const monthly = monthlyReturnsOf(daily.slice(from, to - from), "ret", options);
    let worst: FactorCoverage | undefined;
    for (const model of models) {
      let fit: FactorRegression;
      try {
        fit = factorRegression(monthly, factors, { model });
      } catch (error) {
        throw new Error(`${symbol}, ${model}: ${(error as Error).message}`, { cause: error });
      }
      rows.push({ symbol, ...regressionRow(fit) });
      if (!worst || fit.coverage.monthsUsed < worst.monthsUsed) worst = fit.coverage;
    }
    if (worst) coverage.push([symbol, worst]);
    from = to;
  }
  return {
    table: rowsFrame(rows),
    coverage,
    note: coverageSummary(coverage, "stocks"),
    metrics: factorCoverageMetrics(coverage.map(([, c]) => c)),
  };
}

/**
 * Returns one row per (symbol, model): annualised alpha (monthly alpha x 12) with its
 * Newey-West t-statistic and p-value, each factor's beta, R², months and HAC lags, from the
 * daily closes of `panel` (symbol, date, close) and monthly `factors` (`loadFactorFile().monthly`).
 * Excess returns over the factors' risk-free rate are regressed; see {@link assetFactorFits}
 * (a symbol the factors do not cover has a row of nulls with months 0).
 *
 * @example
 * ```ts ignore
 * const table = assetFactorRegressions(panel, loadFactorFile().monthly);
 * ```
 */
export function assetFactorRegressions(
  panel: pl.DataFrame,
  factors: pl.DataFrame,
  options: AssetRegressionOptions = {},
): pl.DataFrame {
  return assetFactorFits(panel, factors, options).table;
}

/**
 * Returns rows as a frame with a fixed schema: symbol and model as text, every other column
 * Float64 (null where a row has no value), columns in order of first appearance, so a table of
 * skipped fits has the same columns and types as one of fitted ones.
 */
function rowsFrame(rows: readonly Record<string, unknown>[]): pl.DataFrame {
  const names: string[] = ["symbol", "model"];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!names.includes(key)) names.push(key);
  }
  return pl.DataFrame(names.map((name) => {
    const values = rows.map((r) => (r[name] ?? null) as string | number | null);
    return pl.Series(name, values, name === "symbol" || name === "model" ? pl.Utf8 : pl.Float64);
  }));
}

/** Returns symbol, date and each symbol's daily simple return `ret` (null on its first row). */
export function dailyReturns(panel: pl.DataFrame): pl.DataFrame {
  return panel
    .sort(["symbol", "date"])
    .select("symbol", "date", pl.col("close").pctChange().over("symbol").alias("ret"));
}

/** Returns date and `ret`, the mean daily return over the panel's symbols (an equal-weight basket). */
export function equalWeightReturns(panel: pl.DataFrame): pl.DataFrame {
  return dailyReturns(panel).groupBy("date").agg(pl.col("ret").mean()).sort("date");
}

/**
 * Returns a fit as one flat row: model, alpha_annual, alpha_t, alpha_p, beta_*, r2, months,
 * lags (nulls and months 0 for a skipped fit).
 */
export function regressionRow(fit: FactorRegression): Record<string, unknown> {
  if (fit.skipped) {
    // Nulls, not NaN: readers of the parquet see "no value", and the columns stay the same.
    const row: Record<string, unknown> = { model: fit.model, alpha_annual: null, alpha_t: null };
    row.alpha_p = null;
    for (const f of FACTOR_MODELS[fit.model]) row[`beta_${f}`] = null;
    return { ...row, r2: null, months: 0, lags: null };
  }
  const terms = fit.table.getColumn("term").toArray() as string[];
  const coef = fit.table.getColumn("coef").toArray() as number[];
  const t = fit.table.getColumn("t_stat").toArray() as number[];
  const p = fit.table.getColumn("p_value").toArray() as number[];
  const row: Record<string, unknown> = {
    model: fit.model,
    alpha_annual: fit.alphaAnnualised,
    alpha_t: t[0],
    alpha_p: p[0],
  };
  terms.forEach((term, k) => {
    if (k > 0) row[`beta_${term}`] = coef[k];
  });
  return { ...row, r2: fit.r2, months: fit.n, lags: fit.lags };
}
