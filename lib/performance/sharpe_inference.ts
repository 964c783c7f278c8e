/**
 * How much to trust a Sharpe ratio: the probabilistic Sharpe ratio (Bailey & López de Prado,
 * "The Sharpe Ratio Efficient Frontier", 2012) and the deflated Sharpe ratio (Bailey & López de
 * Prado, "The Deflated Sharpe Ratio", 2014), which also corrects for the number of strategy
 * variants tried.
 *
 * Both work with the per-period (not annualised) Sharpe ratio `SR = mean(r - rf) / std(r - rf)`
 * (std with n - 1), the biased sample skewness `g3` and the (non-excess) kurtosis `g4` of the
 * returns. Sharpe ratios passed in or returned are annualised, like {@link sharpeRatio}, and
 * converted by `sqrt(periodsPerYear)`.
 * @module
 */
import type { AnnualisationOptions } from "./options.ts";
import { checkFinite, periodsPerYearOf, std } from "./options.ts";
import { sharpeRatio } from "./ratios.ts";
import { excessKurtosis, skewness } from "./tails.ts";
import { normalCdf, normalQuantile } from "../stats/normal.ts";

/** The Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/** Options of {@link probabilisticSharpeRatio}. */
export interface PsrOptions extends AnnualisationOptions {
  /** The annualised Sharpe ratio to beat. Defaults to 0. */
  benchmarkSharpe?: number;
}

/**
 * Returns the probabilistic Sharpe ratio: the probability that the true Sharpe ratio exceeds
 * `benchmarkSharpe`, given the sample's length, skewness and kurtosis,
 *
 * `PSR = Φ((SR - SR*) sqrt(n - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR²))`
 *
 * with per-period `SR` and `SR* = benchmarkSharpe / sqrt(periodsPerYear)`. NaN below 3 returns
 * or for constant returns.
 *
 * @example
 * ```ts
 * import { probabilisticSharpeRatio } from "@lib/performance/sharpe_inference.ts";
 * const r = Float64Array.from({ length: 500 }, (_, i) => 0.001 + 0.01 * Math.sin(i * 1.7));
 * const psr = probabilisticSharpeRatio(r);
 * if (!(psr > 0.9 && psr < 1)) throw new Error(`psr ${psr}`);
 * ```
 */
export function probabilisticSharpeRatio(
  returns: Float64Array,
  options: PsrOptions = {},
): number {
  checkFinite(returns);
  const n = returns.length;
  if (n < 3 || std(returns) === 0) return NaN;
  const root = Math.sqrt(periodsPerYearOf(options));
  const sr = sharpeRatio(returns, options) / root;
  const target = (options.benchmarkSharpe ?? 0) / root;
  const g3 = skewness(returns);
  const g4 = excessKurtosis(returns) + 3;
  const denominator = Math.sqrt(1 - g3 * sr + ((g4 - 1) / 4) * sr * sr);
  return normalCdf(((sr - target) * Math.sqrt(n - 1)) / denominator);
}

/**
 * Returns the expected maximum of `trials` Sharpe ratios drawn with mean 0 and variance
 * `variance` (in the same units as the variance), the false-discovery threshold of the
 * deflated Sharpe ratio:
 *
 * `sqrt(V) ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e)))`, γ the Euler–Mascheroni constant.
 *
 * 0 for a single trial. Throws unless `trials` >= 1 and `variance` >= 0.
 */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (!(trials >= 1 && Number.isFinite(trials))) {
    throw new Error(`trials must be at least 1; got ${trials}`);
  }
  if (!(variance >= 0 && Number.isFinite(variance))) {
    throw new Error(`variance of the trials' Sharpe ratios must be >= 0; got ${variance}`);
  }
  if (trials === 1) return 0;
  return Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) +
      EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)));
}

/** Options of {@link deflatedSharpeRatio}. */
export interface DsrOptions extends AnnualisationOptions {
  /**
   * Number of independent trials (parameter combinations tested). Defaults to the number of
   * trial Sharpe ratios given.
   */
  trials?: number;
}

/** The deflated Sharpe ratio and what went into it. */
export interface DeflatedSharpe {
  /** Probability that the true Sharpe ratio beats the best of `trials` unskilled ones. */
  dsr: number;
  /** The Sharpe ratio to beat, annualised: the expected best of the trials by luck alone. */
  threshold: number;
  /** Number of trials used. */
  trials: number;
  /** Sample variance (n - 1) of the trials' annualised Sharpe ratios. */
  variance: number;
}

/**
 * Returns the deflated Sharpe ratio of the chosen strategy's `returns`, given the annualised
 * Sharpe ratios of every variant tried (`trialSharpes`, including the chosen one): the
 * probabilistic Sharpe ratio against the expected maximum Sharpe ratio of `trials` variants
 * with no skill, `SR0 = expectedMaxSharpe(N, Var(trialSharpes) / periodsPerYear)` per period.
 * Throws with fewer than 2 trial Sharpe ratios or a non-finite one.
 *
 * @example
 * ```ts
 * import { deflatedSharpeRatio } from "@lib/performance/sharpe_inference.ts";
 * const r = Float64Array.from({ length: 500 }, (_, i) => 0.001 + 0.01 * Math.sin(i * 1.7));
 * const d = deflatedSharpeRatio(r, [0.2, -0.4, 1.1, 0.5, 2.3]);
 * if (!(d.dsr > 0 && d.dsr < 1 && d.threshold > 0 && d.trials === 5)) throw new Error();
 * ```
 */
export function deflatedSharpeRatio(
  returns: Float64Array,
  trialSharpes: ArrayLike<number>,
  options: DsrOptions = {},
): DeflatedSharpe {
  if (trialSharpes.length < 2) {
    throw new Error(
      `deflated Sharpe ratio needs the Sharpe ratios of at least 2 trials; got ${trialSharpes.length}`,
    );
  }
  const trialValues = checkFinite(Float64Array.from(trialSharpes), "trialSharpes");
  const trials = options.trials ?? trialValues.length;
  const variance = std(trialValues) ** 2;
  const ppy = periodsPerYearOf(options);
  const threshold = expectedMaxSharpe(trials, variance / ppy) * Math.sqrt(ppy);
  const dsr = probabilisticSharpeRatio(returns, { ...options, benchmarkSharpe: threshold });
  return { dsr, threshold, trials, variance };
}

/**
 * Returns the annualised standard error of the Sharpe ratio for non-normal returns (Lo 2002,
 * with Mertens' 2002 correction for skewness and kurtosis):
 *
 * `SE = sqrt((1 + SR²/2 - g3 SR + (g4 - 3)/4 SR²) / n) x sqrt(periodsPerYear)`
 *
 * with per-period `SR`, the biased skewness `g3` and the (non-excess) kurtosis `g4`; the same
 * variance the probabilistic Sharpe ratio divides by. NaN below 3 returns or for constant
 * returns.
 *
 * @example
 * ```ts
 * import { sharpeStandardError } from "@lib/performance/sharpe_inference.ts";
 * // normal-like returns: SE ≈ sqrt((1 + SR²/2) / n), annualised
 * const r = Float64Array.from({ length: 1000 }, (_, i) => 0.0005 + 0.01 * Math.sin(i * 1.7));
 * const se = sharpeStandardError(r, { periodsPerYear: 252 });
 * if (!(se > 0.4 && se < 0.6)) throw new Error(`se ${se}`);
 * ```
 */
export function sharpeStandardError(
  returns: Float64Array,
  options: AnnualisationOptions = {},
): number {
  checkFinite(returns);
  const n = returns.length;
  if (n < 3 || std(returns) === 0) return NaN;
  const root = Math.sqrt(periodsPerYearOf(options));
  const sr = sharpeRatio(returns, options) / root;
  const g3 = skewness(returns);
  const g4 = excessKurtosis(returns) + 3;
  const variance = (1 + 0.5 * sr * sr - g3 * sr + ((g4 - 3) / 4) * sr * sr) / n;
  return Math.sqrt(variance) * root;
}
