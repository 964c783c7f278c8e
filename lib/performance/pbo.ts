/**
 * The probability of backtest overfitting (Bailey, Borwein, López de Prado & Zhu, "The
 * Probability of Backtest Overfitting", 2017) by combinatorially symmetric cross-validation
 * (CSCV).
 *
 * The `T` rows of a `T x M` matrix of per-period strategy returns are cut into `S` contiguous
 * blocks, as equal as possible (the first `T mod S` blocks one row longer). For every one of the
 * `C(S, S/2)` choices of half the blocks, in lexicographic order, the chosen blocks are the
 * in-sample (IS) set and the rest the out-of-sample (OOS) set: the strategy with the best IS
 * metric (the first one on a tie) is picked, and its OOS metric ranked among all `M` strategies'
 * OOS metrics, rank 1 the worst and ties sharing the average rank. With `ω = rank / (M + 1)` the
 * logit is `λ = ln(ω / (1 - ω))`, and PBO is the share of combinations with `λ <= 0`: how often
 * the IS winner lands at or below the OOS median. Pure noise gives about one half; a search that
 * found something real gives close to 0. These are the conventions of pypbo (rank with scipy's
 * `rankdata`) and of the PyPI package holdout-backtest, which tests/performance/pbo_test.ts
 * matches.
 *
 * Cost: for the Sharpe ratio and the mean, one pass over the data for per-block sums, then
 * `C(S, S/2) x S x M` additions (S = 16: 12,870 combinations; with 50 strategies about 10 million
 * additions, milliseconds). A custom metric copies the IS and OOS rows once per combination
 * (`C(S, S/2) x T x M` values). Combinations are capped by `maxCombinations`.
 * @module
 */

/** Number of blocks `S` the rows are cut into. Defaults to 16 (the paper's choice). */
export const DEFAULT_PBO_PARTITIONS = 16;
/** Largest `C(S, S/2)` allowed unless raised: S = 22 gives 705,432; S = 24 is over. */
export const DEFAULT_MAX_COMBINATIONS = 1_000_000;

/**
 * A custom metric: one score per strategy (higher is better) of `returns`, a `rows x cols`
 * row-major matrix holding the periods of one side of a split.
 */
export type PboMetricFunction = (returns: Float64Array, rows: number, cols: number) => Float64Array;

/**
 * `"sharpe"`: mean / sample standard deviation (n - 1) per period, not annualised (ranks do not
 * change with scale); a side on which a strategy's returns are all exactly 0 (no position) scores
 * 0, any other side with zero variance is an error. `"mean"`: the mean return.
 */
export type PboMetric = "sharpe" | "mean" | PboMetricFunction;

/** Options of {@link probabilityOfBacktestOverfitting}. */
export interface PboOptions {
  /** Number of blocks `S`, even, at least 2. Defaults to {@link DEFAULT_PBO_PARTITIONS}. */
  nPartitions?: number;
  /** What ranks the strategies. Defaults to `"sharpe"`. */
  metric?: PboMetric;
  /** Refuse more combinations than this. Defaults to {@link DEFAULT_MAX_COMBINATIONS}. */
  maxCombinations?: number;
}

/** The outcome of CSCV: per combination, in lexicographic order of the IS blocks. */
export interface PboResult {
  /** Share of combinations whose IS winner ranks at or below the OOS median (`λ <= 0`). */
  pbo: number;
  /** `λ` of each combination. */
  logits: Float64Array;
  /** Number of combinations, `C(S, S/2)`. */
  combinations: number;
  /** Number of blocks `S`. */
  nPartitions: number;
  /** Periods `T`. */
  periods: number;
  /** Strategies `M`. */
  strategies: number;
  /** The IS winner (column index) of each combination. */
  selected: Int32Array;
  /** The winner's IS metric, per combination (performance degradation: x). */
  inSample: Float64Array;
  /** The winner's OOS metric, per combination (performance degradation: y). */
  outOfSample: Float64Array;
}

/** Returns `C(s, s / 2)`, the number of CSCV combinations of `s` blocks. */
export function pboCombinations(s: number): number {
  let c = 1;
  for (let i = 1; i <= s / 2; i++) c = (c * (s / 2 + i)) / i;
  return Math.round(c);
}

/**
 * Returns the probability of backtest overfitting of `strategies` return series, `returns` being
 * `T x M` row-major (`T` periods, `M = strategies`). Throws, naming the values, unless `M >= 2`,
 * `S` is even and `T >= 2 S` (two periods per block, so every side has a standard deviation),
 * every return is finite and `C(S, S/2) <= maxCombinations`.
 *
 * @example
 * ```ts
 * import { probabilityOfBacktestOverfitting } from "@lib/performance/pbo.ts";
 * // 2 strategies over 8 periods; the second always earns more, so it wins in and out of sample
 * const r = Float64Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 0 : 0.01) + 0.005 * Math.sin(i));
 * const { pbo, combinations } = probabilityOfBacktestOverfitting(r, 2, { nPartitions: 4 });
 * if (pbo !== 0 || combinations !== 6) throw new Error(`${pbo} ${combinations}`);
 * ```
 */
export function probabilityOfBacktestOverfitting(
  returns: Float64Array,
  strategies: number,
  options: PboOptions = {},
): PboResult {
  const s = options.nPartitions ?? DEFAULT_PBO_PARTITIONS;
  const m = strategies;
  const metric = options.metric ?? "sharpe";
  const limit = options.maxCombinations ?? DEFAULT_MAX_COMBINATIONS;
  if (!(Number.isInteger(m) && m >= 2)) {
    throw new Error(`PBO needs at least 2 strategies to rank; got M=${m}`);
  }
  if (returns.length % m !== 0) {
    throw new Error(`returns has ${returns.length} values, not a multiple of M=${m} strategies`);
  }
  const t = returns.length / m;
  if (!(Number.isInteger(s) && s >= 2 && s % 2 === 0)) {
    throw new Error(`nPartitions must be an even integer >= 2; got S=${s}`);
  }
  if (t < 2 * s) {
    throw new Error(
      `T=${t} periods cannot fill S=${s} blocks of at least 2 periods each (need T >= ${2 * s})`,
    );
  }
  const combinations = pboCombinations(s);
  if (combinations > limit) {
    throw new Error(
      `S=${s} gives C(${s}, ${
        s / 2
      }) = ${combinations} combinations, over maxCombinations=${limit}`,
    );
  }
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isFinite(returns[i])) {
      throw new Error(
        `return of strategy ${i % m} at period ${Math.floor(i / m)} is ${returns[i]}`,
      );
    }
  }
  const bounds = blockBounds(t, s);
  const score = typeof metric === "function"
    ? customScorer(returns, m, bounds, metric)
    : sumScorer(returns, m, bounds, metric);

  const logits = new Float64Array(combinations);
  const selected = new Int32Array(combinations);
  const inSample = new Float64Array(combinations);
  const outOfSample = new Float64Array(combinations);
  const rIn = new Float64Array(m);
  const rOut = new Float64Array(m);
  const chosen = new Uint8Array(s);
  const pick = Int32Array.from({ length: s / 2 }, (_, i) => i);
  let overfit = 0;
  for (let c = 0; c < combinations; c++) {
    chosen.fill(0);
    for (const b of pick) chosen[b] = 1;
    score(chosen, 1, rIn, "in-sample");
    score(chosen, 0, rOut, "out-of-sample");
    let best = 0;
    for (let j = 1; j < m; j++) if (rIn[j] > rIn[best]) best = j;
    const w = rOut[best];
    let below = 0;
    let ties = 0;
    for (let j = 0; j < m; j++) {
      if (rOut[j] < w) below++;
      else if (rOut[j] === w) ties++;
    }
    const omega = (below + (ties + 1) / 2) / (m + 1);
    logits[c] = Math.log(omega / (1 - omega));
    if (logits[c] <= 0) overfit++;
    selected[c] = best;
    inSample[c] = rIn[best];
    outOfSample[c] = w;
    nextCombination(pick, s);
  }
  return {
    pbo: overfit / combinations,
    logits,
    combinations,
    nPartitions: s,
    periods: t,
    strategies: m,
    selected,
    inSample,
    outOfSample,
  };
}

/** Scores every strategy on the blocks where `chosen[b] === side`, into `out`. */
type Scorer = (chosen: Uint8Array, side: number, out: Float64Array, what: string) => void;

/** Block `b` covers rows `bounds[b]` to `bounds[b + 1] - 1`. */
function blockBounds(t: number, s: number): Int32Array {
  const bounds = new Int32Array(s + 1);
  const size = Math.floor(t / s);
  const extra = t % s;
  for (let b = 0; b < s; b++) bounds[b + 1] = bounds[b] + size + (b < extra ? 1 : 0);
  return bounds;
}

/** Advances `pick` (ascending indices into 0..s-1) to the next combination, lexicographically. */
function nextCombination(pick: Int32Array, s: number): void {
  const k = pick.length;
  let i = k - 1;
  while (i >= 0 && pick[i] === s - k + i) i--;
  if (i < 0) return;
  pick[i]++;
  for (let j = i + 1; j < k; j++) pick[j] = pick[j - 1] + 1;
}

function sumScorer(
  returns: Float64Array,
  m: number,
  bounds: Int32Array,
  metric: "sharpe" | "mean",
): Scorer {
  if (metric !== "sharpe" && metric !== "mean") {
    throw new Error(`metric must be "sharpe", "mean" or a function; got ${String(metric)}`);
  }
  const s = bounds.length - 1;
  const t = bounds[s];
  // Centring each column first keeps the variance (a difference of sums) from cancelling badly.
  const centre = new Float64Array(m);
  for (let i = 0; i < t; i++) for (let j = 0; j < m; j++) centre[j] += returns[i * m + j];
  for (let j = 0; j < m; j++) centre[j] /= t;
  const sums = new Float64Array(s * m);
  const squares = new Float64Array(s * m);
  const nonZero = new Float64Array(s * m);
  for (let b = 0; b < s; b++) {
    for (let i = bounds[b]; i < bounds[b + 1]; i++) {
      for (let j = 0; j < m; j++) {
        const x = returns[i * m + j];
        const d = x - centre[j];
        sums[b * m + j] += d;
        squares[b * m + j] += d * d;
        if (x !== 0) nonZero[b * m + j]++;
      }
    }
  }
  const total = new Float64Array(m);
  const square = new Float64Array(m);
  const moving = new Float64Array(m);
  return (chosen, side, out, what) => {
    total.fill(0);
    square.fill(0);
    moving.fill(0);
    let count = 0;
    for (let b = 0; b < s; b++) {
      if (chosen[b] !== side) continue;
      count += bounds[b + 1] - bounds[b];
      for (let j = 0; j < m; j++) {
        total[j] += sums[b * m + j];
        square[j] += squares[b * m + j];
        moving[j] += nonZero[b * m + j];
      }
    }
    for (let j = 0; j < m; j++) {
      const shifted = total[j] / count;
      const mean = shifted + centre[j];
      if (metric === "mean") {
        out[j] = mean;
        continue;
      }
      if (moving[j] === 0) {
        out[j] = 0;
        continue;
      }
      const variance = (square[j] - count * shifted * shifted) / (count - 1);
      if (!(variance > 1e-14 * Math.max(square[j] / count, Number.MIN_VALUE))) {
        throw new Error(
          `strategy ${j} has constant non-zero returns ${what} (${count} periods): its Sharpe ratio is undefined`,
        );
      }
      out[j] = mean / Math.sqrt(variance);
    }
  };
}

function customScorer(
  returns: Float64Array,
  m: number,
  bounds: Int32Array,
  metric: PboMetricFunction,
): Scorer {
  const s = bounds.length - 1;
  const buffer = new Float64Array(returns.length);
  return (chosen, side, out, what) => {
    let rows = 0;
    for (let b = 0; b < s; b++) {
      if (chosen[b] !== side) continue;
      buffer.set(returns.subarray(bounds[b] * m, bounds[b + 1] * m), rows * m);
      rows += bounds[b + 1] - bounds[b];
    }
    const scores = metric(buffer.slice(0, rows * m), rows, m);
    if (scores.length !== m) {
      throw new Error(`the metric returned ${scores.length} scores for M=${m} strategies`);
    }
    for (let j = 0; j < m; j++) {
      if (!Number.isFinite(scores[j])) {
        throw new Error(`the metric scored strategy ${j} ${scores[j]} ${what}`);
      }
      out[j] = scores[j];
    }
  };
}
