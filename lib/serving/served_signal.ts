/**
 * The current index signal from the served models: every constituent scored on each of the
 * sessions up to a date (the action champion's expected action score, or without one the
 * regression champion's predicted return cut into the five classes, as step 04's
 * `constituentScores` does), weighted by `indexSentiment` into the sentiment score, and turned
 * into a position by `indexPositions`, the training step's own signal code. Only bars are read:
 * no labels, so the signal reaches the last stored session.
 *
 * Constituents without features on a date (warm-up, no bar) lower its coverage; a date whose
 * scored constituents hold less than `minCoverage` of the weight gets no score and says so.
 * @module
 */
import pl from "nodejs-polars";
import { constituentScores } from "../signals/constituent_scores.ts";
import { indexSentiment } from "../signals/index_signal.ts";
import { indexPositions, type PositionOptions } from "../signals/positions.ts";
import type { IndexWeights } from "../signals/constituent_weights.ts";
import { dayNumbers, daySeries, isoFromDay } from "../validation/days.ts";
import { collectRows, type InputRows, MissingInputsError } from "./feature_inputs.ts";
import { scoreRows, type ScoringModels } from "./score.ts";
import type { ScoringTable } from "./scoring.ts";

/** Settings of {@link servedIndexSignal}. */
export interface ServedSignalOptions {
  /** The index weights (`indexWeights`: a constituents file or the close x volume proxy). */
  weights: IndexWeights;
  /** Least share of the index weight scored for a date to get a score. */
  minCoverage: number;
  /** The thresholds that turn the score into a position. */
  positions: PositionOptions;
  /** Sessions of history up to the date, the adaptive thresholds' window included. */
  history: number;
}

/** One constituent's part in a date's score. */
export interface Contribution {
  symbol: string;
  /** Its weight, renormalised over the scored constituents. */
  weight: number;
  /** Its action score in [-2, 2]. */
  score: number;
  /** weight x score; a date's contributions sum to its score. */
  contribution: number;
}

/** The index signal on one date. */
export interface IndexSignalPoint {
  /** ISO date. */
  date: string;
  /** Sentiment score in [-2, 2]; null when coverage is below `minCoverage`. */
  score: number | null;
  /** `buy` above the buy threshold, `sell` below the sell threshold, else `hold`. */
  signal: "buy" | "sell" | "hold" | null;
  /** The position the thresholds give (1 long, 0 flat, -1 short). */
  position: number;
  /** Thresholds in effect that date (adaptive ones move). */
  buyThreshold: number | null;
  sellThreshold: number | null;
  /** Share of the index weight scored. */
  coverage: number;
  /** Constituents scored. */
  constituents: number;
}

/** What {@link servedIndexSignal} returns. */
export interface ServedIndexSignal {
  /** The date asked for. */
  latest: IndexSignalPoint;
  /** Its constituents' contributions, largest magnitude first. */
  contributions: Contribution[];
  /** Constituents without a score on the date, and why. */
  unscored: string[];
  /** Every date of the history, oldest first (`indexPositions`' frame). */
  history: pl.DataFrame;
  /** Contributions on every date of the history (`indexSentiment`'s frame). */
  contributionHistory: pl.DataFrame;
  /** Where the weights come from (one sentence). */
  weightSource: string;
}

/**
 * Returns the index signal of `day` and of the `options.history` sessions before it. Throws a
 * `MissingInputsError` when `day` is not a session of the bars or no constituent has features
 * on it.
 */
export function servedIndexSignal(
  models: ScoringModels,
  table: ScoringTable,
  day: number,
  options: ServedSignalOptions,
): ServedIndexSignal {
  const end = collectRows(table, day, table.symbols); // checks the session
  if (end.rows.symbol.length === 0) throw new MissingInputsError(end.missing);
  const at = table.days.indexOf(day);
  const days = table.days.subarray(Math.max(0, at - options.history + 1), at + 1);
  const rows: InputRows = { symbol: [], day: [], columns: {} };
  const parts: InputRows[] = [];
  for (const d of days) parts.push(collectRows(table, d, table.symbols).rows);
  for (const f of table.features) {
    const total = parts.reduce((n, p) => n + p.symbol.length, 0);
    const values = new Float64Array(total);
    let k = 0;
    for (const p of parts) {
      values.set(p.columns[f], k);
      k += p.symbol.length;
    }
    rows.columns[f] = values;
  }
  for (const p of parts) {
    for (let i = 0; i < p.symbol.length; i++) {
      rows.symbol.push(p.symbol[i]);
      rows.day.push(p.day[i]);
    }
  }
  const scored = scoreRows(models, rows, table.coding);
  const keys = [
    pl.Series("symbol", rows.symbol, pl.Utf8),
    daySeries("date", rows.day),
  ];
  const action = models.action
    ? pl.DataFrame([
      ...keys,
      pl.Series("prediction", scored.map((r) => r.action!.score), pl.Float64),
    ])
    : undefined;
  const regression = pl.DataFrame([
    ...keys,
    pl.Series("horizon", scored.map((r) => r.horizon), pl.Int32),
    pl.Series("model", scored.map((r) => r.model), pl.Utf8),
    pl.Series("prediction", scored.map((r) => r.prediction), pl.Float64),
  ]);
  const scores = constituentScores(action, regression, {
    model: scored[0]?.model ?? "",
    horizon: scored[0]?.horizon ?? 1,
  });
  const scoredSymbols = new Set(rows.symbol);
  // The proxy weighs every symbol of the bars; only those with a score take part.
  const weights = options.weights.fromFile
    ? options.weights.weights
    : options.weights.weights.filter(
      pl.col("symbol").cast(pl.Utf8).isIn(pl.Series("s", [...scoredSymbols], pl.Utf8).implode()),
    );
  const index = indexSentiment(scores, weights, {
    minCoverage: options.minCoverage,
    allConstituents: options.weights.fromFile,
  });
  const history = indexPositions(index.sentiment, options.positions);
  const last = history.tail(1).toRecords()[0] as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const score = num(last.score);
  const buy = num(last.buy_threshold);
  const sell = num(last.sell_threshold);
  const lastDay = dayNumbers(history.getColumn("date").tail(1))[0];
  if (lastDay !== day) {
    throw new MissingInputsError([
      `no constituent with a weight has a score on ${isoFromDay(day)}`,
    ]);
  }
  const contributionDays = dayNumbers(index.contributions.getColumn("date"));
  const today = index.contributions.toRecords().filter((_, i) => contributionDays[i] === day)
    .map((r) => ({
      symbol: String(r.symbol),
      weight: Number(r.weight),
      score: Number(r.score),
      contribution: Number(r.contribution),
    }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return {
    latest: {
      date: isoFromDay(day),
      score,
      signal: score === null
        ? null
        : buy !== null && score > buy
        ? "buy"
        : sell !== null && score < sell
        ? "sell"
        : "hold",
      position: Number(last.position),
      buyThreshold: buy,
      sellThreshold: sell,
      coverage: Number(last.coverage),
      constituents: Number(last.constituents),
    },
    contributions: today,
    unscored: end.missing,
    history,
    contributionHistory: index.contributions,
    weightSource: options.weights.source,
  };
}
