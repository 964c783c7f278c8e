/**
 * Scoring feature rows with the served models: the regression champion's predicted return and
 * its quantile companion's q10..q90 (conformal corrections applied as in training), P(up), and
 * the action champion's class and five probabilities. Works on typed arrays, not frames, so a
 * single row costs one booster call per model and no frame building.
 *
 * P(up) is `1 - F(0)` of the quantile companion's predictive distribution when the regression
 * model has one, else the action classifier's P(buy) + P(strong buy) + P(hold) / 2 (see
 * lib/models/inference.ts, whose definitions these are).
 * @module
 */
import pl from "nodejs-polars";
import type { FeatureMatrix } from "../models/matrix.ts";
import { SYMBOL_FEATURE } from "../models/dataset.ts";
import { probabilityPositive, upProbability } from "../models/inference.ts";
import { quantileColumn, rearrangeQuantiles } from "../models/quantiles.ts";
import { applyConformal } from "../models/conformal.ts";
import { ACTION_COLUMNS, actionProbabilities, taskPrediction } from "../models/tasks.ts";
import { daySeries, isoFromDay } from "../validation/days.ts";
import type { InputRows } from "./feature_inputs.ts";
import { parseDay, UnknownSymbolError } from "./feature_inputs.ts";
import { actionClassifier, type ScoringModel } from "./scoring_model.ts";

/** The models a service or a predict run scores with: at least one of the two. */
export interface ScoringModels {
  /** The regression champion (predicted return, quantiles, P(up)). */
  regression?: ScoringModel;
  /** The action champion (class and probabilities). */
  action?: ScoringModel;
}

/** The action columns of a scored row. */
export interface ActionScore {
  /** Registered name and version of the action classifier. */
  model: string;
  version: string;
  /** The most probable action class, -2 (strong sell) .. 2 (strong buy). */
  actionClass: number;
  /** The expected action score, sum of p_k x class_k, in [-2, 2]. */
  score: number;
  /** The five class probabilities, strong sell first ({@link ACTION_COLUMNS} order). */
  probabilities: Record<string, number>;
}

/** One scored (symbol, date). */
export interface ScoredRow {
  symbol: string;
  /** ISO date; null for a row given without one (`POST /predict`). */
  date: string | null;
  /** Label horizon in days of the models. */
  horizon: number;
  /** The key's model: the regression model's name, else the action model's. */
  model: string;
  /** Its registry version. */
  version: string;
  /** Predicted forward return over the horizon (null without a regression model). */
  prediction: number | null;
  /** Quantiles of the return by column name (`q10`, ...), empty without a companion. */
  quantiles: Record<string, number>;
  /** Probability of a positive forward return (see the module doc). */
  pUp: number | null;
  /** The action classifier's output, null without one. */
  action: ActionScore | null;
}

/**
 * Throws unless `models` holds at least one model and both share a horizon, naming them.
 * Returns the horizon.
 */
export function checkModels(models: ScoringModels): number {
  const { regression, action } = models;
  if (!regression && !action) throw new Error("no model to score with");
  if (regression && action && regression.horizon !== action.horizon) {
    throw new Error(
      `the regression model "${regression.info.name}" predicts ${regression.horizon} days ` +
        `ahead but the action model "${action.info.name}" ${action.horizon}: serve models of ` +
        "one horizon",
    );
  }
  if (regression && regression.task !== "regression") {
    throw new Error(`"${regression.info.name}" is an action classifier, not a regression model`);
  }
  if (action) actionClassifier(action);
  return (regression ?? action)!.horizon;
}

/** The feature names the models read (besides `symbol_id`), in first-seen order. */
export function modelFeatures(models: ScoringModels): string[] {
  const names = new Set<string>();
  for (const m of [models.regression, models.action]) {
    if (!m) continue;
    for (const f of m.model.features) if (f !== SYMBOL_FEATURE) names.add(f);
    for (const f of m.quantileModel?.features ?? []) if (f !== SYMBOL_FEATURE) names.add(f);
  }
  return [...names];
}

/**
 * Scores `rows` with `models`. `fallbackSymbols` codes `symbol_id` for a model logged without
 * its coding (versions registered before `symbols.json`): the sorted symbols of the bars, the
 * coding training used when every symbol had a complete row. Throws an
 * {@link UnknownSymbolError} for a symbol outside a model's coding, and naming a feature
 * column `rows` lacks.
 */
export function scoreRows(
  models: ScoringModels,
  rows: InputRows,
  fallbackSymbols: readonly string[] = [],
): ScoredRow[] {
  const horizon = checkModels(models);
  const n = rows.symbol.length;
  const { regression, action } = models;
  const key = (regression ?? action)!;
  const out: ScoredRow[] = rows.symbol.map((symbol, i) => ({
    symbol,
    date: Number.isFinite(rows.day[i]) ? isoFromDay(rows.day[i]) : null,
    horizon,
    model: key.info.name,
    version: key.info.version,
    prediction: null,
    quantiles: {},
    pUp: null,
    action: null,
  }));
  if (n === 0) return out;
  if (regression) {
    const coding = regression.symbols ?? fallbackSymbols;
    const point = regression.model.predict(matrix(rows, regression.model.features, coding));
    for (let i = 0; i < n; i++) out[i].prediction = finite(point[i]);
    const qm = regression.quantileModel;
    if (qm) {
      let q = qm.predictQuantiles(matrix(rows, qm.features, coding));
      q = regression.conformal ? applyConformal(q, regression.conformal) : rearrangeQuantiles(q);
      const names = q.levels.map(quantileColumn);
      const row = new Float64Array(q.levels.length);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < row.length; k++) {
          row[k] = q.values[k][i];
          out[i].quantiles[names[k]] = row[k];
        }
        out[i].pUp = finite(probabilityPositive(q.levels, row));
      }
    }
  }
  if (action) {
    const clf = actionClassifier(action);
    const proba = clf.predictProba(
      matrix(rows, clf.features, action.symbols ?? fallbackSymbols),
    );
    const { actionClass, probabilities } = actionProbabilities(clf.classes, proba);
    const expected = taskPrediction.value("action", clf.classes, proba);
    const up = upProbability("action", clf.classes, proba);
    for (let i = 0; i < n; i++) {
      const p: Record<string, number> = {};
      ACTION_COLUMNS.probabilities.forEach((c, k) => (p[c] = probabilities[k][i]));
      out[i].action = {
        model: action.info.name,
        version: action.info.version,
        actionClass: actionClass[i],
        score: expected[i],
        probabilities: p,
      };
      if (out[i].pUp === null) out[i].pUp = finite(up[i]);
    }
  }
  return out;
}

/**
 * Returns scored rows as the predictions frame `writePredictions` upserts: symbol, date,
 * horizon (Int32), model, version, prediction, the quantile columns, p_up, action_model,
 * action_version, action_class (Int32), action_score and the five probabilities.
 */
export function scoredFrame(rows: readonly ScoredRow[]): pl.DataFrame {
  const quantiles = [...new Set(rows.flatMap((r) => Object.keys(r.quantiles)))]
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const num = (name: string, get: (r: ScoredRow) => number | null | undefined) =>
    pl.Series(name, rows.map((r) => get(r) ?? null), pl.Float64);
  const text = (name: string, get: (r: ScoredRow) => string | null | undefined) =>
    pl.Series(name, rows.map((r) => get(r) ?? null), pl.Utf8);
  return pl.DataFrame([
    text("symbol", (r) => r.symbol),
    daySeries("date", rows.map((r) => (r.date === null ? NaN : parseDay(r.date)))),
    pl.Series("horizon", rows.map((r) => r.horizon), pl.Int32),
    text("model", (r) => r.model),
    text("version", (r) => r.version),
    num("prediction", (r) => r.prediction),
    ...quantiles.map((q) => num(q, (r) => r.quantiles[q])),
    num("p_up", (r) => r.pUp),
    text("action_model", (r) => r.action?.model),
    text("action_version", (r) => r.action?.version),
    num(ACTION_COLUMNS.class, (r) => r.action?.actionClass).cast(pl.Int32),
    num("action_score", (r) => r.action?.score),
    ...ACTION_COLUMNS.probabilities.map((c) => num(c, (r) => r.action?.probabilities[c])),
  ]);
}

/** A row-major matrix of `features` from `rows`, coding `symbol_id` with `coding`. */
function matrix(
  rows: InputRows,
  features: readonly string[],
  coding: readonly string[],
): FeatureMatrix {
  const n = rows.symbol.length;
  const cols = features.length;
  const data = new Float64Array(n * cols);
  features.forEach((f, j) => {
    if (f === SYMBOL_FEATURE) {
      const code = new Map(coding.map((s, k) => [s, k]));
      const unknown = [...new Set(rows.symbol.filter((s) => !code.has(s)))];
      if (unknown.length > 0) throw new UnknownSymbolError(unknown, coding);
      for (let i = 0; i < n; i++) data[i * cols + j] = code.get(rows.symbol[i])!;
      return;
    }
    const values = rows.columns[f];
    if (!values) {
      throw new Error(
        `the rows have no feature "${f}" (features: ${Object.keys(rows.columns).join(", ")})`,
      );
    }
    for (let i = 0; i < n; i++) data[i * cols + j] = values[i];
  });
  return { data, rows: n, cols, features };
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
