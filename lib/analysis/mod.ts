/**
 * Factor analysis: per-date Pearson and rank IC against forward returns and their summaries,
 * quantile-bucket returns, turnover and rank autocorrelation (alphalens' conventions, with every
 * dropped row counted by reason), and factor regressions (CAPM, Fama-French 3 and 5) with
 * Newey-West standard errors on a factor file in Ken French's layout, reporting the months the
 * file does not cover.
 *
 * Conventions, and where they differ from alphalens-reloaded 0.5.1 (parity is tested to 1e-9 on
 * the alphalens path: `factorData` + `informationCoefficient` + `quantileReturns` +
 * `quantileTurnover` + `factorRankAutocorrelation`):
 * - Forward returns are `close[t+h] / close[t] - 1` over each symbol's own rows
 *   (lib/labels). alphalens pivots prices to a date grid and forward-fills them, so a symbol
 *   missing a date gets the previous close; on a rectangular panel the two agree.
 * - alphalens keeps a row only when every period's return is known; `informationCoefficient` and
 *   `quantileReturns` use each horizon's own rows unless `requireAllHorizons` (`factorData`
 *   always requires all). alphalens also drops rows lost in binning before the IC; `factorData`
 *   does the same.
 * - Buckets: `qcut` (default) reproduces pandas 3 `qcut(x, q, labels=False) + 1` exactly,
 *   including its nudged probabilities; a date whose edges repeat is dropped (`tied_edges`), as
 *   alphalens' `no_raise` does. `rank` splits ties by row order instead.
 * - The rank IC is Pearson on average ranks (scipy `spearmanr`); dates where the factor or the
 *   return is constant are dropped (`constant_date`) instead of giving NaN; dates with fewer
 *   than `minAssets` assets (default 3) are dropped (`thin_date`); alphalens has no minimum.
 * - The IC t-test is alphalens' (`ttest_1samp`, n - 1 df); overlapping horizons overstate it.
 * - `top_minus_bottom` is the raw difference of the top and bottom bucket means; alphalens
 *   0.5.1's `compute_mean_returns_spread` halves it (a 50/50 book) and takes its error as
 *   sqrt(se_top^2 + se_bottom^2) / 2, ignoring their covariance; ours is the standard error of
 *   the per-date spreads.
 * - Cumulative quantile returns compound 1-day returns only (alphalens plots only "1D"); so
 *   does the factor-weighted long-short return (`factorReturns`, alphalens `factor_returns`
 *   with `demeaned=True`, parity 1e-12).
 * - A universe too small for a part (fewer than `minAssets` or `quantiles` symbols on a date)
 *   gives empty results, not errors; `analysisCapability` says which parts run and why not, and
 *   `timeSeriesIc` gives a per-symbol IC that needs no cross-section.
 * - alphalens' `filter_zscore` (default 20, a look-ahead filter) and `max_loss` (an error) are not
 *   reproduced: nothing is filtered and every loss is reported in `dropped`.
 * - Turnover and rank autocorrelation lag by dates of a calendar (`factorData(...).dates`), as
 *   alphalens lags on its trading-calendar grid; a date without rows gives null.
 * - Factor regressions match statsmodels `OLS(...).fit(cov_type="HAC",
 *   cov_kwds={"maxlags": L})` (Bartlett kernel, no small-sample correction, normal p-values)
 *   unless `useCorrection` / `useT`.
 * @module
 */
export { averageRanks, pearson, spearman } from "./correlation.ts";
export { type IcOptions, type IcResult, informationCoefficient } from "./ic.ts";
export { icDecay, icMetrics, type IcStats, icStats, icSummary, monthlyIc } from "./summary.ts";
export {
  type Binning,
  quantileBuckets,
  type QuantileOptions,
  type QuantileResult,
  quantileReturns,
} from "./quantiles.ts";
export { factorColumns, modelFactor, predictionFactorName, predictionFactors } from "./factors.ts";
export { type FactorData, factorData, type FactorDataOptions } from "./factor_data.ts";
export {
  type AutocorrelationOptions,
  factorRankAutocorrelation,
  quantileTurnover,
  type TurnoverOptions,
} from "./turnover.ts";
export { cumulativeQuantileReturns } from "./cumulative.ts";
export { factorReturns, type FactorReturnsOptions } from "./factor_returns.ts";
export { timeSeriesIc, type TimeSeriesIcOptions } from "./time_series_ic.ts";
export {
  analysisCapability,
  type AnalysisPart,
  type Capability,
  capabilityLine,
  type CapabilityOptions,
  caveat,
  caveatParts,
  caveatTag,
  onlyIf,
  type Part,
  RUNS,
  skip,
  skippedMetrics,
  skippedParts,
  skippedTag,
  tagSkipped,
  universeSize,
} from "./capability.ts";
export { neweyWestLags, ols, type OlsOptions, type OlsResult } from "./ols.ts";
export { FF3_COLUMNS, FF_MONTHLY_PATH, loadFamaFrench, parseFamaFrench } from "./fama_french.ts";
export {
  type FactorFileModel,
  type FactorFrequency,
  type ParsedFactors,
  parseFactorCsv,
} from "./french_csv.ts";
export {
  type FactorFile,
  factorFileFromText,
  type FactorFileOptions,
  loadFactorFile,
  MIN_FACTOR_DAYS,
  monthlyFactors,
} from "./factor_file.ts";
export {
  type CoverageInput,
  type CoverageStatus,
  coverageSummary,
  type FactorCoverage,
  factorCoverage,
  factorCoverageMetrics,
} from "./factor_coverage.ts";
export {
  availableModels,
  FACTOR_MODELS,
  type FactorModel,
  type FactorRegression,
  factorRegression,
  type FactorRegressionOptions,
  regressionSummary,
  rollingFactorRegression,
} from "./factor_regression.ts";
export {
  type AssetFactorFits,
  assetFactorFits,
  assetFactorRegressions,
  type AssetRegressionOptions,
  dailyReturns,
  equalWeightReturns,
  monthlyReturnsOf,
  regressionRow,
} from "./asset_regressions.ts";
export { factorAnalysisMetrics, type FactorAnalysisMetricsInput } from "./metrics.ts";
