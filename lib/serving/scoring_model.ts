/**
 * A registered model ready to score, with everything scoring needs beside the fitted model: the
 * version it is, its horizon and trained-through date (version tags), its quantile companion,
 * its symbol coding and, for the action classifier, its classes. Loaded from the registry alias
 * or from a local model folder; both read the same files, so a folder written by
 * {@link saveModelFolder} serves exactly what the registry served.
 *
 * Folder layout: the model's registry files (`model.json`, and when logged `quantiles.json`,
 * `classes.json`, `symbols.json`) and `version.json` (name, alias, version, run, tags).
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import { type MlflowClient, MlflowError } from "../mlflow/client.ts";
import { versionByAlias } from "../mlflow/registry.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { isClassifier } from "../models/model.ts";
import type { Classifier, Model } from "../models/model.ts";
import { loadModel } from "../models/registry.ts";
import {
  MODEL_JSON,
  parseModelJson,
  parseQuantileFile,
  QUANTILES_FILE,
} from "../models/model_files.ts";
import type { ConformalCalibration } from "../models/conformal.ts";
import type { MultiQuantileModel } from "../models/quantiles.ts";
import { ACTION_CLASSES_FILE, type ActionClassesFile } from "./publish_action.ts";
import type { ModelRef } from "./model_ref.ts";
import { SYMBOLS_FILE } from "./log_model.ts";

/** The file of a model folder naming the registry version it holds. */
export const VERSION_FILE = "version.json";

const OPTIONAL_FILES = [QUANTILES_FILE, ACTION_CLASSES_FILE, SYMBOLS_FILE] as const;

/** What {@link VERSION_FILE} holds. */
export interface VersionInfo {
  /** Registered model name. */
  name: string;
  /** The alias it was loaded by. */
  alias: string;
  /** The registry version. */
  version: string;
  /** The run that logged it, if recorded. */
  runId?: string;
  /** The version's tags (candidate, task, horizon, trained_through, metrics). */
  tags: Record<string, string>;
}

const versionInfoSchema = z.object({
  name: z.string().min(1),
  alias: z.string().min(1),
  version: z.string().min(1),
  runId: z.string().optional(),
  tags: z.record(z.string()),
});

const classesSchema = z.object({
  task: z.literal("action"),
  classes: z.array(z.number().int()),
  probabilities: z.array(z.string()),
  classColumn: z.string(),
  modelClasses: z.array(z.number().int()),
});

const symbolsSchema = z.object({ symbols: z.array(z.string()) });

/** A loaded model and what scoring it needs. */
export interface ScoringModel {
  /** The registry version it is. */
  info: VersionInfo;
  /** `regression` (a predicted return) or `action` (five-class classifier). */
  task: "regression" | "action";
  /** Label horizon in days (version tag `horizon`). */
  horizon: number;
  /** Last training date (version tag `trained_through`), when tagged. */
  trainedThrough?: string;
  /** The fitted model. */
  model: Model;
  /** The quantile companion, when one was logged. */
  quantileModel?: MultiQuantileModel;
  /** Its conformal corrections. */
  conformal?: ConformalCalibration;
  /** The action classes file (action models only). */
  classes?: ActionClassesFile;
  /** The symbol coding of `symbol_id`, when logged. */
  symbols?: string[];
  /** The files it was built from, as {@link saveModelFolder} writes them. */
  files: Record<string, Uint8Array>;
}

/**
 * Downloads the version behind `ref` and builds it (see {@link scoringModelFromFiles}). Throws
 * naming the model and alias when either does not exist, and an MlflowError with no status when
 * the registry cannot be reached.
 *
 * @example
 * ```ts ignore
 * const model = await loadScoringModel(client, { name: "stock-returns", alias: "champion" });
 * model.info.version; // "3"
 * ```
 */
export async function loadScoringModel(
  client: MlflowClient,
  ref: ModelRef,
): Promise<ScoringModel> {
  const { version, source } = await versionByAlias(client, ref.name, ref.alias);
  const files: Record<string, Uint8Array> = {
    [MODEL_JSON]: await client.downloadArtifactUri(source, MODEL_JSON),
  };
  for (const name of OPTIONAL_FILES) {
    try {
      files[name] = await client.downloadArtifactUri(source, name);
    } catch (error) {
      if (!(error instanceof MlflowError && error.status === 404)) throw error;
    }
  }
  const info: VersionInfo = {
    name: ref.name,
    alias: ref.alias,
    version: version.version,
    runId: version.runId,
    tags: version.tags,
  };
  return scoringModelFromFiles(files, info);
}

/**
 * Builds a {@link ScoringModel} from a model's files and its version. Throws naming the
 * version when `model.json` is missing or not a model, the horizon tag is missing, or the model
 * is a classifier without `classes.json` (only regressors and action classifiers are served).
 */
export function scoringModelFromFiles(
  files: Record<string, Uint8Array>,
  info: VersionInfo,
): ScoringModel {
  const what = `model "${info.name}" version ${info.version}`;
  const text = (name: string) => new TextDecoder().decode(files[name]);
  if (!files[MODEL_JSON]) throw new Error(`${what} has no ${MODEL_JSON}`);
  const model = loadModel(parseModelJson(files[MODEL_JSON], `${MODEL_JSON} of ${what}`));
  const horizon = Number(info.tags.horizon);
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new Error(`${what} has no horizon tag (tags: ${Object.keys(info.tags).join(", ")})`);
  }
  const out: ScoringModel = {
    info,
    task: "regression",
    horizon,
    trainedThrough: info.tags.trained_through,
    model,
    files,
  };
  if (files[SYMBOLS_FILE]) {
    out.symbols = parseJson(symbolsSchema, text(SYMBOLS_FILE), `${SYMBOLS_FILE} of ${what}`)
      .symbols;
  }
  if (files[QUANTILES_FILE]) {
    const { saved, conformal } = parseQuantileFile(files[QUANTILES_FILE]);
    out.quantileModel = loadModel(saved) as MultiQuantileModel;
    out.conformal = conformal;
  }
  if (isClassifier(model)) {
    if (!files[ACTION_CLASSES_FILE]) {
      throw new Error(
        `${what} is a classifier without ${ACTION_CLASSES_FILE}: only regression models and ` +
          "action classifiers (registered by the training step) are served",
      );
    }
    out.task = "action";
    out.classes = parseJson(
      classesSchema,
      text(ACTION_CLASSES_FILE),
      `${ACTION_CLASSES_FILE} of ${what}`,
    );
  } else if (files[ACTION_CLASSES_FILE]) {
    throw new Error(`${what} has ${ACTION_CLASSES_FILE} but is not a classifier`);
  }
  return out;
}

/** The model as a classifier; throws unless it is an action model. */
export function actionClassifier(model: ScoringModel): Classifier {
  if (model.task !== "action" || !isClassifier(model.model)) {
    throw new Error(`model "${model.info.name}" is not an action classifier`);
  }
  return model.model;
}

/** Writes `model`'s files and {@link VERSION_FILE} into `dir`, each file atomically. */
export async function saveModelFolder(dir: string, model: ScoringModel): Promise<void> {
  for (const [name, bytes] of Object.entries(model.files)) {
    await writeFileAtomic(join(dir, name), bytes);
  }
  // A file the new version lacks must not survive from an older one.
  for (const name of OPTIONAL_FILES) {
    if (!(name in model.files)) await Deno.remove(join(dir, name)).catch(() => {});
  }
  await writeFileAtomic(join(dir, VERSION_FILE), JSON.stringify(model.info, null, 2) + "\n");
}

/**
 * Reads a model folder written by {@link saveModelFolder}. Throws naming the folder when it or
 * its `version.json` or `model.json` is missing.
 */
export async function loadModelFolder(dir: string): Promise<ScoringModel> {
  let info: VersionInfo;
  try {
    info = parseJson(
      versionInfoSchema,
      await Deno.readTextFile(join(dir, VERSION_FILE)),
      join(dir, VERSION_FILE),
    );
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`model folder ${dir} has no ${VERSION_FILE} (is it a saved model folder?)`);
    }
    throw error;
  }
  const files: Record<string, Uint8Array> = {};
  for (const name of [MODEL_JSON, ...OPTIONAL_FILES]) {
    try {
      files[name] = await Deno.readFile(join(dir, name));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return scoringModelFromFiles(files, info);
}

function parseJson<T>(schema: z.ZodType<T>, text: string, source: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${source} is not JSON (${String(cause)})`, { cause });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue.path.join(".") || "(root)"} ${issue.message}`);
  }
  return parsed.data;
}
