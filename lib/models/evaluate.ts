/**
 * Walk-forward evaluation: every model trained on every purged fold of every horizon, scored
 * out of fold. The out-of-fold predictions are what later steps (factor analysis, backtest)
 * use, since no prediction was made by a model that saw its label.
 * @module
 */
import pl from "nodejs-polars";
import { walkForwardSplits } from "../validation/walk_forward.ts";
import type { Fold, WalkForwardOptions } from "../validation/walk_forward.ts";
import { daySeries } from "../validation/days.ts";
import { takeRows, takeValues } from "./matrix.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { isClassifier } from "./model.ts";
import type { Model, ModelSpec } from "./model.ts";
import { regressionMetrics } from "./metrics.ts";
import { classificationScores } from "./classification_scores.ts";
import { classificationBaselines, regressionBaselines } from "./baselines.ts";
import { selectColumns, SYMBOL_FEATURE, trainingData } from "./dataset.ts";
import type { TrainingData } from "./dataset.ts";
import { ACTION_COLUMNS, actionProbabilities, taskPrediction, taskTarget } from "./tasks.ts";
import type { Task } from "./tasks.ts";

/** Options of {@link walkForwardEvaluate}. */
export interface EvaluateOptions {
  /** Label horizons in days; each needs `fwd_ret_{h}` and `label_end_{h}` in the labels. */
  horizons: readonly number[];
  /** Models to train on every fold (fresh per fold); names must be unique. */
  models: readonly ModelSpec[];
  /** Fold layout: number of folds, test size, embargo and window in dates. */
  folds: WalkForwardOptions;
  /** Feature columns; defaults to every column of `features` except `symbol` and `date`. */
  features?: readonly string[];
  /**
   * What the models predict (see tasks.ts): `"regression"` of the forward return (the
   * default), `"direction"` (class 1 when the forward return is positive) or `"action"` (the
   * five action classes, `action_{h}` in the labels).
   */
  task?: Task;
}

/** Everything {@link walkForwardEvaluate} measured. */
export interface WalkForwardEvaluation {
  /** The task the models were evaluated on. */
  task: Task;
  /** Feature columns used, in order (without {@link SYMBOL_FEATURE}, which models opt into). */
  features: string[];
  /**
   * Per (horizon, model, fold): n_train, n_test and the task's metrics with their baselines
   * (baselines.ts): rmse, mae, r2, r2_zero (R² against a zero forecast), direction_accuracy,
   * always_up_accuracy for regression; accuracy, macro_f1, auc, log_loss, majority_accuracy and
   * (direction) always_up_accuracy for classification. AUC's baseline is 0.5.
   */
  metrics: pl.DataFrame;
  /** Per (horizon, model), over all out-of-fold rows pooled: n and the same metrics. */
  summary: pl.DataFrame;
  /**
   * Out-of-fold predictions: symbol, date, horizon (Int32), model, prediction: the predicted
   * return (regression), the probability of a positive return (direction) or the expected
   * action score in [-2, 2] (action). Action predictions also hold the predicted class
   * `action_class` (-2..2) and the five class probabilities `p_strong_sell` .. `p_strong_buy`.
   */
  predictions: pl.DataFrame;
  /** Per (horizon, fold): train/test date bounds (Date), n_train, n_test, purged, embargoed. */
  folds: pl.DataFrame;
  /** Per (horizon, model, fold, feature): the fitted model's importance. */
  importance: pl.DataFrame;
  /** Per (horizon, reason): rows left out before splitting (`missing_feature`, `missing_label`). */
  dropped: pl.DataFrame;
  /** Pooled confusion counts of classifiers: horizon, model, actual, predicted, count. */
  confusion: pl.DataFrame;
}

/**
 * Trains each model on each walk-forward fold of each horizon and returns per-fold metrics and
 * out-of-fold predictions. Rows with a missing feature (warm-up) or label (the last h dates) are
 * dropped before splitting and counted in `dropped`. Throws naming a missing feature or label
 * column, when no rows are left, or when a fold cannot be fitted (for example a constant label),
 * with the horizon, fold and model in the message.
 */
export function walkForwardEvaluate(
  features: pl.DataFrame,
  labels: pl.DataFrame,
  options: EvaluateOptions,
): WalkForwardEvaluation {
  const { horizons, models, task = "regression" } = options;
  if (horizons.length === 0) throw new Error("no horizons given");
  if (models.length === 0) throw new Error("no models given");
  const names = models.map((m) => m.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`model name "${twice}" is used twice`);
  const symbolFeature = models.some((m) => m.symbolFeature);

  const out = new Rows();
  let featureNames: string[] = [];
  for (const h of horizons) {
    const data = trainingData(features, labels, {
      horizon: h,
      features: options.features,
      symbolFeature,
      requireAction: task === "action",
    });
    featureNames = data.x.features.filter((f) => f !== SYMBOL_FEATURE);
    for (const d of data.dropped) out.dropped.push({ horizon: h, ...d });
    const y = taskTarget(task, data);
    let folds: Fold[];
    try {
      folds = walkForwardSplits(data.date, data.labelEnd, options.folds);
    } catch (error) {
      throw new Error(`horizon ${h}: ${(error as Error).message}`, { cause: error });
    }
    const inputs = new Map(models.map((m) => [m.name, modelInputs(data, m, featureNames)]));
    const pooled = new Map(names.map((n) => [n, new Pool()]));
    for (const fold of folds) {
      out.folds.push({
        horizon: h,
        fold: fold.fold,
        train_start: fold.trainStart,
        train_end: fold.trainEnd,
        test_start: fold.testStart,
        test_end: fold.testEnd,
        n_train: fold.train.length,
        n_test: fold.test.length,
        purged: fold.purged,
        embargoed: fold.embargoed,
      });
      const yTrain = takeValues(y, fold.train);
      const yTest = takeValues(y, fold.test);
      for (const spec of models) {
        const x = inputs.get(spec.name)!;
        const where = `horizon ${h}, fold ${fold.fold}, model "${spec.name}"`;
        const model = spec.create();
        let scored: Scored;
        try {
          model.fit(takeRows(x, fold.train), yTrain);
          scored = score(task, model, takeRows(x, fold.test));
        } catch (error) {
          throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
        }
        out.metrics.push({
          horizon: h,
          model: spec.name,
          fold: fold.fold,
          n_train: fold.train.length,
          ...metricsOf(task, yTest, scored),
        });
        for (const { feature, importance } of model.importance()) {
          out.importance.push({
            horizon: h,
            model: spec.name,
            fold: fold.fold,
            feature,
            importance,
          });
        }
        pooled.get(spec.name)!.add(yTest, scored);
        for (let r = 0; r < fold.test.length; r++) {
          const row = fold.test[r];
          out.predictions.push(data.symbol[row], data.date[row], h, spec.name, scored.value[r]);
        }
        if (task === "action") out.actionRows(actionProbabilities(scored.classes!, scored.proba!));
      }
    }
    for (const [model, pool] of pooled) {
      const scored = pool.scored();
      out.summary.push({ horizon: h, model, ...metricsOf(task, pool.actual(), scored) });
      if (task !== "regression") {
        const classes = scored.classes!;
        const counts = confusionCounts(pool.actual(), scored.predicted);
        for (const [key, count] of counts) {
          const [actual, predicted] = key.split(":").map(Number);
          out.confusion.push({
            horizon: h,
            model,
            actual: taskPrediction.classLabel(task, classes, actual),
            predicted: taskPrediction.classLabel(task, classes, predicted),
            count,
          });
        }
      }
    }
  }
  return out.result(task, featureNames);
}

/** One model's view of the training data: its features, with the symbol code if it opts in. */
function modelInputs(data: TrainingData, spec: ModelSpec, features: string[]): FeatureMatrix {
  return selectColumns(data.x, spec.symbolFeature ? [...features, SYMBOL_FEATURE] : features);
}

/** A fitted model's output on test rows. */
interface Scored {
  /** The prediction column: value, P(up) or expected action score. */
  value: Float64Array;
  /** Predicted class per row (classification only; the class index, see tasks.ts). */
  predicted: Float64Array;
  /** Row-major class probabilities (classification only). */
  proba?: Float64Array;
  /** Class indices of the probability columns (classification only). */
  classes?: readonly number[];
}

function score(task: Task, model: Model, x: FeatureMatrix): Scored {
  if (task === "regression") {
    const value = model.predict(x);
    return { value, predicted: value };
  }
  if (!isClassifier(model)) {
    throw new Error(`the ${task} task needs a classifier; model "${model.kind}" is a regressor`);
  }
  const proba = model.predictProba(x);
  return {
    value: taskPrediction.value(task, model.classes, proba),
    predicted: model.predict(x),
    proba,
    classes: model.classes,
  };
}

function metricsOf(task: Task, actual: Float64Array, scored: Scored): Record<string, number> {
  if (task === "regression") {
    const m = regressionMetrics(actual, scored.value);
    const b = regressionBaselines(actual, scored.value);
    return {
      n_test: m.n,
      rmse: m.rmse,
      mae: m.mae,
      r2: m.r2,
      r2_zero: b.r2Zero!,
      direction_accuracy: m.directionAccuracy,
      always_up_accuracy: b.alwaysUp,
    };
  }
  // Direction: class 1 is "up". Action classes have no single "up", so only the majority.
  const b = classificationBaselines(actual, 1);
  return {
    n_test: actual.length,
    ...classificationScores(actual, scored.proba!, scored.classes!),
    majority_accuracy: b.majority!,
    ...(task === "direction" ? { always_up_accuracy: b.alwaysUp } : {}),
  };
}

function confusionCounts(actual: Float64Array, predicted: Float64Array): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < actual.length; i++) {
    const key = `${actual[i]}:${predicted[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Out-of-fold rows of one model, pooled over folds: each fold's arrays are kept and joined into
 * one typed array per column when read, in fold order. (Spreading them into `push` overflowed
 * the call stack at 500 symbols x 2,520 days.)
 */
class Pool {
  #actual: Float64Array[] = [];
  #value: Float64Array[] = [];
  #predicted: Float64Array[] = [];
  #proba: Float64Array[] = [];
  #classes: readonly number[] | undefined;

  // Copies, as the spreads did: a model may hand out a buffer it reuses on its next call.
  add(actual: Float64Array, scored: Scored): void {
    this.#actual.push(actual.slice());
    this.#value.push(scored.value.slice());
    this.#predicted.push(scored.predicted.slice());
    if (scored.proba) this.#proba.push(scored.proba.slice());
    this.#classes ??= scored.classes;
  }

  actual(): Float64Array {
    return concatenate(this.#actual);
  }

  scored(): Scored {
    return {
      value: concatenate(this.#value),
      predicted: concatenate(this.#predicted),
      proba: this.#classes ? concatenate(this.#proba) : undefined,
      classes: this.#classes,
    };
  }
}

/** `parts` end to end in one new array. */
function concatenate(parts: readonly Float64Array[]): Float64Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Float64Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function concatInt(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The evaluation's result rows, collected as plain records and turned into frames at the end. */
class Rows {
  metrics: Record<string, unknown>[] = [];
  summary: Record<string, unknown>[] = [];
  folds: Record<string, unknown>[] = [];
  importance: Record<string, unknown>[] = [];
  dropped: Record<string, unknown>[] = [];
  confusion: Record<string, unknown>[] = [];
  #symbol: string[] = [];
  #date: number[] = [];
  #horizon: number[] = [];
  #model: string[] = [];
  #value: number[] = [];
  #actionClass: Int32Array[] = [];
  #probabilities: Float64Array[][] = ACTION_COLUMNS.probabilities.map(() => []);

  /** Appends the class and probabilities of the rows just pushed (action task only). */
  actionRows(rows: { actionClass: Int32Array; probabilities: Float64Array[] }): void {
    this.#actionClass.push(rows.actionClass);
    rows.probabilities.forEach((p, c) => this.#probabilities[c].push(p));
  }

  get predictions() {
    return {
      push: (symbol: string, date: number, horizon: number, model: string, value: number) => {
        this.#symbol.push(symbol);
        this.#date.push(date);
        this.#horizon.push(horizon);
        this.#model.push(model);
        this.#value.push(value);
      },
    };
  }

  result(task: Task, features: string[]): WalkForwardEvaluation {
    const predictions = pl.DataFrame([
      pl.Series("symbol", this.#symbol, pl.Utf8),
      daySeries("date", this.#date),
      pl.Series("horizon", this.#horizon, pl.Int32),
      pl.Series("model", this.#model, pl.Utf8),
      pl.Series("prediction", this.#value, pl.Float64),
      ...(task === "action"
        ? [
          pl.Series(ACTION_COLUMNS.class, concatInt(this.#actionClass), pl.Int32),
          ...ACTION_COLUMNS.probabilities.map((name, c) =>
            pl.Series(name, concatenate(this.#probabilities[c]), pl.Float64)
          ),
        ]
        : []),
    ]).sort(["horizon", "model", "date", "symbol"]);
    const confusion = this.confusion.length > 0
      ? intHorizon(pl.DataFrame(this.confusion))
      : pl.DataFrame({ horizon: [], model: [], actual: [], predicted: [], count: [] });
    return {
      task,
      features,
      metrics: intHorizon(pl.DataFrame(this.metrics)),
      summary: intHorizon(pl.DataFrame(this.summary)),
      predictions,
      folds: intHorizon(pl.DataFrame(this.folds)).withColumns(
        ...["train_start", "train_end", "test_start", "test_end"].map((c) =>
          pl.col(c).str.strptime(pl.Date, "%Y-%m-%d")
        ),
      ),
      importance: intHorizon(pl.DataFrame(this.importance)),
      dropped: intHorizon(pl.DataFrame(this.dropped)),
      confusion,
    };
  }
}

function intHorizon(frame: pl.DataFrame): pl.DataFrame {
  return frame.withColumns(pl.col("horizon").cast(pl.Int32));
}
