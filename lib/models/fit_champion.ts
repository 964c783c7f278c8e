/**
 * The final fit of the selected candidate: the point model on every labelled row and its
 * conformal quantile companion, the models that are registered and served.
 * @module
 */
import type pl from "nodejs-polars";
import { selectColumns, SYMBOL_FEATURE, trainingData } from "./dataset.ts";
import type { TrainingData } from "./dataset.ts";
import type { Model, ModelSpec } from "./model.ts";
import { fitConformalQuantiles } from "./conformal.ts";
import type { ConformalFit } from "./conformal.ts";
import type { MultiQuantileSpec } from "./quantiles.ts";
import type { Task } from "./tasks.ts";
import { taskTarget } from "./tasks.ts";

/** Options of {@link fitChampion}. */
export interface ChampionOptions {
  /** Label horizon in days. */
  horizon: number;
  /** The chosen point model. */
  spec: ModelSpec;
  /** What it predicts. Defaults to `"regression"`. */
  task?: Task;
  /** Feature columns, as in the evaluation. */
  features: readonly string[];
  /** The multi-quantile companion giving intervals; omitted for none. */
  quantiles?: MultiQuantileSpec;
  /** Latest share of dates held out to calibrate the intervals. Defaults to 0.2. */
  calibrationFraction?: number;
}

/** The final models and what they were trained on. */
export interface ChampionFit {
  /** The point model fitted on every labelled row. */
  model: Model;
  /** The conformal quantile model (fitted on the earlier rows, calibrated on the latest). */
  quantiles?: ConformalFit;
  /** The rows both were trained on. */
  data: TrainingData;
  /** Last training date (ISO). */
  trainedThrough: string;
}

/**
 * Fits `options.spec` on every row with features and a label at the horizon, the model that is
 * registered and served, and the quantile companion with its conformal calibration. Throws as
 * `trainingData` does, and when the label is constant or a model cannot be fitted.
 */
export function fitChampion(
  features: pl.DataFrame,
  labels: pl.DataFrame,
  options: ChampionOptions,
): ChampionFit {
  const task = options.task ?? "regression";
  const data = trainingData(features, labels, {
    horizon: options.horizon,
    features: options.features,
    symbolFeature: true,
    requireAction: task === "action",
  });
  const names = data.x.features.filter((f) => f !== SYMBOL_FEATURE);
  const inputs = (spec: ModelSpec) =>
    selectColumns(data.x, spec.symbolFeature ? [...names, SYMBOL_FEATURE] : names);
  const model = options.spec.create();
  model.fit(inputs(options.spec), taskTarget(task, data));
  const all = Int32Array.from({ length: data.x.rows }, (_, i) => i);
  const quantiles = options.quantiles
    ? fitConformalQuantiles(
      options.quantiles,
      inputs(options.quantiles),
      data.forwardReturn,
      all,
      data.date,
      data.labelEnd,
      { calibrationFraction: options.calibrationFraction },
    )
    : undefined;
  const last = data.date.reduce((a, b) => Math.max(a, b), -Infinity);
  return {
    model,
    quantiles,
    data,
    trainedThrough: new Date(last * 86_400_000).toISOString().slice(0, 10),
  };
}
