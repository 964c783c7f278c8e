/**
 * Logging a fitted model into a tracking run: its saved files become the run's artifacts under
 * one folder, the source a registry version points at.
 * @module
 */
import type { MlflowClient } from "../mlflow/client.ts";
import { logArtifactFiles } from "../mlflow/artifacts.ts";
import type { LoggedArtifacts } from "../mlflow/artifacts.ts";
import { modelArtifactFiles } from "../models/model_files.ts";
import type { ModelFiles } from "../models/model_files.ts";
import type { SavedModel } from "../models/model.ts";

/**
 * The file, beside `model.json`, holding the symbol coding of the `symbol_id` feature (the
 * sorted symbols of the training rows), so a model scored outside the training step codes each
 * symbol as it was trained.
 */
export const SYMBOLS_FILE = "symbols.json";

/** Returns the contents of {@link SYMBOLS_FILE} for a symbol coding. */
export function symbolsFile(symbols: readonly string[]): string {
  return JSON.stringify({ symbols: [...symbols] }) + "\n";
}

/** What {@link logModel} uploaded: the run, the folder, its source URI and the files. */
export type LoggedModel = LoggedArtifacts;

/**
 * Uploads `saved` (and a LightGBM text dump if its state has one, and `extra` files) under
 * `artifactPath` of run `runId`; returns what was uploaded and the source URI to register.
 *
 * @example
 * ```ts ignore
 * const logged = await logModel(mlflow, run.runId, "model", model.save());
 * const version = await registerModel(mlflow, { name: "ranker", runId: run.runId, artifactPath: "model" });
 * ```
 */
export function logModel(
  client: MlflowClient,
  runId: string,
  artifactPath: string,
  saved: SavedModel,
  extra: ModelFiles = {},
): Promise<LoggedModel> {
  return logArtifactFiles(client, runId, artifactPath, modelArtifactFiles(saved, extra));
}
