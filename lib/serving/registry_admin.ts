/**
 * What `deno task registry` does, over the same functions the training step uses: list the
 * registered models with their versions and aliases, promote a version to `champion` through
 * the promotion gate (its selection metric against the current champion's, both read from the
 * version tags the training step writes), and roll `champion` back.
 * @module
 */
import { type MlflowClient, type ModelVersion } from "../mlflow/client.ts";
import { CHAMPION, CHAMPION_HISTORY_TAG, promote, rollback } from "../mlflow/registry.ts";
import type { ChampionChange } from "../mlflow/registry.ts";
import { promotionGate } from "../models/promotion.ts";
import type { PromotionDecision } from "../models/promotion.ts";

/** Version tag naming the metric a version was selected by (written by the training step). */
export const SELECTED_BY_TAG = "selected_by";
/** Version tag saying whether a lower or a higher value of that metric is better. */
export const SELECTED_DIRECTION_TAG = "selected_direction";

/**
 * Metrics the training step selects by and their better direction, for versions registered
 * before they carried {@link SELECTED_BY_TAG}.
 */
const KNOWN_METRICS: Readonly<Record<string, "lower" | "higher">> = {
  rmse: "lower",
  mae: "lower",
  r2: "higher",
  direction_accuracy: "higher",
  macro_f1: "higher",
};

/** One version of a registered model, as `registry list` prints it. */
export interface RegistryRow {
  model: string;
  version: string;
  /** Aliases pointing at it, sorted. */
  aliases: string[];
  /** The `candidate` tag: which candidate of the training step it is. */
  candidate: string;
  /** The `task` tag (`action` for the action classifier), else `regression`. */
  task: string;
  /** The selection metric and its value, e.g. `rmse=0.0312`, when tagged. */
  metric: string;
  /** The `trained_through` tag. */
  trainedThrough: string;
  /** The run that logged it. */
  runId: string;
}

/**
 * Returns every version of the registered model `name` (of every registered model when
 * `name` is undefined), newest version last per model. Throws naming a model that does not
 * exist, listing the ones that do.
 */
export async function registryRows(
  client: MlflowClient,
  name?: string,
): Promise<RegistryRow[]> {
  const all = await client.searchModelVersions();
  const names = [...new Set(all.map((v) => v.name))].sort();
  if (name !== undefined && !names.includes(name)) throw unknownModel(name, names);
  const rows: RegistryRow[] = [];
  for (const model of name === undefined ? names : [name]) {
    const aliases = (await client.getRegisteredModel(model))?.aliases ?? {};
    const versions = all.filter((v) => v.name === model)
      .sort((a, b) => Number(a.version) - Number(b.version));
    for (const v of versions) {
      const rule = selectionRule(v);
      rows.push({
        model,
        version: v.version,
        aliases: Object.entries(aliases).filter(([, at]) => at === v.version).map(([a]) => a)
          .sort(),
        candidate: v.tags.candidate ?? "",
        task: v.tags.task ?? "regression",
        metric: rule ? `${rule.metric}=${v.tags[rule.metric]}` : "",
        trainedThrough: v.tags.trained_through ?? "",
        runId: v.runId ?? "",
      });
    }
  }
  return rows;
}

/** Options of {@link promoteVersion}. */
export interface PromoteOptions {
  /** Smallest improvement over the champion's metric the gate requires. Defaults to 0. */
  minImprovement?: number;
  /** Promote even when the gate fails (the decision is still returned). Defaults to false. */
  force?: boolean;
}

/** What {@link promoteVersion} decided and did. */
export interface PromoteResult {
  /** The gate's decision on the version's metric against the current champion's. */
  decision: PromotionDecision;
  /** Where `champion` moved; undefined when the gate failed and `force` was not set. */
  change?: ChampionChange;
  /** One line saying what happened. */
  message: string;
}

/**
 * Runs the promotion gate for version `version` of `name` (its selection metric against the
 * champion's; drift and coverage were checked when the training step registered it) and moves
 * `champion` to it when the gate passes or `force` is set. Throws naming the model or the
 * version when either does not exist, and a version with no selection metric tag.
 */
export async function promoteVersion(
  client: MlflowClient,
  name: string,
  version: string,
  options: PromoteOptions = {},
): Promise<PromoteResult> {
  const target = await requireVersion(client, name, version);
  const rule = selectionRule(target);
  if (!rule) {
    throw new Error(
      `version ${version} of "${name}" has no selection metric tag (${SELECTED_BY_TAG} or one ` +
        `of ${Object.keys(KNOWN_METRICS).join(", ")}); the gate has nothing to compare`,
    );
  }
  const model = await client.getRegisteredModel(name);
  const current = model?.aliases[CHAMPION];
  const champion = current === undefined || current === version
    ? undefined
    : await client.getModelVersion(name, current);
  const decision = promotionGate({
    challenger: { [rule.metric]: Number(target.tags[rule.metric]) },
    champion: champion ? { [rule.metric]: Number(champion.tags[rule.metric]) } : undefined,
    rules: {
      metric: rule.metric,
      direction: rule.direction,
      minImprovement: options.minImprovement ?? 0,
    },
  });
  if (current === version) {
    return {
      decision,
      change: { name, version, replaced: current },
      message: `"${name}" version ${version} is already ${CHAMPION}; nothing changed`,
    };
  }
  if (!decision.passed && !options.force) {
    return {
      decision,
      message: `gate failed for "${name}" version ${version}: ${decision.reasons.join("; ")}; ` +
        `${CHAMPION} stays at ${current === undefined ? "no version" : `version ${current}`} ` +
        "(--force promotes anyway)",
    };
  }
  const change = await promote(client, name, version);
  const forced = decision.passed ? "" : ` despite the gate (${decision.reasons.join("; ")})`;
  return {
    decision,
    change,
    message: `"${name}" ${CHAMPION} -> version ${version}${forced}` +
      (change.replaced === undefined ? "" : ` (was version ${change.replaced})`),
  };
}

/**
 * Moves `champion` of `name` back to the version before it (`rollback`); throws naming a model
 * that does not exist (listing the ones that do), one with no champion or no earlier one.
 */
export async function rollbackChampion(
  client: MlflowClient,
  name: string,
): Promise<ChampionChange & { message: string }> {
  if (!(await client.getRegisteredModel(name))) {
    const names = [...new Set((await client.searchModelVersions()).map((v) => v.name))].sort();
    throw unknownModel(name, names);
  }
  const change = await rollback(client, name);
  return {
    ...change,
    message: `"${name}" ${CHAMPION} -> version ${change.version} (rolled back from version ` +
      `${change.replaced})`,
  };
}

/** The champion history of `name` (oldest first), from its registered-model tag. */
export async function championHistory(client: MlflowClient, name: string): Promise<string[]> {
  const tag = (await client.getRegisteredModel(name))?.tags[CHAMPION_HISTORY_TAG] ?? "";
  return tag.split(",").map((v) => v.trim()).filter((v) => v !== "");
}

/** The metric a version was selected by and its better direction, from its tags. */
export function selectionRule(
  version: Pick<ModelVersion, "tags">,
): { metric: string; direction: "lower" | "higher" } | undefined {
  const tags = version.tags;
  const named = tags[SELECTED_BY_TAG];
  if (named !== undefined && named in tags) {
    const tagged = tags[SELECTED_DIRECTION_TAG];
    const direction = tagged === "lower" || tagged === "higher"
      ? tagged
      : KNOWN_METRICS[named] ?? "higher";
    return { metric: named, direction };
  }
  const known = Object.keys(KNOWN_METRICS).find((m) => m in tags);
  return known === undefined ? undefined : { metric: known, direction: KNOWN_METRICS[known] };
}

async function requireVersion(
  client: MlflowClient,
  name: string,
  version: string,
): Promise<ModelVersion> {
  const versions = await client.searchModelVersions({ filter: `name = '${name}'` });
  if (versions.length === 0) {
    const names = [...new Set((await client.searchModelVersions()).map((v) => v.name))].sort();
    throw unknownModel(name, names);
  }
  const found = versions.find((v) => v.version === version);
  if (!found) {
    const known = versions.map((v) => Number(v.version)).sort((a, b) => a - b);
    throw new Error(`model "${name}" has no version ${version}; its versions: ${known.join(", ")}`);
  }
  return found;
}

function unknownModel(name: string, names: readonly string[]): Error {
  return new Error(
    `no registered model named "${name}"; ` +
      (names.length === 0 ? "the registry is empty" : `registered: ${names.join(", ")}`),
  );
}
