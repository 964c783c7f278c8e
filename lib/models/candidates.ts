/**
 * The candidate models of the training step, built from one options object (the training
 * parameters), so the notebook compares the same specs a rerun builds.
 * @module
 */
import type { ModelSpec } from "./model.ts";
import { lightgbm } from "./lightgbm/model.ts";
import { multiQuantile } from "./quantiles.ts";
import type { MultiQuantileSpec } from "./quantiles.ts";
import {
  actionBuilders,
  type ActionModel,
  boosterOptions,
  directionBuilders,
  type DirectionModel,
  type ModelSettings,
  regressionBuilders,
  type RegressionCandidate,
} from "./registry.ts";

/**
 * Names of the regression candidates, in the order the training step compares them (the order
 * of the model kinds in registry.ts).
 */
export const REGRESSION_CANDIDATES = Object.keys(regressionBuilders) as unknown as readonly [
  RegressionCandidate,
  ...RegressionCandidate[],
];

/** Ids of the direction classifiers, in the order of the model kinds in registry.ts. */
export const DIRECTION_MODELS = Object.keys(directionBuilders) as unknown as readonly [
  DirectionModel,
  ...DirectionModel[],
];

/** Ids of the five-class action classifiers, in the order of the model kinds in registry.ts. */
export const ACTION_MODELS = Object.keys(actionBuilders) as unknown as readonly [
  ActionModel,
  ...ActionModel[],
];

/** What {@link regressionCandidates} and its siblings read (a subset of the training parameters). */
export interface CandidateSettings extends ModelSettings {
  candidates: readonly RegressionCandidate[];
  directionModels: readonly DirectionModel[];
  /** Action classifiers by id; defaults to every one where the settings come from a partial object. */
  actionModels?: readonly ActionModel[];
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
  return settings.candidates.map((name) => regressionBuilders[name](settings));
}

/** Returns the direction classifiers (positive forward return or not), named `{kind}_direction`. */
export function directionCandidates(settings: CandidateSettings): ModelSpec[] {
  return settings.directionModels.map((kind) => directionBuilders[kind](settings));
}

/**
 * Returns the five-class action classifiers named in `settings.actionModels` (every one when
 * unset), named `{id}_action`, in that order.
 */
export function actionCandidates(settings: CandidateSettings): ModelSpec[] {
  return (settings.actionModels ?? ACTION_MODELS).map((id) => actionBuilders[id](settings));
}

/** Returns the boosted five-class action classifier (LightGBM multiclass), `lightgbm_action`. */
export function actionCandidate(settings: CandidateSettings): ModelSpec {
  return actionBuilders.lightgbm(settings);
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
