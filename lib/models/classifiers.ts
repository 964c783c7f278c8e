/**
 * The classifiers of the training step on the point models' folds: the direction models and,
 * when asked for, the five-class action model, with their tables side by side.
 * @module
 */
import pl from "nodejs-polars";
import { concatRows } from "../frames.ts";
import type { WalkForwardOptions } from "../validation/walk_forward.ts";
import { walkForwardEvaluate } from "./evaluate.ts";
import type { WalkForwardEvaluation } from "./evaluate.ts";
import { actionCandidates, directionCandidates } from "./candidates.ts";
import type { CandidateSettings } from "./candidates.ts";
import { ACTION_SELECTION, selectActionChampion } from "./selection.ts";
import type { Selection } from "./selection.ts";
import type { ActionChampionRecord } from "./champion_record.ts";

/** Options of {@link walkForwardClassifiers}. */
export interface ClassifierOptions {
  /** Label horizon in days. */
  horizon: number;
  /** The step's settings: which direction models, whether an action model, their parameters. */
  settings: CandidateSettings & { actionModel: boolean };
  /** Fold layout, the point models' so the results compare. */
  folds: WalkForwardOptions;
  /** Feature columns; undefined for every column of the features. */
  features?: readonly string[];
}

/** The classifiers' evaluations and their combined tables. */
export interface ClassifierEvaluation {
  /** The direction classifiers (P(up)). */
  direction: WalkForwardEvaluation;
  /** The action classifiers, when `settings.actionModel` is set. */
  action?: WalkForwardEvaluation;
  /** Pooled metrics of every classifier (direction rows, then action rows). */
  summary: pl.DataFrame;
  /** Pooled confusion counts of every classifier. */
  confusion: pl.DataFrame;
  /** Out-of-fold predictions of every classifier (direction, then action). */
  predictions: readonly pl.DataFrame[];
  /** The action models' out-of-fold expected action scores, when there are any. */
  actionPredictions?: pl.DataFrame;
}

/**
 * Evaluates the direction classifiers and then (with `settings.actionModel`) the action model
 * on the same folds at one horizon. Throws as `walkForwardEvaluate` does.
 *
 * @example
 * ```ts ignore
 * const classifiers = walkForwardClassifiers(features, labels, { horizon: 5, settings: p, folds });
 * classifiers.summary; // accuracy, macro_f1, auc, log_loss per classifier
 * ```
 */
export function walkForwardClassifiers(
  features: pl.DataFrame,
  labels: pl.DataFrame,
  options: ClassifierOptions,
): ClassifierEvaluation {
  const { horizon, settings, folds } = options;
  const direction = walkForwardEvaluate(features, labels, {
    horizons: [horizon],
    models: directionCandidates(settings),
    folds,
    features: options.features,
    task: "direction",
  });
  const action = settings.actionModel
    ? walkForwardEvaluate(features, labels, {
      horizons: [horizon],
      models: actionCandidates(settings),
      folds,
      features: options.features,
      task: "action",
    })
    : undefined;
  const evaluations = action ? [direction, action] : [direction];
  return {
    direction,
    action,
    summary: pl.concat(evaluations.map((e) => e.summary), { how: "diagonal" }),
    confusion: concatRows(evaluations.map((e) => e.confusion)),
    predictions: evaluations.map((e) => e.predictions),
    actionPredictions: action?.predictions,
  };
}

/**
 * Returns every out-of-fold prediction of the step in one frame: the point models', then the
 * classifiers'. Columns only the action models have (`action_class`, `p_strong_sell` ..) are
 * null on the other models' rows.
 */
export function stepPredictions(
  regression: WalkForwardEvaluation,
  classifiers: ClassifierEvaluation,
): pl.DataFrame {
  const frames = [regression.predictions, ...classifiers.predictions];
  const widest = frames.reduce((a, b) => (b.width > a.width ? b : a));
  return concatRows(frames.map((frame) => padColumns(frame, widest)));
}

/** `frame` with every column of `like` it lacks as nulls of `like`'s type, in `like`'s order. */
function padColumns(frame: pl.DataFrame, like: pl.DataFrame): pl.DataFrame {
  const missing = like.columns.filter((c) => !frame.columns.includes(c));
  if (missing.length === 0) return frame;
  return frame.withColumns(
    ...missing.map((c) => pl.lit(null).cast(like.getColumn(c).dtype).alias(c)),
  ).select(...like.columns);
}

/** The action champion of a step, or why there is none. */
export interface ActionChampion {
  /** The selection (ranking by macro F1, then accuracy); absent without action classifiers. */
  selection?: Selection;
  /** What the champion record and the tags say about it; absent without action classifiers. */
  record?: ActionChampionRecord;
  /** One sentence for the page (Markdown). */
  line: string;
  /** The ranking, or an empty frame without action classifiers. */
  ranking: pl.DataFrame;
}

/**
 * Returns the action champion among `classifiers.action` (highest pooled out-of-fold macro F1,
 * accuracy breaking ties), to be registered as `registeredModel`; without action classifiers
 * (`actionModel` false) a line saying so and no selection.
 */
export function actionChampion(
  classifiers: ClassifierEvaluation,
  registeredModel: string,
): ActionChampion {
  if (!classifiers.action) {
    return {
      line: "No action classifiers were trained (`actionModel` is false): there is no action " +
        "champion, and the index signal scores constituents from the regression champion.",
      ranking: pl.DataFrame({ rank: [], model: [] }),
    };
  }
  const summary = classifiers.action.summary;
  const selection = selectActionChampion(summary);
  const row = summary.filter(pl.col("model").eq(pl.lit(selection.champion))).toRecords()[0];
  const { rule, tieBreak } = ACTION_SELECTION;
  const record: ActionChampionRecord = {
    model: selection.champion,
    macroF1: row[rule.metric] as number,
    accuracy: row[tieBreak.metric] as number,
    candidates: summary.getColumn("model").toArray() as string[],
    registeredModel,
  };
  return {
    selection,
    record,
    line: `Action champion by macro F1 (accuracy breaks ties): **${record.model}** (macro F1 ` +
      `${record.macroF1.toFixed(3)}, accuracy ${record.accuracy.toFixed(3)}, among ` +
      `${record.candidates.length}); registered as **${registeredModel}**, it scores the index ` +
      "constituents.",
    ranking: selection.ranking,
  };
}
