import assert from "node:assert/strict";
import { trainingParams } from "@pipelines/params/training.ts";
import {
  directionBuilders,
  MODEL_KINDS,
  modelLoaders,
  regressionBuilders,
  type RegressionCandidate,
} from "@lib/models/registry.ts";
import { DIRECTION_MODELS, REGRESSION_CANDIDATES } from "@lib/models/candidates.ts";

const settings = trainingParams.parse({});

Deno.test("the model kinds give the candidate names, their order and the loaders", () => {
  assert.deepEqual(
    [...REGRESSION_CANDIDATES],
    ["ols", "ridge", "lasso", "elastic_net", "lightgbm", "tree"],
  );
  assert.deepEqual([...DIRECTION_MODELS], ["logistic", "lightgbm"]);
  assert.deepEqual(Object.keys(modelLoaders), Object.keys(MODEL_KINDS));
  assert.deepEqual(
    new Set(Object.keys(modelLoaders)),
    new Set(["ridge", "tree", "ols", "elastic_net", "logistic", "lightgbm", "multi_quantile"]),
  );
});

Deno.test("every candidate builds a model of the kind it is declared under, named after itself", () => {
  for (const [kind, entry] of Object.entries(MODEL_KINDS)) {
    for (const [name, build] of Object.entries("regression" in entry ? entry.regression : {})) {
      const spec = build(settings);
      assert.equal(spec.name, name);
      const model = spec.create();
      assert.equal(model.kind, kind, name);
    }
    if ("direction" in entry) {
      const spec = entry.direction(settings);
      assert.equal(spec.name, `${kind}_direction`);
      const model = spec.create();
      assert.equal(model.kind, kind);
    }
  }
  assert.deepEqual(Object.keys(regressionBuilders), [...REGRESSION_CANDIDATES]);
  assert.deepEqual(Object.keys(directionBuilders), [...DIRECTION_MODELS]);
});

Deno.test("the candidate names are a closed union of literals", () => {
  const name: RegressionCandidate = "lasso";
  // @ts-expect-error: a name no model kind declares is not a candidate
  const unknown: RegressionCandidate = "xgboost";
  assert.deepEqual([name, unknown], ["lasso", "xgboost"]);
});
