/**
 * Conventions shared by every performance statistic.
 *
 * - Returns are simple (not log) returns per period, as a `Float64Array`; every value must be
 *   finite (a statistic throws on NaN or infinity rather than skipping it).
 * - Annualisation follows empyrical: a mean return is multiplied by `periodsPerYear`, a
 *   standard deviation (and downside deviation) by `sqrt(periodsPerYear)`, a compound
 *   return is raised to `periodsPerYear / n`, and alpha compounds: `(1 + mean)^periodsPerYear - 1`.
 *   `periodsPerYear` defaults to 252 (trading days); use 52 for weekly and 12 for monthly data.
 * - The risk-free rate is a constant return *per period* (not per year), as in empyrical;
 *   it defaults to 0. It is subtracted from returns in the Sharpe ratio, the Omega ratio and
 *   alpha and beta, and is the minimum acceptable return of the Sortino ratio.
 * @module
 */

/** Return periods in a year by default: 252 trading days. */
export const DEFAULT_PERIODS_PER_YEAR = 252;

/** Options of the annualised statistics. */
export interface AnnualisationOptions {
  /** Return periods in a year. Defaults to 252 (trading days). */
  periodsPerYear?: number;
  /** Constant risk-free return per period (not per year). Defaults to 0. */
  riskFree?: number;
}

/** Returns `periodsPerYear` from `options`, or 252; throws unless it is positive and finite. */
export function periodsPerYearOf(options: AnnualisationOptions = {}): number {
  const p = options.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR;
  if (!(p > 0 && Number.isFinite(p))) {
    throw new Error(`periodsPerYear must be a positive number; got ${p}`);
  }
  return p;
}

/** Returns the risk-free rate per period from `options`, or 0; throws unless it is finite. */
export function riskFreeOf(options: AnnualisationOptions = {}): number {
  const r = options.riskFree ?? 0;
  if (!Number.isFinite(r)) throw new Error(`riskFree must be a finite number; got ${r}`);
  return r;
}

/** Returns `values` after checking every entry is finite; throws naming `what` otherwise. */
export function checkFinite(values: Float64Array, what = "returns"): Float64Array {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${what}[${i}] is ${values[i]}`);
  }
  return values;
}

/** Returns the arithmetic mean of `values` (NaN when empty). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Returns the standard deviation of `values` with `ddof` degrees of freedom removed. */
export function std(values: ArrayLike<number>, ddof = 1): number {
  const n = values.length;
  if (n - ddof <= 0) return NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - m) ** 2;
  return Math.sqrt(ss / (n - ddof));
}

/** Returns whether every value equals the first (true for fewer than two values). */
export function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
