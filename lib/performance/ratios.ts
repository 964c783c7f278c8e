/**
 * Return, volatility and risk-adjusted ratios of a return series, matching empyrical 0.7.1
 * (`cum_returns_final`, `annual_return`, `annual_volatility`, `sharpe_ratio`, `downside_risk`,
 * `sortino_ratio`, `calmar_ratio`, `omega_ratio`, `stability_of_timeseries`). Conventions in
 * {@link ./options.ts}.
 * @module
 */
import type { AnnualisationOptions } from "./options.ts";
import { checkFinite, isConstant, mean, periodsPerYearOf, riskFreeOf, std } from "./options.ts";
import { maxDrawdown } from "./drawdown.ts";

/** Returns the compounded return `prod(1 + r) - 1`; 0 for no returns. */
export function totalReturn(returns: Float64Array): number {
  checkFinite(returns);
  let wealth = 1;
  for (let t = 0; t < returns.length; t++) wealth *= 1 + returns[t];
  return wealth - 1;
}

/**
 * Returns the compound annual growth rate `(1 + total)^(periodsPerYear / n) - 1`; NaN for no
 * returns (or a wealth that went negative).
 *
 * @example
 * ```ts
 * import { annualReturn } from "@lib/performance/ratios.ts";
 * // two years of monthly returns that double the money: sqrt(2) - 1 a year
 * const r = new Float64Array(24).fill(2 ** (1 / 24) - 1);
 * if (Math.abs(annualReturn(r, { periodsPerYear: 12 }) - (Math.SQRT2 - 1)) > 1e-12) throw new Error();
 * ```
 */
export function annualReturn(returns: Float64Array, options: AnnualisationOptions = {}): number {
  if (returns.length < 1) return NaN;
  const years = returns.length / periodsPerYearOf(options);
  return (1 + totalReturn(returns)) ** (1 / years) - 1;
}

/** Returns the sample standard deviation (n - 1) x `sqrt(periodsPerYear)`; NaN below 2 returns. */
export function annualVolatility(
  returns: Float64Array,
  options: AnnualisationOptions = {},
): number {
  checkFinite(returns);
  if (returns.length < 2) return NaN;
  return std(returns) * Math.sqrt(periodsPerYearOf(options));
}

/**
 * Returns the annualised Sharpe ratio `mean(r - rf) / std(r - rf) x sqrt(periodsPerYear)`, std
 * with n - 1; NaN below 2 returns. A constant series has std 0: ±Infinity, or NaN if its excess
 * mean is 0 too (empyrical does the same).
 *
 * @example
 * ```ts
 * import { sharpeRatio } from "@lib/performance/ratios.ts";
 * const s = sharpeRatio(new Float64Array([0.01, 0.03]), { periodsPerYear: 4 });
 * // mean 0.02, std 0.01414..., x 2
 * if (Math.abs(s - (0.02 / Math.sqrt(0.0002)) * 2) > 1e-12) throw new Error();
 * ```
 */
export function sharpeRatio(returns: Float64Array, options: AnnualisationOptions = {}): number {
  checkFinite(returns);
  if (returns.length < 2) return NaN;
  const rf = riskFreeOf(options);
  const excess = rf === 0 ? returns : returns.map((r) => r - rf);
  const sd = isConstant(excess) ? 0 : std(excess);
  return (mean(excess) / sd) * Math.sqrt(periodsPerYearOf(options));
}

/**
 * Returns the annualised downside deviation `sqrt(mean(min(r - mar, 0)^2)) x sqrt(periodsPerYear)`
 * over all periods (empyrical's definition, after Sortino: periods above the minimum acceptable
 * return `mar` count as 0, they are not dropped). `mar` is `riskFree`; NaN for no returns.
 */
export function downsideRisk(returns: Float64Array, options: AnnualisationOptions = {}): number {
  checkFinite(returns);
  if (returns.length < 1) return NaN;
  const mar = riskFreeOf(options);
  let ss = 0;
  for (let t = 0; t < returns.length; t++) {
    const d = Math.min(returns[t] - mar, 0);
    ss += d * d;
  }
  return Math.sqrt(ss / returns.length) * Math.sqrt(periodsPerYearOf(options));
}

/**
 * Returns the Sortino ratio `mean(r - mar) x periodsPerYear / downsideRisk`, the minimum
 * acceptable return `mar` being `riskFree`; NaN below 2 returns, Infinity with no period below
 * `mar` (and a positive mean).
 */
export function sortinoRatio(returns: Float64Array, options: AnnualisationOptions = {}): number {
  checkFinite(returns);
  if (returns.length < 2) return NaN;
  const mar = riskFreeOf(options);
  const excess = mar === 0 ? returns : returns.map((r) => r - mar);
  return (mean(excess) * periodsPerYearOf(options)) / downsideRisk(returns, options);
}

/**
 * Returns the Calmar ratio `annualReturn / |maxDrawdown|`; NaN when there was no drawdown
 * (or the ratio is infinite).
 */
export function calmarRatio(returns: Float64Array, options: AnnualisationOptions = {}): number {
  const dd = maxDrawdown(returns);
  if (!(dd < 0)) return NaN;
  const ratio = annualReturn(returns, options) / Math.abs(dd);
  return Number.isFinite(ratio) ? ratio : NaN;
}

/**
 * Returns the Omega ratio at threshold 0 over the risk-free rate: the sum of excess returns
 * `r - riskFree` above 0 over minus the sum of those below 0; NaN below 2 returns or with no
 * excess return below 0. (empyrical's `omega_ratio` with `required_return = 0`.)
 */
export function omegaRatio(returns: Float64Array, options: AnnualisationOptions = {}): number {
  checkFinite(returns);
  if (returns.length < 2) return NaN;
  const rf = riskFreeOf(options);
  let up = 0;
  let down = 0;
  for (let t = 0; t < returns.length; t++) {
    const x = returns[t] - rf;
    if (x > 0) up += x;
    else if (x < 0) down -= x;
  }
  return down > 0 ? up / down : NaN;
}

/**
 * Returns the stability of a return series: the R² of a straight line fitted (least squares)
 * to the cumulative log return `cumsum(log(1 + r))` against the period number; NaN below 2
 * returns.
 */
export function stability(returns: Float64Array): number {
  checkFinite(returns);
  const n = returns.length;
  if (n < 2) return NaN;
  const y = new Float64Array(n);
  let acc = 0;
  for (let t = 0; t < n; t++) {
    acc += Math.log1p(returns[t]);
    y[t] = acc;
  }
  const mx = (n - 1) / 2;
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    const dx = t - mx;
    const dy = y[t] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (syy === 0) return 0;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  return r * r;
}
