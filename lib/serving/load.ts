/**
 * Loading a registered model for inference: alias -> version -> its files -> the fitted model
 * (and the quantile companion with its conformal corrections, when one was logged).
 * @module
 */
import { type MlflowClient, MlflowError } from "../mlflow/client.ts";
import { downloadSourceFile } from "../mlflow/artifacts.ts";
import { versionByAlias } from "../mlflow/registry.ts";
import type { Model, SavedModel } from "../models/model.ts";
import { loadModel } from "../models/registry.ts";
import {
  MODEL_JSON,
  parseModelJson,
  parseQuantileFile,
  QUANTILES_FILE,
} from "../models/model_files.ts";
import type { ConformalCalibration } from "../models/conformal.ts";
import type { MultiQuantileModel } from "../models/quantiles.ts";

/** A model loaded from the registry. */
export interface LoadedModel {
  /** The fitted model, rebuilt with `loadModel`. */
  model: Model;
  /** The JSON it was rebuilt from. */
  saved: SavedModel;
  /** The registered model name. */
  name: string;
  /** The version the alias points at. */
  version: string;
  /** The run that logged the model, when the version records one. */
  runId?: string;
  /** The URI the files were downloaded from. */
  source: string;
}

/** A registered model and its quantile companion, ready for `predictFrame`. */
export interface ServedModel extends LoadedModel {
  /** The quantile model logged with it, if any. */
  quantileModel?: MultiQuantileModel;
  /** Its conformal corrections. */
  conformal?: ConformalCalibration;
}

/**
 * Downloads the model that `alias` of registered model `name` points at and rebuilds it with
 * `loadModel`. Throws naming the model and the alias when either does not exist, listing the
 * aliases the model has.
 *
 * @example
 * ```ts ignore
 * const { model, version } = await loadByAlias(mlflow, "ranker", "champion");
 * const predictions = predictFrame(model, features, { horizon: 5, name: "ranker", version });
 * ```
 */
export async function loadByAlias(
  client: MlflowClient,
  name: string,
  alias: string,
): Promise<LoadedModel> {
  const { version, source } = await versionByAlias(client, name, alias);
  const what = `model "${version.name}" version ${version.version}`;
  const bytes = await downloadSourceFile(client, source, MODEL_JSON, what);
  const saved = parseModelJson(
    bytes,
    `${MODEL_JSON} of model "${name}" version ${version.version}`,
  );
  return {
    model: loadModel(saved),
    saved,
    name,
    version: version.version,
    runId: version.runId,
    source,
  };
}

/**
 * Loads the model behind `alias` of registered model `name` with its quantile companion.
 * Throws (from {@link loadByAlias}) naming the model and alias when the alias does not exist.
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
  const { saved, conformal } = parseQuantileFile(bytes);
  return { ...loaded, quantileModel: loadModel(saved) as MultiQuantileModel, conformal };
}
