/**
 * Inference from a registry alias: the model behind the alias scores the latest date of the
 * features and the predictions are upserted into the inference file.
 * @module
 */
import pl from "nodejs-polars";
import type { MlflowClient } from "../mlflow/client.ts";
import { CHAMPION, hasAlias } from "../mlflow/registry.ts";
import { predictFrame, writePredictions } from "../models/inference.ts";
import { loadServedModel } from "./load.ts";

/** Options of {@link inferLatest}. */
export interface InferLatestOptions {
  /** The features frame; its latest date is scored. */
  features: pl.DataFrame;
  /** Registered model name. */
  registeredModel: string;
  /** The alias to load. */
  alias: string;
  /** Label horizon the model predicts, in days. */
  horizon: number;
  /** Symbols in the order the model's symbol feature was encoded (`fit.data.symbols`). */
  symbols?: readonly string[];
  /** The inference Parquet file the predictions are upserted into. */
  path: string;
  /** The version this run registered, named when the gate refused it. */
  registeredVersion: string;
}

/** What {@link inferLatest} did. */
export interface Inference {
  /** Rows of the inference file after the write; 0 when inference was skipped. */
  rows: number;
  /** The predictions, or a sentence saying why there are none (Markdown). */
  display: pl.DataFrame | string;
}

/**
 * Loads the model behind `options.alias` (with its quantile companion) and writes its
 * predictions for the latest date of the features to `options.path`. When the alias is
 * `champion` and no version has passed the gate yet, there is nothing approved to serve: it
 * writes nothing and says so. Throws (from the loader) for any other missing alias.
 *
 * @example
 * ```ts ignore
 * const inference = await inferLatest(client, { features, registeredModel: "stock-returns",
 *   alias: "champion", horizon: 5, path, registeredVersion: "1" });
 * inference.rows; // 0 when the first version failed the gate
 * ```
 */
export async function inferLatest(
  client: MlflowClient,
  options: InferLatestOptions,
): Promise<Inference> {
  const { registeredModel: name, alias } = options;
  const known = await hasAlias(client, name, CHAMPION);
  if (alias === CHAMPION && !known) {
    return {
      rows: 0,
      display: `No \`${CHAMPION}\` version of ${name} yet (the gate refused version ` +
        `${options.registeredVersion}); inference is skipped.`,
    };
  }
  const served = await loadServedModel(client, name, alias);
  const latest = options.features.filter(pl.col("date").eq(pl.col("date").max()));
  const inference = predictFrame(served.model, latest, {
    horizon: options.horizon,
    name,
    version: served.version,
    quantileModel: served.quantileModel,
    conformal: served.conformal,
    symbols: options.symbols,
  });
  const rows = (await writePredictions(options.path, inference)).height;
  return { rows, display: inference };
}
