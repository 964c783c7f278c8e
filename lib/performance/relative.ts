/**
 * Statistics against a benchmark: beta, alpha (empyrical 0.7.1's `alpha_beta`) and the
 * information ratio, and the alignment of a benchmark's returns to a portfolio's dates.
 * @module
 */
import type { AnnualisationOptions } from "./options.ts";
import { checkFinite, isConstant, mean, periodsPerYearOf, riskFreeOf, std } from "./options.ts";

/** A return series by date: day numbers (ascending) and the simple return of each date. */
export interface ReturnSeries {
  /** Day numbers (days since 1970-01-01), ascending. */
  dates: Float64Array;
  /** Simple return of each date, over the previous date. */
  returns: Float64Array;
}

/**
 * Returns the benchmark's returns on the portfolio's dates: for each portfolio date, the
 * benchmark's returns compounded over its dates after the previous portfolio date up to and
 * including this one (so a benchmark with more dates is summed up correctly); the first
 * portfolio date takes the benchmark's return on that date alone. Throws when the benchmark
 * does not cover the portfolio's first and last dates.
 *
 * @example
 * ```ts
 * import { alignBenchmark } from "@lib/performance/relative.ts";
 * const b = { dates: new Float64Array([1, 2, 3, 4]), returns: new Float64Array([0.5, 0.1, 0.1, 0]) };
 * const r = alignBenchmark(new Float64Array([2, 4]), b);
 * if (Math.abs(r[0] - 0.1) > 1e-12 || Math.abs(r[1] - 0.1) > 1e-12) throw new Error();
 * ```
 */
export function alignBenchmark(dates: Float64Array, benchmark: ReturnSeries): Float64Array {
  const bd = benchmark.dates;
  const br = checkFinite(benchmark.returns, "benchmark returns");
  if (bd.length !== br.length) {
    throw new Error(`benchmark has ${bd.length} dates but ${br.length} returns`);
  }
  const n = dates.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let j = 0;
  while (j < bd.length && bd[j] < dates[0]) j++;
  if (j === bd.length || bd[j] !== dates[0]) {
    throw new Error(`benchmark has no return on the portfolio's first date (day ${dates[0]})`);
  }
  if (bd[bd.length - 1] < dates[n - 1]) {
    throw new Error(
      `benchmark ends on day ${bd[bd.length - 1]}, before the portfolio's last date (day ${
        dates[n - 1]
      })`,
    );
  }
  out[0] = br[j++];
  for (let t = 1; t < n; t++) {
    if (!(dates[t] > dates[t - 1])) throw new Error(`portfolio dates are not ascending at ${t}`);
    const from = j;
    let wealth = 1;
    while (j < bd.length && bd[j] <= dates[t]) wealth *= 1 + br[j++];
    // one benchmark date in the period: its return as it is, without rounding through wealth
    out[t] = j - from === 1 ? br[from] : wealth - 1;
  }
  return out;
}

function checkPair(returns: Float64Array, benchmark: Float64Array): void {
  checkFinite(returns);
  checkFinite(benchmark, "benchmark");
  if (returns.length !== benchmark.length) {
    throw new Error(
      `returns (${returns.length}) and benchmark (${benchmark.length}) differ in length`,
    );
  }
}

/**
 * Returns beta, `cov(r, b) / var(b)` (population moments; a shift by the risk-free rate does
 * not change it); NaN below 2 periods or when the benchmark's variance is below 1e-30.
 */
export function beta(returns: Float64Array, benchmark: Float64Array): number {
  checkPair(returns, benchmark);
  const n = returns.length;
  if (n < 2) return NaN;
  const mb = mean(benchmark);
  let cov = 0;
  let vb = 0;
  for (let t = 0; t < n; t++) {
    const d = benchmark[t] - mb;
    cov += d * returns[t];
    vb += d * d;
  }
  cov /= n;
  vb /= n;
  return vb < 1e-30 ? NaN : cov / vb;
}

/** Alpha and beta of a return series against a benchmark. */
export interface AlphaBeta {
  /** Annualised alpha: `(1 + mean((r - rf) - beta (b - rf)))^periodsPerYear - 1`. */
  alpha: number;
  /** Beta against the benchmark. */
  beta: number;
}

/**
 * Returns annualised alpha and beta of `returns` against the aligned `benchmark` returns;
 * both NaN below 2 periods.
 *
 * @example
 * ```ts
 * import { alphaBeta } from "@lib/performance/relative.ts";
 * const b = new Float64Array([0.01, -0.02, 0.03, 0]);
 * const { alpha, beta } = alphaBeta(b.map((x) => 2 * x + 0.001), b, { periodsPerYear: 12 });
 * if (Math.abs(beta - 2) > 1e-12 || Math.abs(alpha - (1.001 ** 12 - 1)) > 1e-12) throw new Error();
 * ```
 */
export function alphaBeta(
  returns: Float64Array,
  benchmark: Float64Array,
  options: AnnualisationOptions = {},
): AlphaBeta {
  const b = beta(returns, benchmark);
  if (returns.length < 2) return { alpha: NaN, beta: NaN };
  const rf = riskFreeOf(options);
  let s = 0;
  for (let t = 0; t < returns.length; t++) s += returns[t] - rf - b * (benchmark[t] - rf);
  const alpha = (1 + s / returns.length) ** periodsPerYearOf(options) - 1;
  return { alpha, beta: b };
}

/**
 * Returns the annualised information ratio `mean(r - b) / std(r - b) x sqrt(periodsPerYear)`
 * (std with n - 1): empyrical's `excess_sharpe` annualised like the Sharpe ratio; NaN below 2
 * periods.
 */
export function informationRatio(
  returns: Float64Array,
  benchmark: Float64Array,
  options: AnnualisationOptions = {},
): number {
  checkPair(returns, benchmark);
  if (returns.length < 2) return NaN;
  const active = returns.map((r, t) => r - benchmark[t]);
  const te = isConstant(active) ? 0 : std(active);
  return (mean(active) / te) * Math.sqrt(periodsPerYearOf(options));
}
