/**
 * The model-registry workflow over MLflow's REST API: register a folder of run artifacts as a
 * new version (alias `challenger`), promote a version to `champion`, roll the champion back, and
 * resolve an alias to its version. What the files of a version hold is not known here.
 *
 * Promotion history lives in two tags of the registered model, so it survives the process and
 * shows in the MLflow UI: `champion_history` (the versions `champion` pointed at, oldest first,
 * comma-separated) and `previous_champion` (the version before the current champion).
 * @module
 */
import { type MlflowClient, MlflowError, type ModelVersion } from "./client.ts";
import { artifactFolder, joinUri } from "./artifacts.ts";

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

/** Options of {@link registerModel}. */
export interface RegisterOptions {
  /** Registered model name; created on first use. */
  name: string;
  /** The run that logged the model. */
  runId: string;
  /** The model's folder in the run's artifacts (where its files were logged). */
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
  const folder = artifactFolder(options.artifactPath);
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
 * Returns the version that `alias` of registered model `name` points at and the URI its files
 * download from. Throws naming the model and the alias when either does not exist, listing the
 * aliases the model has.
 *
 * @example
 * ```ts ignore
 * const { version, source } = await versionByAlias(mlflow, "ranker", "champion");
 * ```
 */
export async function versionByAlias(
  client: MlflowClient,
  name: string,
  alias: string,
): Promise<{ version: ModelVersion; source: string }> {
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
  return { version, source };
}

/**
 * Returns whether registered model `name` has alias `alias` (false when the model does not
 * exist either).
 */
export async function hasAlias(
  client: MlflowClient,
  name: string,
  alias: string,
): Promise<boolean> {
  const aliases = (await client.getRegisteredModel(name))?.aliases ?? {};
  return alias in aliases;
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
