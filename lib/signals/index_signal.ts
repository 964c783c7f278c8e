/**
 * A component-weighted sentiment score of an index: each constituent's action score a_i,t in
 * -2..+2 weighted by its index weight w_i,t,
 *
 *     score_t = sum_{i in A_t} w_i,t a_i,t / sum_{i in A_t} w_i,t
 *
 * where A_t is the set of constituents with both a score and a weight on date t. Missing
 * constituents are therefore dropped and the weights of the others renormalised to sum to 1, so
 * the score stays on the -2..+2 scale; `coverage_t` (the share of the index weight in A_t) says
 * how much of the index the score speaks for, and a date whose coverage is below `minCoverage`
 * gets no score. The contribution of constituent i is `w_i,t a_i,t / sum_{A_t} w`, and the
 * contributions of a date sum to its score.
 *
 * Timing: the score of date t uses scores and weights known at t's close, so it may be traded at
 * that close (see lib/backtest/from_signals.ts).
 * @module
 */
import pl from "nodejs-polars";
import { toWide } from "../backtest/wide.ts";
import { daySeries } from "../validation/days.ts";
import { weightOn, weightTable } from "./weights.ts";

/** Options of {@link indexSentiment}. */
export interface IndexSentimentOptions {
  /**
   * Least share of the index weight that must have a score for the date to get one. Defaults
   * to 0.5.
   */
  minCoverage?: number;
  /**
   * The weights name the whole index (a constituents file): a weighted symbol without scores
   * counts in every date's total weight and so lowers its coverage, and a scored symbol without
   * a weight is not a constituent and is left out. Otherwise both are errors. Defaults to false.
   */
  allConstituents?: boolean;
}

/** What {@link indexSentiment} returns. */
export interface IndexSentiment {
  /**
   * One row per date: date, score (null below `minCoverage`), coverage (0..1), constituents
   * (how many were scored and weighted).
   */
  sentiment: pl.DataFrame;
  /**
   * One row per scored constituent and date with a score: symbol, date, weight (renormalised
   * over the scored constituents), score (the action score), contribution (weight x score).
   */
  contributions: pl.DataFrame;
}

/**
 * Returns the weighted sentiment of `scores` (symbol, date, score in -2..2) under `weights`
 * (symbol, weight, optional date; see weights.ts). Throws on a score outside -2..2, a weight
 * for a symbol that has no scores (unknown symbol), a scored symbol with no weight, a negative
 * weight, or a date whose constituents' weights are all zero.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { indexSentiment } from "@lib/signals/index_signal.ts";
 * import { staticWeights } from "@lib/signals/weights.ts";
 * const d = new Date("2020-01-02");
 * const scores = pl.DataFrame({ symbol: ["a", "b"], date: [d, d], score: [2, -1] });
 * const { sentiment } = indexSentiment(scores, staticWeights({ a: 3, b: 1 }));
 * // (3 x 2 + 1 x -1) / 4
 * if (sentiment.getColumn("score").get(0) !== 1.25) throw new Error();
 * ```
 */
export function indexSentiment(
  scores: pl.DataFrame,
  weights: pl.DataFrame,
  options: IndexSentimentOptions = {},
): IndexSentiment {
  const { minCoverage = 0.5, allConstituents = false } = options;
  if (!(minCoverage >= 0 && minCoverage <= 1)) {
    throw new Error(`minCoverage must be in [0, 1]; got ${minCoverage}`);
  }
  const table = weightTable(weights);
  const wide = toWide(
    allConstituents ? scores.filter(pl.col("symbol").isIn(pl.Series(table.symbols))) : scores,
    "score",
  );
  const { dates, symbols, values } = wide;
  const n = symbols.length;
  for (let at = 0; at < values.length; at++) {
    const v = values[at];
    if (!Number.isNaN(v) && !(v >= -2 && v <= 2)) {
      throw new Error(
        `score of "${symbols[at % n]}" on ${iso(dates[Math.floor(at / n)])} is ${v}; ` +
          "action scores are in -2..2",
      );
    }
  }
  const unscored = table.symbols.filter((s) => !symbols.includes(s));
  if (unscored.length > 0 && !allConstituents) {
    throw new Error(
      `weights name symbol(s) with no scores: ${unscored.join(", ")} ` +
        `(scored: ${symbols.join(", ")})`,
    );
  }
  const unweighted = allConstituents ? [] : symbols.filter((s) => !table.from.has(s));
  if (unweighted.length > 0) {
    throw new Error(
      `scored symbol(s) without a weight: ${unweighted.join(", ")}; add them to the weights ` +
        "or drop their scores",
    );
  }

  const score = new Float64Array(dates.length).fill(NaN);
  const coverage = new Float64Array(dates.length);
  const counted = new Int32Array(dates.length);
  const out = {
    symbol: [] as string[],
    day: [] as number[],
    weight: [] as number[],
    score: [] as number[],
  };
  const w = new Float64Array(n);
  for (let t = 0; t < dates.length; t++) {
    let total = 0;
    let scored = 0;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      w[j] = weightOn(table, symbols[j], dates[t]);
      if (!(w[j] >= 0)) continue;
      total += w[j];
      const a = values[t * n + j];
      if (Number.isNaN(a)) continue;
      scored += w[j];
      sum += w[j] * a;
      counted[t]++;
    }
    for (const s of unscored) {
      const u = weightOn(table, s, dates[t]);
      if (u >= 0) total += u;
    }
    if (total === 0 && table.symbols.some((s) => weightOn(table, s, dates[t]) === 0)) {
      throw new Error(`the weights in effect on ${iso(dates[t])} are all zero`);
    }
    coverage[t] = total > 0 ? scored / total : 0;
    if (scored === 0 || coverage[t] < minCoverage) continue;
    score[t] = sum / scored;
    for (let j = 0; j < n; j++) {
      const a = values[t * n + j];
      if (!(w[j] >= 0) || Number.isNaN(a)) continue;
      out.symbol.push(symbols[j]);
      out.day.push(dates[t]);
      out.weight.push(w[j] / scored);
      out.score.push(a);
    }
  }

  const sentiment = pl.DataFrame([
    daySeries("date", dates),
    pl.Series("score", Array.from(score, (v) => (Number.isNaN(v) ? null : v)), pl.Float64),
    pl.Series("coverage", Array.from(coverage), pl.Float64),
    pl.Series("constituents", Array.from(counted), pl.Int32),
  ]);
  const contributions = pl.DataFrame([
    pl.Series("symbol", out.symbol, pl.Utf8),
    daySeries("date", out.day),
    pl.Series("weight", out.weight, pl.Float64),
    pl.Series("score", out.score, pl.Float64),
    pl.Series("contribution", out.weight.map((x, k) => x * out.score[k]), pl.Float64),
  ]);
  return { sentiment, contributions };
}

function iso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
