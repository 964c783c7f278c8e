/**
 * Publishing the training step's action champion, the five-class classifier chosen by macro F1
 * (accuracy breaking ties): refitted on every labelled row, logged to the run with a file naming
 * its classes and the order of its five probabilities, registered as a new version of its own
 * registered model with alias `challenger`, and moved to `champion` only through the promotion
 * gate (macro F1 against the current champion's, and drift).
 * @module
 */
import pl from "nodejs-polars";
import type { MlflowClient, ModelVersion } from "../mlflow/client.ts";
import { championTagMetric, promote, registerModel } from "../mlflow/registry.ts";
import type { ChampionChange } from "../mlflow/registry.ts";
import { fitChampion } from "../models/fit_champion.ts";
import type { ChampionFit } from "../models/fit_champion.ts";
import { isClassifier } from "../models/model.ts";
import type { ModelSpec } from "../models/model.ts";
import { ACTION_SELECTION, modelRow } from "../models/selection.ts";
import { promotionGate } from "../models/promotion.ts";
import type { PromotionDecision } from "../models/promotion.ts";
import { ACTION_COLUMNS, ACTION_LABELS } from "../models/tasks.ts";
import { logModel, SYMBOLS_FILE, symbolsFile } from "./log_model.ts";
import { SELECTED_BY_TAG, SELECTED_DIRECTION_TAG } from "./registry_admin.ts";

/** The file, beside `model.json`, that says what an action model's outputs are. */
export const ACTION_CLASSES_FILE = "classes.json";

/** What {@link ACTION_CLASSES_FILE} holds. */
export interface ActionClassesFile {
  /** Always `"action"`. */
  task: "action";
  /** The action classes, strong sell (-2) to strong buy (2). */
  classes: readonly number[];
  /** The probability columns, one per class, in the order of `classes`. */
  probabilities: readonly string[];
  /** The predicted-class column. */
  classColumn: string;
  /**
   * The classifier's own class indices (0..4) in its probability order; class index c is
   * action class c - 2.
   */
  modelClasses: readonly number[];
}

/** Options of {@link publishActionChampion}. */
export interface ActionPublishOptions {
  /** The step's features frame. */
  features: pl.DataFrame;
  /** The labels (with `action_{h}`). */
  labels: pl.DataFrame;
  /** Label horizon in days. */
  horizon: number;
  /** Feature columns, as in the evaluation. */
  featureNames: readonly string[];
  /** The action classifiers compared; the champion is one of them. */
  specs: readonly ModelSpec[];
  /**
   * The champion's name (`actionChampion(...).record.model`); undefined when the step trained
   * no action classifiers, and then nothing is registered.
   */
  champion: string | undefined;
  /**
   * Pooled out-of-fold metrics of the classifiers at `horizon` (needs macro_f1, accuracy);
   * undefined with `champion`.
   */
  summary: pl.DataFrame | undefined;
  /** `driftReport(...)` of the training window against the latest dates. */
  drift: pl.DataFrame;
  /** Registered model name of the action classifier. */
  registeredModel: string;
  /** The gate's thresholds (the coverage rule is the regression model's and is not applied). */
  gate: { minImprovement: number; maxPsi: number };
}

/** What {@link publishActionChampion} did (only `message` and `checks` when it had nothing). */
export interface ActionPublication {
  /** The final fit of the champion. */
  fit?: ChampionFit;
  /** The new version (alias `challenger`). */
  version?: ModelVersion;
  /** The gate's decision. */
  decision?: PromotionDecision;
  /** Where `champion` moved, when the gate passed. */
  promoted?: ChampionChange;
  /** One sentence saying what was registered and whether it is now champion (Markdown). */
  message: string;
  /** The gate's checks: rule, passed, detail. */
  checks: pl.DataFrame;
}

/** Returns the contents of {@link ACTION_CLASSES_FILE} for a classifier with `modelClasses`. */
export function actionClassesFile(modelClasses: readonly number[]): ActionClassesFile {
  return {
    task: "action",
    classes: ACTION_LABELS,
    probabilities: ACTION_COLUMNS.probabilities,
    classColumn: ACTION_COLUMNS.class,
    modelClasses: [...modelClasses],
  };
}

/**
 * Refits the action champion on every labelled row, logs it under `action_model` of run
 * `runId` with {@link ACTION_CLASSES_FILE}, registers it as the next version of
 * `registeredModel` (tagged with candidate, task, horizon, trained_through, macro_f1, accuracy,
 * the classes and the probability order), runs the promotion gate (macro F1 higher is better,
 * by `gate.minImprovement`; every PSI at most `gate.maxPsi`) against the current champion's
 * tagged macro F1, and promotes the version when it passes. Tags the run with the registered
 * model, version and whether it was promoted.
 *
 * @example
 * ```ts ignore
 * const action = await publishActionChampion(client, runId, { ...step results, gate: p.gate });
 * action.message; // "Registered **stock-actions** version 1 as challenger; gate passed, now champion."
 * ```
 */
export async function publishActionChampion(
  client: MlflowClient,
  runId: string,
  options: ActionPublishOptions,
): Promise<ActionPublication> {
  const { horizon, registeredModel: name, champion, summary } = options;
  const { rule, tieBreak } = ACTION_SELECTION;
  if (champion === undefined || summary === undefined) {
    return {
      message: `No action champion (no action classifiers were trained): **${name}** unchanged.`,
      checks: pl.DataFrame({ rule: [], passed: [], detail: [] }),
    };
  }
  const spec = options.specs.find((s) => s.name === champion);
  if (!spec) {
    throw new Error(
      `no action classifier named "${champion}"; classifiers: ` +
        options.specs.map((s) => s.name).join(", "),
    );
  }
  const pooled = modelRow(summary, champion);
  const fit = fitChampion(options.features, options.labels, {
    horizon,
    spec,
    task: "action",
    features: options.featureNames,
  });
  if (!isClassifier(fit.model)) {
    throw new Error(`action champion "${champion}" is not a classifier`);
  }
  const classes = actionClassesFile(fit.model.classes);
  await logModel(client, runId, "action_model", fit.model.save(), {
    [ACTION_CLASSES_FILE]: JSON.stringify(classes, null, 2) + "\n",
    [SYMBOLS_FILE]: symbolsFile(fit.data.symbols),
  });
  const version = await registerModel(client, {
    name,
    runId,
    artifactPath: "action_model",
    tags: {
      candidate: champion,
      task: "action",
      horizon: String(horizon),
      trained_through: fit.trainedThrough,
      [rule.metric]: String(pooled[rule.metric]),
      [tieBreak.metric]: String(pooled[tieBreak.metric]),
      [SELECTED_BY_TAG]: rule.metric,
      [SELECTED_DIRECTION_TAG]: rule.direction,
      classes: classes.classes.join(","),
      probabilities: classes.probabilities.join(","),
    },
  });
  const current = await championTagMetric(client, name, rule.metric);
  const decision = promotionGate({
    challenger: pooled,
    champion: current === undefined ? undefined : { [rule.metric]: current },
    drift: options.drift,
    rules: {
      metric: rule.metric,
      direction: rule.direction,
      minImprovement: options.gate.minImprovement,
      maxPsi: options.gate.maxPsi,
    },
  });
  const promoted = decision.passed ? await promote(client, name, version.version) : undefined;
  await client.setTags(runId, {
    "ws.action_registered_model": name,
    "ws.action_registered_version": String(version.version),
    "ws.action_promoted": String(Boolean(promoted)),
  });
  const message = `Registered **${name}** version ${version.version} (${champion}) as ` +
    "challenger; gate " +
    (decision.passed ? `passed, now champion.` : `failed: ${decision.reasons.join("; ")}.`);
  return {
    fit,
    version,
    decision,
    promoted,
    message,
    checks: pl.DataFrame(decision.checks),
  };
}
