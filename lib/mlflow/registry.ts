/**
 * The model-registry workflow over MLflow's REST API: log a fitted model as run artifacts,
 * register it as a new version (alias `challenger`), promote a version to `champion`, roll the
 * champion back, and load a model by alias for inference.
 *
 * Promotion history lives in two tags of the registered model, so it survives the process and
 * shows in the MLflow UI: `champion_history` (the versions `champion` pointed at, oldest first,
 * comma-separated) and `previous_champion` (the version before the current champion). A version's
 * files are `model.json` and friends under its source (see artifacts.ts).
 * @module
 */
import { type MlflowClient, MlflowError, type ModelVersion } from "./client.ts";
import { type ArtifactFiles, MODEL_JSON, modelArtifactFiles, parseModelJson } from "./artifacts.ts";
import type { Model, SavedModel } from "../models/model.ts";
import { loadModel } from "../models/registry.ts";

/** The alias of the version in production. */
export const CHAMPION = "champion";
/** The alias {@link registerModel} gives a new version by default. */
export const CHALLENGER = "challenger";
/** Registered-model tag holding the version `champion` pointed at before the last move. */
export const PREVIOUS_CHAMPION_TAG = "previous_champion";
/** Registered-model tag holding the champion versions, oldest first, comma-separated. */
export const CHAMPION_HISTORY_TAG = "champion_history";

// Keeps the history tag far below MLflow's 8000-character tag limit.
const MAX_HISTORY = 200;

/** What {@link logModel} uploaded. */
export interface LoggedModel {
  runId: string;
  /** The model's folder relative to the run's artifact root, e.g. `model`. */
  artifactPath: string;
  /** The folder's full URI (`<run artifact URI>/<artifactPath>`), the source to register. */
  source: string;
  /** The uploaded files, relative to `artifactPath`, in upload order. */
  files: string[];
}

/** Options of {@link registerModel}. */
export interface RegisterOptions {
  /** Registered model name; created on first use. */
  name: string;
  /** The run that logged the model. */
  runId: string;
  /** The model's folder in the run's artifacts (what {@link logModel} was given). */
  artifactPath: string;
  /** Alias pointed at the new version; `null` sets none. Defaults to `"challenger"`. */
  alias?: string | null;
  /** Tags of the new version. */
  tags?: Record<string, string>;
  /** Description of the new version. */
  description?: string;
}

/** Where `champion` points after {@link promote} or {@link rollback}. */
export interface ChampionChange {
  name: string;
  /** The champion version now. */
  version: string;
  /** The champion version before the call, if there was one. */
  replaced?: string;
}

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
export async function logModel(
  client: MlflowClient,
  runId: string,
  artifactPath: string,
  saved: SavedModel,
  extra: ArtifactFiles = {},
): Promise<LoggedModel> {
  const folder = checkFolder(artifactPath);
  const files = modelArtifactFiles(saved, extra);
  for (const [file, content] of Object.entries(files)) {
    await client.logArtifactBytes(runId, content, `${folder}/${file}`);
  }
  const root = (await client.getRun(runId)).info.artifactUri;
  return { runId, artifactPath: folder, source: joinUri(root, folder), files: Object.keys(files) };
}

/**
 * Registers the model logged at `artifactPath` of run `runId` as the next version of `name`
 * (creating the registered model on first use) with source `<run artifact URI>/<artifactPath>`,
 * and points `alias` (default `challenger`) at it. Returns the new version.
 */
export async function registerModel(
  client: MlflowClient,
  options: RegisterOptions,
): Promise<ModelVersion> {
  const { name, runId } = options;
  const alias = options.alias === undefined ? CHALLENGER : options.alias;
  const folder = checkFolder(options.artifactPath);
  const root = (await client.getRun(runId)).info.artifactUri;
  try {
    await client.createRegisteredModel(name);
  } catch (error) {
    // Another process (or an earlier run) registered the name first: reuse it.
    if (!(error instanceof MlflowError && error.errorCode === "RESOURCE_ALREADY_EXISTS")) {
      throw error;
    }
  }
  const version = await client.createModelVersion(name, joinUri(root, folder), runId, {
    tags: options.tags,
    description: options.description,
  });
  if (alias !== null) {
    await client.setRegisteredModelAlias(name, alias, version.version);
    return { ...version, aliases: [...version.aliases, alias] };
  }
  return version;
}

/**
 * Points `champion` of model `name` at `version`, recording the version it replaces in the
 * model's `previous_champion` tag and appending to `champion_history`. Promoting the current
 * champion again changes nothing. Throws naming the model and version when it does not exist.
 *
 * @example
 * ```ts ignore
 * await promote(mlflow, "ranker", "2");   // champion -> 2, previous_champion = 1
 * await rollback(mlflow, "ranker");       // champion -> 1
 * ```
 */
export async function promote(
  client: MlflowClient,
  name: string,
  version: string | number,
): Promise<ChampionChange> {
  const target = String(version);
  await requireVersion(client, name, target);
  const model = await client.getRegisteredModel(name);
  const current = model?.aliases[CHAMPION];
  if (current === target) return { name, version: target, replaced: current };
  const history = parseHistory(model?.tags[CHAMPION_HISTORY_TAG]);
  if (current !== undefined && history.at(-1) !== current) history.push(current);
  history.push(target);
  await client.setRegisteredModelAlias(name, CHAMPION, target);
  await client.setRegisteredModelTag(
    name,
    CHAMPION_HISTORY_TAG,
    history.slice(-MAX_HISTORY).join(","),
  );
  if (current !== undefined) {
    await client.setRegisteredModelTag(name, PREVIOUS_CHAMPION_TAG, current);
  } else if (model?.tags[PREVIOUS_CHAMPION_TAG] !== undefined) {
    await client.deleteRegisteredModelTag(name, PREVIOUS_CHAMPION_TAG);
  }
  return { name, version: target, replaced: current };
}

/**
 * Moves `champion` of model `name` back to the version it pointed at before the current one
 * (the last entry of `champion_history` that is not the current champion), and drops the
 * current champion from the history so a second rollback goes one step further back. Throws
 * when the model has no champion or no earlier champion.
 */
export async function rollback(client: MlflowClient, name: string): Promise<ChampionChange> {
  const model = await client.getRegisteredModel(name);
  if (!model) throw new Error(`cannot roll back: no registered model named "${name}"`);
  const current = model.aliases[CHAMPION];
  if (current === undefined) {
    throw new Error(`cannot roll back model "${name}": it has no "${CHAMPION}" alias`);
  }
  const history = parseHistory(model.tags[CHAMPION_HISTORY_TAG]);
  while (history.at(-1) === current) history.pop();
  const target = history.at(-1);
  if (target === undefined) {
    throw new Error(
      `cannot roll back model "${name}": champion version ${current} has no previous champion ` +
        `(promote another version first)`,
    );
  }
  await client.setRegisteredModelAlias(name, CHAMPION, target);
  await client.setRegisteredModelTag(name, CHAMPION_HISTORY_TAG, history.join(","));
  const before = history.at(-2);
  if (before !== undefined) {
    await client.setRegisteredModelTag(name, PREVIOUS_CHAMPION_TAG, before);
  } else {
    await client.deleteRegisteredModelTag(name, PREVIOUS_CHAMPION_TAG);
  }
  return { name, version: target, replaced: current };
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
  let version: ModelVersion | undefined;
  try {
    version = await client.getModelVersionByAlias(name, alias);
  } catch (error) {
    if (error instanceof MlflowError && !(await client.getRegisteredModel(name))) {
      throw new Error(`no registered model named "${name}" (looking up alias "${alias}")`, {
        cause: error,
      });
    }
    throw error;
  }
  if (!version) {
    const model = await client.getRegisteredModel(name);
    if (!model) {
      throw new Error(`no registered model named "${name}" (looking up alias "${alias}")`);
    }
    const known = Object.entries(model.aliases).sort(([a], [b]) => a.localeCompare(b));
    const listing = known.length === 0
      ? "it has no aliases yet (registerModel sets one, promote sets champion)"
      : `its aliases: ${known.map(([a, v]) => `${a} -> version ${v}`).join(", ")}`;
    throw new Error(`registered model "${name}" has no alias "${alias}"; ${listing}`);
  }
  const source = await client.getModelVersionDownloadUri(name, version.version);
  const bytes = await downloadModelJson(client, source, version);
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

function downloadModelJson(
  client: MlflowClient,
  source: string,
  version: ModelVersion,
): Promise<Uint8Array> {
  // Versions registered elsewhere may point at `runs:/<runId>/<path>` instead of the artifact URI.
  const runs = source.match(/^runs:\/([^/]+)\/?(.*)$/);
  if (runs) {
    const path = runs[2].replace(/\/+$/, "");
    return client.downloadArtifact(runs[1], path ? `${path}/${MODEL_JSON}` : MODEL_JSON);
  }
  if (!source.startsWith("mlflow-artifacts:")) {
    throw new Error(
      `model "${version.name}" version ${version.version} lives at ${source}, which the server ` +
        "does not proxy; only mlflow-artifacts: and runs:/ sources can be downloaded over REST",
    );
  }
  return client.downloadArtifactUri(source, MODEL_JSON);
}

async function requireVersion(client: MlflowClient, name: string, version: string) {
  try {
    return await client.getModelVersion(name, version);
  } catch (error) {
    if (error instanceof MlflowError && error.errorCode === "RESOURCE_DOES_NOT_EXIST") {
      throw new Error(`model "${name}" has no version ${version} to promote`, { cause: error });
    }
    throw error;
  }
}

function parseHistory(tag: string | undefined): string[] {
  return (tag ?? "").split(",").map((v) => v.trim()).filter((v) => v !== "");
}

function checkFolder(path: string): string {
  const folder = path.replace(/^\/+|\/+$/g, "");
  if (folder === "" || folder.split("/").includes("..")) {
    throw new Error(`model artifact path "${path}" must be a folder name such as "model"`);
  }
  return folder;
}

function joinUri(root: string, folder: string): string {
  return `${root.replace(/\/+$/, "")}/${folder}`;
}

/**
 * Returns the numeric tag `metric` of the version behind the `champion` alias of `name` (the
 * training step tags each version with its selection metric), or undefined when there is no
 * registered model, no champion or no such tag: a first challenger has nothing to beat.
 */
export async function championTagMetric(
  client: MlflowClient,
  name: string,
  metric: string,
): Promise<number | undefined> {
  const model = await client.getRegisteredModel(name);
  const version = model?.aliases[CHAMPION];
  if (version === undefined) return undefined;
  const tag = (await client.getModelVersion(name, version)).tags[metric];
  const value = tag === undefined ? NaN : Number(tag);
  return Number.isFinite(value) ? value : undefined;
}
