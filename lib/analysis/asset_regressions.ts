/**
 * Factor regressions of many return series at once: each asset of a price panel, or any daily
 * return series (a strategy), compounded to calendar months and regressed on the monthly
 * Fama-French factors with Newey-West standard errors.
 * @module
 */
import pl from "nodejs-polars";
import { compoundMonthly } from "./monthly.ts";
import { factorRegression } from "./factor_regression.ts";
import type { FactorModel, FactorRegression } from "./factor_regression.ts";

/** Options of {@link assetFactorRegressions} and {@link monthlyReturnsOf}. */
export interface AssetRegressionOptions {
  /** Factor models to fit. Defaults to ["capm", "ff3"]. */
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
  const { minDays = 15 } = options;
  return compoundMonthly(daily.select("date", pl.col(value).alias("ret")), { columns: ["ret"] })
    .filter(pl.col("days").gtEq(pl.lit(minDays)));
}

/**
 * Returns one row per (symbol, model): annualised alpha (monthly alpha x 12) with its
 * Newey-West t-statistic and p-value, each factor's beta, R², months and HAC lags, from the
 * daily closes of `panel` (symbol, date, close) and monthly `factors` (`loadFamaFrench()`).
 * Excess returns over the factors' risk-free rate are regressed. Throws naming a symbol whose
 * months do not overlap the factors.
 *
 * @example
 * ```ts ignore
 * const table = assetFactorRegressions(panel, loadFamaFrench());
 * ```
 */
export function assetFactorRegressions(
  panel: pl.DataFrame,
  factors: pl.DataFrame,
  options: AssetRegressionOptions = {},
): pl.DataFrame {
  const { models = ["capm", "ff3"] } = options;
  for (const c of ["symbol", "date", "close"]) {
    if (!panel.columns.includes(c)) throw new Error(`the price panel has no "${c}" column`);
  }
  const daily = dailyReturns(panel);
  const symbols = [...new Set(daily.getColumn("symbol").toArray() as string[])].sort();
  const rows: Record<string, unknown>[] = [];
  for (const symbol of symbols) {
    const monthly = monthlyReturnsOf(
      daily.filter(pl.col("symbol").eq(pl.lit(symbol))),
      "ret",
      options,
    );
    for (const model of models) {
      let fit: FactorRegression;
      try {
        fit = factorRegression(monthly, factors, { model });
      } catch (error) {
        throw new Error(`${symbol}, ${model}: ${(error as Error).message}`, { cause: error });
      }
      rows.push({ symbol, ...regressionRow(fit) });
    }
  }
  return pl.DataFrame(rows);
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

/** Returns a fit as one flat row: model, alpha_annual, alpha_t, alpha_p, beta_*, r2, months, lags. */
export function regressionRow(fit: FactorRegression): Record<string, unknown> {
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
