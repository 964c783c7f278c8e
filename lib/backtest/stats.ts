/**
 * Performance statistics of a return series and of a portfolio, and the table comparing
 * portfolios. The statistics themselves live in lib/performance/ (one concept per file).
 *
 * Conventions (see lib/performance/options.ts): simple returns per period; annualisation with
 * `periodsPerYear` (default 252 trading days): means x periodsPerYear, standard deviations x
 * sqrt(periodsPerYear), compound returns ^(periodsPerYear / n); the risk-free rate is a
 * constant return per period (default 0). Every statistic that empyrical 0.7.1 defines matches
 * it (tests/performance/empyrical_parity_test.ts).
 * @module
 */
import pl from "nodejs-polars";
import type { PortfolioResult } from "../portfolio/records.ts";
import type { AnnualisationOptions } from "../performance/options.ts";
import { checkFinite } from "../performance/options.ts";
import {
  annualReturn,
  annualVolatility,
  calmarRatio,
  downsideRisk,
  omegaRatio,
  sharpeRatio,
  sortinoRatio,
  stability,
  totalReturn,
} from "../performance/ratios.ts";
import { drawdownSummary } from "../performance/drawdown.ts";
import {
  conditionalValueAtRisk,
  excessKurtosis,
  skewness,
  tailRatio,
  valueAtRisk,
} from "../performance/tails.ts";
import type { ReturnSeries } from "../performance/relative.ts";
import { alignBenchmark, alphaBeta, informationRatio } from "../performance/relative.ts";
import { deflatedSharpeRatio, probabilisticSharpeRatio } from "../performance/sharpe_inference.ts";
import { exposure, periodStats, tradeStats, turnover } from "../performance/trading.ts";

/** Options of {@link performanceStats}. */
export interface StatsOptions extends AnnualisationOptions {
  /**
   * Benchmark returns aligned with the returns (same length, same periods), for alpha, beta
   * and the information ratio; they are NaN without it.
   */
  benchmark?: Float64Array;
  /**
   * Annualised Sharpe ratios of every variant tried (parameter combinations), for the deflated
   * Sharpe ratio; it is NaN without them (or with fewer than 2).
   */
  trialSharpes?: ArrayLike<number>;
}

/** Statistics of a return series; ratios are annualised (see the module's conventions). */
export interface PerformanceStats {
  /** Compounded return over the whole series. */
  totalReturn: number;
  /** Compound annual growth: `(1 + total)^(periodsPerYear / n) - 1`. */
  annualReturn: number;
  /** Sample standard deviation of returns x sqrt(periodsPerYear). */
  annualVolatility: number;
  /** Mean excess return / its sample std x sqrt(periodsPerYear); NaN if returns are all 0. */
  sharpe: number;
  /** Mean excess return x periodsPerYear / annualised downside deviation (empyrical). */
  sortino: number;
  /** Annualised downside deviation below the risk-free rate. */
  downsideRisk: number;
  /** Annual return / |max drawdown|; NaN without a drawdown. */
  calmar: number;
  /** Sum of excess returns above 0 / sum of those below (threshold 0). */
  omega: number;
  /** R² of a line fitted to cumulative log returns. */
  stability: number;
  /** Deepest fall of compounded wealth from a running peak, as a fraction <= 0. */
  maxDrawdown: number;
  /** Longest peak-to-recovery spell, in periods (to the end for one still open). */
  maxDrawdownDuration: number;
  /** Index of the max drawdown's peak; -1 for the starting wealth; NaN without a drawdown. */
  maxDrawdownPeak: number;
  /** Index of the max drawdown's trough; NaN without a drawdown. */
  maxDrawdownTrough: number;
  /** Index of the max drawdown's recovery; -1 if not recovered; NaN without a drawdown. */
  maxDrawdownRecovery: number;
  /** Historical 95% value at risk: the 5% quantile of returns (a loss is negative). */
  valueAtRisk: number;
  /** Historical 95% conditional value at risk: mean of the worst 5% of returns. */
  conditionalValueAtRisk: number;
  /** |95th percentile| / |5th percentile| of returns. */
  tailRatio: number;
  /** Sample skewness of returns (biased). */
  skew: number;
  /** Sample excess kurtosis of returns (biased; 0 for normal). */
  kurtosis: number;
  /** Probabilistic Sharpe ratio: P(true Sharpe > 0). */
  probabilisticSharpe: number;
  /** Deflated Sharpe ratio, given `trialSharpes`; NaN otherwise. */
  deflatedSharpe: number;
  /** Share of periods with a return above 0 among those not 0. */
  periodWinRate: number;
  /** Sum of period gains / |sum of period losses|. */
  periodProfitFactor: number;
  /** Mean return per period. */
  periodExpectancy: number;
  /** Annualised alpha against `benchmark`; NaN without one. */
  alpha: number;
  /** Beta against `benchmark`; NaN without one. */
  beta: number;
  /** Annualised information ratio against `benchmark`; NaN without one. */
  informationRatio: number;
  /** Number of return periods. */
  periods: number;
}

/**
 * Returns the statistics of simple returns `returns`: return, risk, ratios, drawdown, tails,
 * moments, probabilistic (and, given trial Sharpe ratios, deflated) Sharpe ratio, period win
 * rate, and alpha, beta and information ratio against an aligned benchmark.
 *
 * @example
 * ```ts
 * import { performanceStats } from "@lib/backtest/stats.ts";
 * const s = performanceStats(new Float64Array([0.1, -0.5, 0.2]));
 * if (Math.abs(s.totalReturn - (1.1 * 0.5 * 1.2 - 1)) > 1e-12 || Math.abs(s.maxDrawdown + 0.5) > 1e-12) throw new Error();
 * if (s.maxDrawdownPeak !== 0 || s.maxDrawdownTrough !== 1 || s.maxDrawdownRecovery !== -1) throw new Error();
 * ```
 */
export function performanceStats(
  returns: Float64Array,
  options: StatsOptions = {},
): PerformanceStats {
  const n = returns.length;
  if (n === 0) throw new Error("performance statistics need at least one return");
  checkFinite(returns);
  const dd = drawdownSummary(returns);
  const periods = periodStats(returns);
  const relative = options.benchmark
    ? {
      ...alphaBeta(returns, options.benchmark, options),
      informationRatio: informationRatio(returns, options.benchmark, options),
    }
    : { alpha: NaN, beta: NaN, informationRatio: NaN };
  const trials = options.trialSharpes;
  return {
    totalReturn: totalReturn(returns),
    annualReturn: annualReturn(returns, options),
    annualVolatility: annualVolatility(returns, options),
    sharpe: sharpeRatio(returns, options),
    sortino: sortinoRatio(returns, options),
    downsideRisk: downsideRisk(returns, options),
    calmar: calmarRatio(returns, options),
    omega: omegaRatio(returns, options),
    stability: stability(returns),
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownDuration: dd.longestDuration,
    maxDrawdownPeak: dd.worst?.peak ?? NaN,
    maxDrawdownTrough: dd.worst?.trough ?? NaN,
    maxDrawdownRecovery: dd.worst?.recovery ?? NaN,
    valueAtRisk: valueAtRisk(returns),
    conditionalValueAtRisk: conditionalValueAtRisk(returns),
    tailRatio: tailRatio(returns),
    skew: skewness(returns),
    kurtosis: excessKurtosis(returns),
    probabilisticSharpe: probabilisticSharpeRatio(returns, options),
    deflatedSharpe: trials && trials.length >= 2
      ? deflatedSharpeRatio(returns, trials, options).dsr
      : NaN,
    periodWinRate: periods.winRate,
    periodProfitFactor: periods.profitFactor,
    periodExpectancy: periods.expectancy,
    ...relative,
    periods: n,
  };
}

/** Options of {@link portfolioStats}. */
export interface PortfolioStatsOptions extends Omit<StatsOptions, "benchmark"> {
  /**
   * The benchmark (a `buyAndHold` portfolio or any dated return series), aligned to the
   * portfolio's dates with {@link alignBenchmark}.
   */
  benchmark?: ReturnSeries;
}

/** Statistics of a portfolio: those of its returns, of its trades, and how it traded. */
export interface PortfolioStats extends PerformanceStats {
  /** Day of the max drawdown's peak; NaN if it is the initial cash or there is no drawdown. */
  maxDrawdownPeakDay: number;
  /** Day of the max drawdown's trough; NaN without a drawdown. */
  maxDrawdownTroughDay: number;
  /** Day of the max drawdown's recovery; NaN if not recovered or without a drawdown. */
  maxDrawdownRecoveryDay: number;
  /** Number of trades, open or closed. */
  trades: number;
  /** Share of closed trades with a profit after fees. */
  tradeWinRate: number;
  /** Gross profit / gross loss of closed trades. */
  tradeProfitFactor: number;
  /** Mean profit (cash, after fees) per closed trade. */
  tradeExpectancy: number;
  /** Mean return per closed trade. */
  tradeExpectancyReturn: number;
  /** Share of periods ending with a position (NaN when positions are not recorded). */
  exposure: number;
  /** Traded value (buys + sells) / mean equity, annualised. */
  turnover: number;
  /** Sum of fees paid. */
  fees: number;
}

const dayAt = (dates: Float64Array, index: number) => (index >= 0 ? dates[index] : NaN);

/**
 * Returns the statistics of a portfolio: {@link performanceStats} of its returns (against the
 * benchmark when given), the dates of its max drawdown, its trade statistics, exposure,
 * turnover and fees.
 */
export function portfolioStats(
  portfolio: PortfolioResult,
  options: PortfolioStatsOptions = {},
): PortfolioStats {
  const { benchmark, ...rest } = options;
  const s = performanceStats(portfolio.returns, {
    ...rest,
    benchmark: benchmark ? alignBenchmark(portfolio.dates, benchmark) : undefined,
  });
  const t = tradeStats(portfolio.trades);
  return {
    ...s,
    maxDrawdownPeakDay: dayAt(portfolio.dates, s.maxDrawdownPeak),
    maxDrawdownTroughDay: dayAt(portfolio.dates, s.maxDrawdownTrough),
    maxDrawdownRecoveryDay: dayAt(portfolio.dates, s.maxDrawdownRecovery),
    trades: portfolio.trades.length,
    tradeWinRate: t.winRate,
    tradeProfitFactor: t.profitFactor,
    tradeExpectancy: t.expectancy,
    tradeExpectancyReturn: t.expectancyReturn,
    exposure: exposure(portfolio),
    turnover: turnover(portfolio, options),
    fees: portfolio.totalFees,
  };
}

/** Options of {@link statsTable}. */
export interface StatsTableOptions extends AnnualisationOptions {
  /**
   * The benchmark for alpha, beta and information ratio: the name of one of the portfolios,
   * or a dated return series. Without it those columns are NaN.
   */
  benchmark?: string | ReturnSeries;
}

/** Columns of {@link statsTable}, in order, after `strategy`. */
export const statsColumns = [
  "total_return",
  "annual_return",
  "annual_volatility",
  "sharpe",
  "max_drawdown",
  "trades",
  "fees",
  "sortino",
  "calmar",
  "omega",
  "max_drawdown_duration",
  "value_at_risk",
  "conditional_value_at_risk",
  "tail_ratio",
  "skew",
  "kurtosis",
  "stability",
  "probabilistic_sharpe",
  "alpha",
  "beta",
  "information_ratio",
  "trade_win_rate",
  "trade_profit_factor",
  "trade_expectancy",
  "period_win_rate",
  "exposure",
  "turnover",
] as const;

/** Returns the row of {@link statsTable} for one portfolio's statistics. */
function statsRow(s: PortfolioStats): Record<(typeof statsColumns)[number], number> {
  return {
    total_return: s.totalReturn,
    annual_return: s.annualReturn,
    annual_volatility: s.annualVolatility,
    sharpe: s.sharpe,
    max_drawdown: s.maxDrawdown,
    trades: s.trades,
    fees: s.fees,
    sortino: s.sortino,
    calmar: s.calmar,
    omega: s.omega,
    max_drawdown_duration: s.maxDrawdownDuration,
    value_at_risk: s.valueAtRisk,
    conditional_value_at_risk: s.conditionalValueAtRisk,
    tail_ratio: s.tailRatio,
    skew: s.skew,
    kurtosis: s.kurtosis,
    stability: s.stability,
    probabilistic_sharpe: s.probabilisticSharpe,
    alpha: s.alpha,
    beta: s.beta,
    information_ratio: s.informationRatio,
    trade_win_rate: s.tradeWinRate,
    trade_profit_factor: s.tradeProfitFactor,
    trade_expectancy: s.tradeExpectancy,
    period_win_rate: s.periodWinRate,
    exposure: s.exposure,
    turnover: s.turnover,
  };
}

/**
 * Returns one row per named portfolio: `strategy`, then {@link statsColumns} (the first seven
 * as before: total_return, annual_return, annual_volatility, sharpe, max_drawdown, trades,
 * fees). Undefined statistics are NaN.
 */
export function statsTable(
  portfolios: Readonly<Record<string, PortfolioResult>>,
  options: StatsTableOptions = {},
): pl.DataFrame {
  const names = Object.keys(portfolios);
  if (names.length === 0) throw new Error("no portfolios given");
  const { benchmark: chosen, ...rest } = options;
  let benchmark: ReturnSeries | undefined;
  if (typeof chosen === "string") {
    benchmark = portfolios[chosen];
    if (!benchmark) {
      throw new Error(`benchmark "${chosen}" is not one of the portfolios (${names.join(", ")})`);
    }
  } else benchmark = chosen;
  const rows = names.map((name) =>
    statsRow(portfolioStats(portfolios[name], { ...rest, benchmark }))
  );
  const columns: pl.Series[] = [pl.Series("strategy", names, pl.Utf8)];
  for (const c of statsColumns) {
    columns.push(pl.Series(c, rows.map((r) => r[c]), pl.Float64));
  }
  return pl.DataFrame(columns).withColumns(pl.col("trades").cast(pl.Int64));
}

/**
 * Returns every portfolio's statistics as a flat record for logging: `{name}_total_return`,
 * `_annual_return`, `_annual_volatility`, `_sharpe`, `_max_drawdown`. A non-finite value (the
 * Sharpe ratio of a portfolio that never moved) is left out rather than logged as NaN.
 */
export function headlineMetrics(
  portfolios: Readonly<Record<string, PortfolioResult>>,
  options: AnnualisationOptions = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pf] of Object.entries(portfolios)) {
    const s = performanceStats(pf.returns, options);
    const values = {
      total_return: s.totalReturn,
      annual_return: s.annualReturn,
      annual_volatility: s.annualVolatility,
      sharpe: s.sharpe,
      max_drawdown: s.maxDrawdown,
    };
    for (const [key, value] of Object.entries(values)) {
      if (Number.isFinite(value)) out[`${name}_${key}`] = value;
    }
  }
  return out;
}
