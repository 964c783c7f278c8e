/**
 * The candidate models of the training step, built from one options object (the training
 * parameters), so the notebook compares the same specs a rerun builds.
 * @module
 */
import type { ModelSpec } from "./model.ts";
import { ols } from "./linear/ols.ts";
import { elasticNet, lasso } from "./linear/elastic_net.ts";
import { ridge } from "./linear/ridge.ts";
import { tree } from "./tree.ts";
import { logistic } from "./linear/logistic.ts";
import { lightgbm } from "./lightgbm/model.ts";
import type { LightGbmOptions } from "./lightgbm/model.ts";
import { multiQuantile } from "./quantiles.ts";
import type { MultiQuantileSpec } from "./quantiles.ts";

/** Names of the regression candidates, in the order the training step compares them. */
export const REGRESSION_CANDIDATES = [
  "ols",
  "ridge",
  "lasso",
  "elastic_net",
  "lightgbm",
  "tree",
] as const;

/** Names of the regression candidates. */
export type RegressionCandidate = typeof REGRESSION_CANDIDATES[number];

/** Kinds of the direction classifiers. */
export const DIRECTION_MODELS = ["logistic", "lightgbm"] as const;

/** Kinds of the direction classifiers. */
export type DirectionModel = typeof DIRECTION_MODELS[number];

/** LightGBM settings shared by every booster of the step. */
export interface BoosterSettings {
  numLeaves: number;
  learningRate: number;
  numIterations: number;
  minDataInLeaf: number;
  featureFraction: number;
  earlyStoppingRounds: number;
  validationFraction: number;
  numThreads: number;
  /** Gives the booster the symbol as a categorical feature. */
  symbolFeature: boolean;
}

/** What {@link regressionCandidates} and its siblings read (a subset of the training parameters). */
export interface CandidateSettings {
  candidates: readonly RegressionCandidate[];
  ridgeAlpha: number;
  lassoAlpha: number;
  elasticNetAlpha: number;
  l1Ratio: number;
  lightgbm: BoosterSettings;
  treeMaxDepth: number;
  treeMinSamples: number;
  treeMaxRows: number;
  directionModels: readonly DirectionModel[];
  logisticC: number;
  quantiles: readonly number[];
  seed: number;
}

function boosterOptions(s: CandidateSettings): LightGbmOptions & { symbolFeature: boolean } {
  const { symbolFeature, ...rest } = s.lightgbm;
  return { ...rest, seed: s.seed, symbolFeature };
}

/**
 * Returns the regression candidates named in `settings.candidates`, in that order.
 *
 * @example
 * ```ts ignore
 * const specs = regressionCandidates(stepParams.training.parse({}));
 * specs.map((s) => s.name); // ["ols", "ridge", "lasso", "elastic_net", "lightgbm", "tree"]
 * ```
 */
export function regressionCandidates(settings: CandidateSettings): ModelSpec[] {
  const build: Record<RegressionCandidate, () => ModelSpec> = {
    ols: () => ols(),
    ridge: () => ridge({ alpha: settings.ridgeAlpha }),
    lasso: () => lasso({ alpha: settings.lassoAlpha }),
    elastic_net: () => elasticNet({ alpha: settings.elasticNetAlpha, l1Ratio: settings.l1Ratio }),
    lightgbm: () => lightgbm(boosterOptions(settings)),
    tree: () =>
      tree({
        maxDepth: settings.treeMaxDepth,
        minNumSamples: settings.treeMinSamples,
        maxRows: settings.treeMaxRows,
        seed: settings.seed,
      }),
  };
  return settings.candidates.map((name) => build[name]());
}

/** Returns the direction classifiers (positive forward return or not), named `{kind}_direction`. */
export function directionCandidates(settings: CandidateSettings): ModelSpec[] {
  return settings.directionModels.map((name) =>
    name === "logistic"
      ? logistic({ C: settings.logisticC, name: "logistic_direction" })
      : lightgbm({ ...boosterOptions(settings), objective: "binary", name: "lightgbm_direction" })
  );
}

/** Returns the five-class action classifier (LightGBM multiclass), named `lightgbm_action`. */
export function actionCandidate(settings: CandidateSettings): ModelSpec {
  return lightgbm({
    ...boosterOptions(settings),
    objective: "multiclass",
    name: "lightgbm_action",
  });
}

/** Returns the multi-quantile LightGBM model, one quantile booster per level. */
export function quantileCandidate(settings: CandidateSettings): MultiQuantileSpec {
  const booster = boosterOptions(settings);
  const spec = multiQuantile({
    levels: settings.quantiles,
    factory: (alpha) =>
      lightgbm({ ...booster, objective: "quantile", alpha, name: `lightgbm_q${alpha}` }),
  });
  return { ...spec, symbolFeature: booster.symbolFeature };
}

/** Returns the spec named `name` among `specs`; throws listing the names when there is none. */
export function specByName(specs: readonly ModelSpec[], name: string): ModelSpec {
  const spec = specs.find((s) => s.name === name);
  if (!spec) {
    throw new Error(
      `no candidate named "${name}"; candidates: ${specs.map((s) => s.name).join(", ")}`,
    );
  }
  return spec;
}
