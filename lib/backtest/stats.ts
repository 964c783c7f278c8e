/**
 * Performance statistics of a return series. Annualisation assumes 252 trading days a year
 * (`periodsPerYear`), the convention for daily equity returns.
 * @module
 */
import pl from "nodejs-polars";
import type { PortfolioResult } from "./result.ts";

/** Options of {@link performanceStats}. */
export interface StatsOptions {
  /** Return periods in a year. Defaults to 252 (trading days). */
  periodsPerYear?: number;
}

/** Headline statistics of a return series. */
export interface PerformanceStats {
  /** Compounded return over the whole series. */
  totalReturn: number;
  /** Compound annual growth: `(1 + total)^(periodsPerYear / n) - 1`. */
  annualReturn: number;
  /** Sample standard deviation of returns x sqrt(periodsPerYear). */
  annualVolatility: number;
  /** Mean return / sample std x sqrt(periodsPerYear), risk-free rate 0; NaN if std is 0. */
  sharpe: number;
  /** Deepest fall of compounded wealth from a running peak, as a fraction <= 0. */
  maxDrawdown: number;
  /** Number of return periods. */
  periods: number;
}

/**
 * Returns total and annualised return, annualised volatility, Sharpe ratio and max drawdown of
 * simple returns `returns`.
 *
 * @example
 * ```ts
 * import { performanceStats } from "@lib/backtest/stats.ts";
 * const s = performanceStats(new Float64Array([0.1, -0.5, 0.2]));
 * if (Math.abs(s.totalReturn - (1.1 * 0.5 * 1.2 - 1)) > 1e-12 || Math.abs(s.maxDrawdown + 0.5) > 1e-12) throw new Error();
 * ```
 */
export function performanceStats(
  returns: Float64Array,
  options: StatsOptions = {},
): PerformanceStats {
  const { periodsPerYear = 252 } = options;
  const n = returns.length;
  if (n === 0) throw new Error("performance statistics need at least one return");
  let wealth = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let mean = 0;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(returns[t])) throw new Error(`return ${t} is ${returns[t]}`);
    wealth *= 1 + returns[t];
    if (wealth > peak) peak = wealth;
    maxDrawdown = Math.min(maxDrawdown, wealth / peak - 1);
    mean += returns[t];
  }
  mean /= n;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (returns[t] - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  return {
    totalReturn: wealth - 1,
    annualReturn: wealth ** (periodsPerYear / n) - 1,
    annualVolatility: std * Math.sqrt(periodsPerYear),
    sharpe: std > 0 ? (mean / std) * Math.sqrt(periodsPerYear) : NaN,
    maxDrawdown,
    periods: n,
  };
}

/**
 * Returns one row per named portfolio: strategy, total_return, annual_return,
 * annual_volatility, sharpe, max_drawdown, trades, fees.
 */
export function statsTable(
  portfolios: Readonly<Record<string, PortfolioResult>>,
  options: StatsOptions = {},
): pl.DataFrame {
  const rows = Object.entries(portfolios).map(([strategy, pf]) => {
    const s = performanceStats(pf.returns, options);
    return {
      strategy,
      total_return: s.totalReturn,
      annual_return: s.annualReturn,
      annual_volatility: s.annualVolatility,
      sharpe: s.sharpe,
      max_drawdown: s.maxDrawdown,
      trades: pf.trades.length,
      fees: pf.totalFees,
    };
  });
  if (rows.length === 0) throw new Error("no portfolios given");
  return pl.DataFrame(rows);
}

/**
 * Returns every portfolio's statistics as a flat record for logging: `{name}_total_return`,
 * `_annual_return`, `_annual_volatility`, `_sharpe`, `_max_drawdown`. A non-finite value (the
 * Sharpe ratio of a portfolio that never moved) is left out rather than logged as NaN.
 */
export function headlineMetrics(
  portfolios: Readonly<Record<string, PortfolioResult>>,
  options: StatsOptions = {},
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
