/**
 * Walk-forward evaluation: every model trained on every purged fold of every horizon, scored
 * out of fold. The out-of-fold predictions are what later steps (factor analysis, backtest)
 * use, since no prediction was made by a model that saw its label.
 * @module
 */
import pl from "nodejs-polars";
import { walkForwardSplits } from "../validation/walk_forward.ts";
import type { Fold, WalkForwardOptions } from "../validation/walk_forward.ts";
import { dayNumbers, daySeries } from "../validation/days.ts";
import { completeRows, featureMatrix, takeRows, takeValues } from "./matrix.ts";
import type { ModelSpec } from "./model.ts";
import { regressionMetrics } from "./metrics.ts";

/** Options of {@link walkForwardEvaluate}. */
export interface EvaluateOptions {
  /** Label horizons in days; each needs `fwd_ret_{h}` and `label_end_{h}` in the labels. */
  horizons: readonly number[];
  /** Models to train on every fold (fresh per fold); names must be unique. */
  models: readonly ModelSpec[];
  /** Fold layout: number of folds, test size and embargo in dates. */
  folds: WalkForwardOptions;
  /** Feature columns; defaults to every column of `features` except `symbol` and `date`. */
  features?: readonly string[];
}

/** Everything {@link walkForwardEvaluate} measured. */
export interface WalkForwardEvaluation {
  /** Feature columns used, in order. */
  features: string[];
  /** Per (horizon, model, fold): n_train, n_test, rmse, mae, r2, direction_accuracy. */
  metrics: pl.DataFrame;
  /** Per (horizon, model), over all out-of-fold rows pooled: n, rmse, mae, r2, direction_accuracy. */
  summary: pl.DataFrame;
  /** Out-of-fold predictions: symbol, date, horizon (Int32), model, prediction. */
  predictions: pl.DataFrame;
  /** Per (horizon, fold): train/test date bounds (Date), n_train, n_test, purged, embargoed. */
  folds: pl.DataFrame;
  /** Per (horizon, model, fold, feature): the fitted model's importance. */
  importance: pl.DataFrame;
  /** Per (horizon, reason): rows left out before splitting (`missing_feature`, `missing_label`). */
  dropped: pl.DataFrame;
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
  const { horizons, models } = options;
  if (horizons.length === 0) throw new Error("no horizons given");
  if (models.length === 0) throw new Error("no models given");
  const names = models.map((m) => m.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`model name "${twice}" is used twice`);
  if (features.height === 0) throw new Error("the features frame has no rows");
  for (const key of ["symbol", "date"]) {
    if (!features.columns.includes(key)) {
      throw new Error(`the features frame has no "${key}" column`);
    }
    if (!labels.columns.includes(key)) throw new Error(`the labels frame has no "${key}" column`);
  }
  const featureNames = [
    ...(options.features ?? features.columns.filter((c) => c !== "symbol" && c !== "date")),
  ];
  const labelColumns = horizons.flatMap((h) => [`fwd_ret_${h}`, `label_end_${h}`]);
  for (const c of labelColumns) {
    if (!labels.columns.includes(c)) {
      throw new Error(
        `the labels frame has no column "${c}" (columns: ${labels.columns.join(", ")})`,
      );
    }
  }

  const joined = features
    .select("symbol", "date", ...featureNames.filter((f) => features.columns.includes(f)))
    .join(labels.select("symbol", "date", ...labelColumns), { on: ["symbol", "date"], how: "left" })
    .sort(["date", "symbol"]);
  const x = featureMatrix(joined, featureNames);
  const complete = completeRows(x);
  const symbols = joined.getColumn("symbol").toArray() as string[];
  const dates = dayNumbers(joined.getColumn("date"));

  const metricRows: Record<string, unknown>[] = [];
  const summaryRows: Record<string, unknown>[] = [];
  const foldRows: Record<string, unknown>[] = [];
  const importanceRows: Record<string, unknown>[] = [];
  const droppedRows: Record<string, unknown>[] = [];
  const predSymbol: string[] = [];
  const predDate: number[] = [];
  const predHorizon: number[] = [];
  const predModel: string[] = [];
  const predValue: number[] = [];

  for (const h of horizons) {
    const y = floatColumn(joined, `fwd_ret_${h}`);
    const ends = dayNumbers(joined.getColumn(`label_end_${h}`));
    const kept: number[] = [];
    let missingFeature = 0;
    let missingLabel = 0;
    for (let i = 0; i < x.rows; i++) {
      if (!complete[i]) missingFeature++;
      else if (!Number.isFinite(y[i]) || !Number.isFinite(ends[i])) missingLabel++;
      else kept.push(i);
    }
    droppedRows.push({ horizon: h, reason: "missing_feature", rows: missingFeature });
    droppedRows.push({ horizon: h, reason: "missing_label", rows: missingLabel });
    if (kept.length === 0) {
      throw new Error(
        `horizon ${h}: no rows left after dropping ${missingFeature} with a missing feature and ` +
          `${missingLabel} with a missing label`,
      );
    }
    const xk = takeRows(x, kept);
    const yk = takeValues(y, kept);
    let folds: Fold[];
    try {
      folds = walkForwardSplits(takeValues(dates, kept), takeValues(ends, kept), options.folds);
    } catch (error) {
      throw new Error(`horizon ${h}: ${(error as Error).message}`, { cause: error });
    }
    const pooled = new Map<string, { actual: number[]; predicted: number[] }>(
      names.map((n) => [n, { actual: [], predicted: [] }]),
    );
    for (const fold of folds) {
      foldRows.push({
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
      const xTrain = takeRows(xk, fold.train);
      const yTrain = takeValues(yk, fold.train);
      const xTest = takeRows(xk, fold.test);
      const yTest = takeValues(yk, fold.test);
      for (const spec of models) {
        const where = `horizon ${h}, fold ${fold.fold}, model "${spec.name}"`;
        let predicted: Float64Array;
        const model = spec.create();
        try {
          model.fit(xTrain, yTrain);
          predicted = model.predict(xTest);
        } catch (error) {
          throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
        }
        const m = regressionMetrics(yTest, predicted);
        metricRows.push({
          horizon: h,
          model: spec.name,
          fold: fold.fold,
          n_train: fold.train.length,
          n_test: m.n,
          rmse: m.rmse,
          mae: m.mae,
          r2: m.r2,
          direction_accuracy: m.directionAccuracy,
        });
        for (const { feature, importance } of model.importance()) {
          importanceRows.push({
            horizon: h,
            model: spec.name,
            fold: fold.fold,
            feature,
            importance,
          });
        }
        const pool = pooled.get(spec.name)!;
        for (let r = 0; r < fold.test.length; r++) {
          const row = kept[fold.test[r]];
          predSymbol.push(symbols[row]);
          predDate.push(dates[row]);
          predHorizon.push(h);
          predModel.push(spec.name);
          predValue.push(predicted[r]);
          pool.actual.push(yTest[r]);
          pool.predicted.push(predicted[r]);
        }
      }
    }
    for (const [model, pool] of pooled) {
      const m = regressionMetrics(pool.actual, pool.predicted);
      summaryRows.push({
        horizon: h,
        model,
        n: m.n,
        rmse: m.rmse,
        mae: m.mae,
        r2: m.r2,
        direction_accuracy: m.directionAccuracy,
      });
    }
  }

  const predictions = pl.DataFrame([
    pl.Series("symbol", predSymbol, pl.Utf8),
    daySeries("date", predDate),
    pl.Series("horizon", predHorizon, pl.Int32),
    pl.Series("model", predModel, pl.Utf8),
    pl.Series("prediction", predValue, pl.Float64),
  ]).sort(["horizon", "model", "date", "symbol"]);

  return {
    features: featureNames,
    metrics: intHorizon(pl.DataFrame(metricRows)),
    summary: intHorizon(pl.DataFrame(summaryRows)),
    predictions,
    folds: intHorizon(pl.DataFrame(foldRows)).withColumns(
      ...["train_start", "train_end", "test_start", "test_end"].map((c) =>
        pl.col(c).str.strptime(pl.Date, "%Y-%m-%d")
      ),
    ),
    importance: intHorizon(pl.DataFrame(importanceRows)),
    dropped: intHorizon(pl.DataFrame(droppedRows)),
  };
}

function floatColumn(frame: pl.DataFrame, name: string): Float64Array {
  const values = frame.getColumn(name).cast(pl.Float64).toArray() as (number | null)[];
  return Float64Array.from(values, (v) => v ?? NaN);
}

function intHorizon(frame: pl.DataFrame): pl.DataFrame {
  return frame.withColumns(pl.col("horizon").cast(pl.Int32));
}
