/**
 * Model loaders by kind. A new model adds its loader here (one line) and is then loadable from
 * anything `save()` wrote.
 * @module
 */
import type { Model, SavedModel } from "./model.ts";
import { RidgeRegression } from "./linear/ridge.ts";
import { DecisionTree } from "./tree.ts";
import { OlsRegression } from "./linear/ols.ts";
import { ElasticNetRegression } from "./linear/elastic_net.ts";
import { LogisticRegression } from "./linear/logistic.ts";
import { MultiQuantileModel } from "./quantiles.ts";
import { LightGbm } from "./lightgbm/model.ts";

/** Loaders keyed by `SavedModel.kind`. */
export const modelLoaders: Readonly<Record<string, (saved: SavedModel) => Model>> = {
  ridge: RidgeRegression.load,
  tree: DecisionTree.load,
  ols: OlsRegression.load,
  elastic_net: ElasticNetRegression.load,
  logistic: LogisticRegression.load,
  lightgbm: LightGbm.load,
  multi_quantile: (saved) => MultiQuantileModel.load(saved, loadModel),
};

/** Returns the fitted model `saved` describes; throws naming an unknown kind. */
export function loadModel(saved: SavedModel): Model {
  const load = modelLoaders[saved.kind];
  if (!load) {
    throw new Error(
      `unknown model kind "${saved.kind}"; known: ${Object.keys(modelLoaders).join(", ")}`,
    );
  }
  return load(saved);
}
