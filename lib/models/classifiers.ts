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
