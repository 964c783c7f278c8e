/**
 * Rolling Sharpe ratio and rolling beta, as in empyrical's `roll_sharpe_ratio` and
 * `roll_beta` but aligned with the input: the value at t covers periods t - window + 1 .. t,
 * and the first `window - 1` values are NaN (warm-up, never a shorter window).
 * @module
 */
import type { AnnualisationOptions } from "./options.ts";
import { checkFinite } from "./options.ts";
import { sharpeRatio } from "./ratios.ts";
import { beta } from "./relative.ts";

/** Rolling window length by default: 126 periods, half a year of trading days. */
export const DEFAULT_ROLLING_WINDOW = 126;

function checkWindow(window: number): void {
  if (!(Number.isInteger(window) && window >= 2)) {
    throw new Error(`rolling window must be an integer >= 2; got ${window}`);
  }
}

/**
 * Returns the annualised Sharpe ratio over each trailing `window` of periods (defaults to
 * 126); NaN for the first `window - 1`.
 *
 * @example
 * ```ts
 * import { rollingSharpe } from "@lib/performance/rolling.ts";
 * const s = rollingSharpe(new Float64Array([0.01, 0.03, 0.01, 0.03]), 2, { periodsPerYear: 4 });
 * if (!Number.isNaN(s[0]) || Math.abs(s[1] - (0.02 / Math.sqrt(0.0002)) * 2) > 1e-12) throw new Error();
 * ```
 */
export function rollingSharpe(
  returns: Float64Array,
  window = DEFAULT_ROLLING_WINDOW,
  options: AnnualisationOptions = {},
): Float64Array {
  checkWindow(window);
  checkFinite(returns);
  const out = new Float64Array(returns.length).fill(NaN);
  for (let t = window - 1; t < returns.length; t++) {
    out[t] = sharpeRatio(returns.subarray(t - window + 1, t + 1), options);
  }
  return out;
}

/**
 * Returns beta against the aligned `benchmark` over each trailing `window` of periods
 * (defaults to 126); NaN for the first `window - 1`.
 */
export function rollingBeta(
  returns: Float64Array,
  benchmark: Float64Array,
  window = DEFAULT_ROLLING_WINDOW,
): Float64Array {
  checkWindow(window);
  if (returns.length !== benchmark.length) {
    throw new Error(
      `returns (${returns.length}) and benchmark (${benchmark.length}) differ in length`,
    );
  }
  const out = new Float64Array(returns.length).fill(NaN);
  for (let t = window - 1; t < returns.length; t++) {
    const from = t - window + 1;
    out[t] = beta(returns.subarray(from, t + 1), benchmark.subarray(from, t + 1));
  }
  return out;
}
