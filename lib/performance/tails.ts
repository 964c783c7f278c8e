/**
 * Tail statistics of a return series (historical, no distribution assumed), matching
 * empyrical 0.7.1's `value_at_risk`, `conditional_value_at_risk` and `tail_ratio`, and the
 * moments `scipy.stats.skew` and `scipy.stats.kurtosis` (biased, Fisher).
 * @module
 */
import { checkFinite, mean } from "./options.ts";

/** Returns `values` sorted ascending, as a copy. */
function sorted(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Returns the `q` quantile (0..1) of `values` by linear interpolation between order statistics
 * (numpy's default `percentile` method); NaN when empty. Throws unless 0 <= q <= 1.
 */
export function quantile(values: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be in [0, 1]; got ${q}`);
  checkFinite(values);
  const n = values.length;
  if (n === 0) return NaN;
  const s = sorted(values);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  if (lo >= n - 1) return s[n - 1];
  const frac = h - lo;
  const a = s[lo];
  const b = s[lo + 1];
  // numpy's lerp: from the nearer end, so the result stays inside [a, b]
  return frac >= 0.5 ? b - (b - a) * (1 - frac) : a + (b - a) * frac;
}

/** Options of the value-at-risk statistics. */
export interface TailOptions {
  /** Share of the worst periods in the tail. Defaults to 0.05 (95% VaR). */
  cutoff?: number;
}

function cutoffOf(options: TailOptions): number {
  const c = options.cutoff ?? 0.05;
  if (!(c > 0 && c < 1)) throw new Error(`cutoff must be in (0, 1); got ${c}`);
  return c;
}

/**
 * Returns the historical value at risk: the `cutoff` quantile of the returns (a return, so a
 * loss is negative: -0.02 means 5% of periods lost 2% or more); NaN when empty.
 *
 * @example
 * ```ts
 * import { valueAtRisk } from "@lib/performance/tails.ts";
 * const r = Float64Array.from({ length: 101 }, (_, i) => (i - 50) / 1000);
 * if (Math.abs(valueAtRisk(r) - -0.045) > 1e-12) throw new Error();
 * ```
 */
export function valueAtRisk(returns: Float64Array, options: TailOptions = {}): number {
  return quantile(returns, cutoffOf(options));
}

/**
 * Returns the historical conditional value at risk (expected shortfall): the mean of the
 * `floor((n - 1) x cutoff) + 1` lowest returns; NaN when empty.
 */
export function conditionalValueAtRisk(
  returns: Float64Array,
  options: TailOptions = {},
): number {
  checkFinite(returns);
  const n = returns.length;
  if (n === 0) return NaN;
  const k = Math.floor((n - 1) * cutoffOf(options)) + 1;
  return mean(sorted(returns).subarray(0, k));
}

/** Returns `|95th percentile| / |5th percentile|` of the returns; NaN when empty. */
export function tailRatio(returns: Float64Array): number {
  if (returns.length === 0) return NaN;
  return Math.abs(quantile(returns, 0.95)) / Math.abs(quantile(returns, 0.05));
}

function centralMoments(values: Float64Array): { m2: number; m3: number; m4: number } {
  checkFinite(values);
  const m = mean(values);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = values.length;
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/**
 * Returns the sample skewness `m3 / m2^1.5` (biased, as `scipy.stats.skew`); NaN when empty or
 * constant.
 */
export function skewness(values: Float64Array): number {
  if (values.length === 0) return NaN;
  const { m2, m3 } = centralMoments(values);
  return m2 === 0 ? NaN : m3 / m2 ** 1.5;
}

/**
 * Returns the sample excess kurtosis `m4 / m2^2 - 3` (biased, Fisher, as
 * `scipy.stats.kurtosis`; 0 for a normal distribution); NaN when empty or constant.
 */
export function excessKurtosis(values: Float64Array): number {
  if (values.length === 0) return NaN;
  const { m2, m4 } = centralMoments(values);
  return m2 === 0 ? NaN : m4 / (m2 * m2) - 3;
}
