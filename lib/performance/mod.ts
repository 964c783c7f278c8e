/**
 * Performance statistics of return series and portfolios: returns, risk, risk-adjusted ratios,
 * drawdowns, tails, benchmark-relative statistics, trade statistics and the probabilistic and
 * deflated Sharpe ratios, and the probability of backtest overfitting. Annualisation and
 * risk-free conventions are in ./options.ts.
 * @module
 */
export { type AnnualisationOptions, DEFAULT_PERIODS_PER_YEAR } from "./options.ts";
export {
  annualReturn,
  annualVolatility,
  calmarRatio,
  downsideRisk,
  omegaRatio,
  sharpeRatio,
  sortinoRatio,
  stability,
  totalReturn,
} from "./ratios.ts";
export {
  type DrawdownPeriod,
  drawdownPeriods,
  type DrawdownSummary,
  drawdownSummary,
  maxDrawdown,
} from "./drawdown.ts";
export {
  conditionalValueAtRisk,
  excessKurtosis,
  quantile,
  skewness,
  type TailOptions,
  tailRatio,
  valueAtRisk,
} from "./tails.ts";
export {
  alignBenchmark,
  type AlphaBeta,
  alphaBeta,
  beta,
  informationRatio,
  type ReturnSeries,
} from "./relative.ts";
export {
  type DeflatedSharpe,
  deflatedSharpeRatio,
  type DsrOptions,
  expectedMaxSharpe,
  probabilisticSharpeRatio,
  type PsrOptions,
  sharpeStandardError,
} from "./sharpe_inference.ts";
export {
  DEFAULT_MAX_COMBINATIONS,
  DEFAULT_PBO_PARTITIONS,
  pboCombinations,
  type PboMetric,
  type PboMetricFunction,
  type PboOptions,
  type PboResult,
  probabilityOfBacktestOverfitting,
} from "./pbo.ts";
export {
  exposure,
  type OutcomeStats,
  periodStats,
  positionMask,
  type TradeStats,
  tradeStats,
  turnover,
} from "./trading.ts";
export { DEFAULT_ROLLING_WINDOW, rollingBeta, rollingSharpe } from "./rolling.ts";
export { type MonthlyReturn, monthlyReturns, yearlyReturns } from "./calendar.ts";
export { normalCdf, normalQuantile } from "../stats/normal.ts";
