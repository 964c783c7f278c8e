/**
 * From the selected candidate to a registered, servable model: the final fit on every labelled
 * row, its conformal quantile companion, the windows compared for drift, and the files logged
 * with the model so inference can rebuild both from a registry alias.
 * @module
 */
import pl from "nodejs-polars";
import { dayNumbers } from "../validation/days.ts";
import { selectColumns, SYMBOL_FEATURE, trainingData } from "./dataset.ts";
import type { TrainingData } from "./dataset.ts";
import type { Model, ModelSpec, SavedModel } from "./model.ts";
import { fitConformalQuantiles } from "./conformal.ts";
import type { ConformalCalibration, ConformalFit } from "./conformal.ts";
import type { MultiQuantileModel, MultiQuantileSpec } from "./quantiles.ts";
import { loadModel } from "./registry.ts";
import { MlflowError } from "../mlflow/client.ts";
import type { MlflowClient } from "../mlflow/client.ts";
import { loadByAlias } from "../mlflow/registry.ts";
import type { LoadedModel } from "../mlflow/registry.ts";
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

/**
 * Returns the feature rows of the training window and of the latest `window` dates, the two
 * samples a drift report compares. The latest dates are those of the features frame, which
 * reach past the last label; the training window is every earlier date.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { driftWindows } from "@lib/models/champion.ts";
 * const date = [0, 1, 2, 3].map((d) => new Date(d * 86_400_000));
 * const f = pl.DataFrame({ symbol: ["a", "a", "a", "a"], x: [1, 2, 3, 4] }).withColumns(pl.Series("date", date).cast(pl.Date));
 * const { train, latest } = driftWindows(f, 1);
 * if (train.height !== 3 || latest.height !== 1) throw new Error();
 * ```
 */
export function driftWindows(
  features: pl.DataFrame,
  window: number,
): { train: pl.DataFrame; latest: pl.DataFrame } {
  const days = [...new Set(dayNumbers(features.getColumn("date")))].sort((a, b) => a - b);
  if (days.length <= window) {
    throw new Error(
      `drift needs more than ${window} dates (the latest window) in the features; they have ${days.length}`,
    );
  }
  const cut = days[days.length - window];
  const day = dayNumbers(features.getColumn("date"));
  const latestMask = pl.Series("latest", Array.from(day, (d) => d >= cut));
  return {
    train: features.filter(latestMask.not()),
    latest: features.filter(latestMask),
  };
}

/** Name of the file holding the quantile companion next to the registered model. */
export const QUANTILES_FILE = "quantiles.json";

interface QuantileBundle {
  saved: SavedModel;
  calibration: {
    pairs: (Omit<ConformalCalibration["pairs"][number], "correction"> & {
      correction: number | null;
    })[];
  };
}

/**
 * Returns the extra artifact files logged with the champion: `quantiles.json` with the quantile
 * model and its conformal corrections (an infinite correction, from too few calibration rows,
 * is stored as null).
 */
export function championFiles(fit: ChampionFit): Record<string, string> {
  if (!fit.quantiles) return {};
  const bundle: QuantileBundle = {
    saved: fit.quantiles.model.save(),
    calibration: {
      pairs: fit.quantiles.calibration.pairs.map((p) => ({
        ...p,
        correction: Number.isFinite(p.correction) ? p.correction : null,
      })),
    },
  };
  return { [QUANTILES_FILE]: JSON.stringify(bundle) };
}

/** A registered model and its quantile companion, ready for `predictFrame`. */
export interface ServedModel extends LoadedModel {
  /** The quantile model logged with it, if any. */
  quantileModel?: MultiQuantileModel;
  /** Its conformal corrections. */
  conformal?: ConformalCalibration;
}

/**
 * Loads the model behind `alias` of registered model `name` with its quantile companion.
 * Throws (from `loadByAlias`) naming the model and alias when the alias does not exist.
 */
export async function loadServedModel(
  client: MlflowClient,
  name: string,
  alias: string,
): Promise<ServedModel> {
  const loaded = await loadByAlias(client, name, alias);
  let bytes: Uint8Array;
  try {
    bytes = await client.downloadArtifactUri(loaded.source, QUANTILES_FILE);
  } catch (error) {
    if (error instanceof MlflowError && error.status === 404) return loaded; // no intervals logged
    throw error;
  }
  const bundle = JSON.parse(new TextDecoder().decode(bytes)) as QuantileBundle;
  return {
    ...loaded,
    quantileModel: loadModel(bundle.saved) as MultiQuantileModel,
    conformal: {
      pairs: bundle.calibration.pairs.map((p) => ({
        ...p,
        correction: p.correction ?? Infinity,
      })),
    },
  };
}
