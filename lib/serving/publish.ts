/**
 * Publishing the training step's champion: its files (and every other candidate's, refitted on
 * the same rows) logged to the run, a new registry version with alias `challenger`, the
 * promotion gate against the current `champion`, and `champion` moved when the gate passes.
 * @module
 */
import pl from "nodejs-polars";
import type { MlflowClient, ModelVersion } from "../mlflow/client.ts";
import { championTagMetric, promote, registerModel } from "../mlflow/registry.ts";
import type { ChampionChange } from "../mlflow/registry.ts";
import { fitChampion } from "../models/fit_champion.ts";
import type { ChampionFit } from "../models/fit_champion.ts";
import { championFiles } from "../models/model_files.ts";
import type { ModelSpec } from "../models/model.ts";
import { modelRow } from "../models/selection.ts";
import type { SelectionRule } from "../models/selection.ts";
import { conformalSummary } from "../models/evaluate_quantiles.ts";
import { promotionGate } from "../models/promotion.ts";
import type { PromotionDecision } from "../models/promotion.ts";
import { logModel, SYMBOLS_FILE, symbolsFile } from "./log_model.ts";
import { SELECTED_BY_TAG, SELECTED_DIRECTION_TAG } from "./registry_admin.ts";

/** The gate's thresholds (see `promotionGate`). */
export interface GateSettings {
  /** Smallest improvement over the current champion's metric (absolute). */
  minImprovement: number;
  /** Largest PSI of any feature. */
  maxPsi: number;
  /** Smallest conformal 10-90 coverage out of fold. */
  minCoverage: number;
}

/** Options of {@link publishChampion}. */
export interface PublishOptions {
  /** The features the candidates were trained on (the step's features frame). */
  features: pl.DataFrame;
  /** The labels. */
  labels: pl.DataFrame;
  /** Label horizon in days. */
  horizon: number;
  /** Feature columns, as in the evaluation. */
  featureNames: readonly string[];
  /** Every regression candidate; all but the champion are refitted and logged for comparison. */
  specs: readonly ModelSpec[];
  /** The champion's name (one of `specs`). */
  champion: string;
  /** The champion's final fit (`fitChampion` with its quantile companion). */
  fit: ChampionFit;
  /** Pooled out-of-fold metrics per model at `horizon` (`walkForwardEvaluate(...).summary`). */
  summary: pl.DataFrame;
  /** `walkForwardQuantiles(...).summary`; its conformal coverage feeds the gate. */
  quantileSummary: pl.DataFrame;
  /** `driftReport(...)` of the training window against the latest dates. */
  drift: pl.DataFrame;
  /** Registered model name. */
  registeredModel: string;
  /** The selection metric, compared with the current champion's. */
  selectBy: SelectionRule;
  /** The gate's thresholds. */
  gate: GateSettings;
}

/** What {@link publishChampion} did. */
export interface Publication {
  /** The new version (alias `challenger`). */
  version: ModelVersion;
  /** The gate's decision. */
  decision: PromotionDecision;
  /** Where `champion` moved, when the gate passed. */
  promoted?: ChampionChange;
  /** One sentence saying what was registered and whether it is now champion (Markdown). */
  message: string;
  /** The gate's checks: rule, passed, detail. */
  checks: pl.DataFrame;
}

/**
 * Logs the champion under `model` of run `runId` (with `quantiles.json`), every other candidate
 * under `candidates/{name}`, registers `model` as the next version of `registeredModel` (tagged
 * with candidate, horizon, trained_through and the selection metric), runs the promotion gate
 * against the current champion's tagged metric and promotes the version when it passes. Tags
 * the run with the registered model, version and whether it was promoted: registry state
 * outlives the run (a rerun registers a new version), so it is not a metric a reproduced run
 * must repeat.
 *
 * @example
 * ```ts ignore
 * const published = await publishChampion(client, runId, { ...step results, gate: p.gate });
 * published.message; // "Registered **stock-returns** version 3 as challenger; gate passed, now champion."
 * ```
 */
export async function publishChampion(
  client: MlflowClient,
  runId: string,
  options: PublishOptions,
): Promise<Publication> {
  const { fit, horizon, registeredModel: name, selectBy } = options;
  const pooled = modelRow(options.summary, options.champion);
  const conformal = conformalSummary(options.quantileSummary).toRecords()[0] as Record<
    string,
    number
  >;
  const challenger = { ...pooled, coverage_80: conformal.coverage_80 };
  await logModel(client, runId, "model", fit.model.save(), {
    ...championFiles(fit),
    [SYMBOLS_FILE]: symbolsFile(fit.data.symbols),
  });
  for (const spec of options.specs.filter((s) => s.name !== options.champion)) {
    const other = fitChampion(options.features, options.labels, {
      horizon,
      spec,
      features: options.featureNames,
    });
    await logModel(client, runId, `candidates/${spec.name}`, other.model.save());
  }
  const version = await registerModel(client, {
    name,
    runId,
    artifactPath: "model",
    tags: {
      candidate: options.champion,
      horizon: String(horizon),
      trained_through: fit.trainedThrough,
      [selectBy.metric]: String(pooled[selectBy.metric]),
      [SELECTED_BY_TAG]: selectBy.metric,
      [SELECTED_DIRECTION_TAG]: selectBy.direction,
    },
  });
  const current = await championTagMetric(client, name, selectBy.metric);
  const decision = promotionGate({
    challenger,
    champion: current === undefined ? undefined : { [selectBy.metric]: current },
    drift: options.drift,
    rules: {
      metric: selectBy.metric,
      direction: selectBy.direction,
      minImprovement: options.gate.minImprovement,
      maxPsi: options.gate.maxPsi,
      minCoverage: options.gate.minCoverage,
    },
  });
  const promoted = decision.passed ? await promote(client, name, version.version) : undefined;
  await client.setTags(runId, {
    "ws.registered_model": name,
    "ws.registered_version": String(version.version),
    "ws.promoted": String(Boolean(promoted)),
  });
  const message = `Registered **${name}** version ${version.version} as challenger; gate ` +
    (decision.passed ? `passed, now champion.` : `failed: ${decision.reasons.join("; ")}.`);
  return { version, decision, promoted, message, checks: pl.DataFrame(decision.checks) };
}
