import assert from "node:assert/strict";
import { trainingParams } from "@pipelines/params/training.ts";
import {
  actionBuilders,
  type CandidateBuilder,
  directionBuilders,
  MODEL_KINDS,
  modelLoaders,
  regressionBuilders,
  type RegressionCandidate,
} from "@lib/models/registry.ts";
import {
  ACTION_MODELS,
  actionCandidates,
  DIRECTION_MODELS,
  directionCandidates,
  REGRESSION_CANDIDATES,
  regressionCandidates,
  specByName,
} from "@lib/models/candidates.ts";
import { isClassifier } from "@lib/models/model.ts";
import type { LightGbm } from "@lib/models/lightgbm/model.ts";

const settings = trainingParams.parse({});
const allSpecs = () => [
  ...regressionCandidates(settings),
  ...directionCandidates(settings),
  ...actionCandidates(settings),
];

Deno.test("the model kinds give the candidate names, their order and the loaders", () => {
  assert.deepEqual(
    [...REGRESSION_CANDIDATES],
    ["ols", "ridge", "lasso", "elastic_net", "lightgbm", "lightgbm_rf", "lightgbm_et", "tree"],
  );
  assert.deepEqual([...DIRECTION_MODELS], ["logistic", "lightgbm", "lightgbm_rf", "lightgbm_et"]);
  assert.deepEqual([...ACTION_MODELS], ["lightgbm", "lightgbm_rf", "lightgbm_et"]);
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
    for (const task of ["direction", "action"] as const) {
      const builders: Record<string, CandidateBuilder> = task in entry
        ? (entry as Record<typeof task, Record<string, CandidateBuilder>>)[task]
        : {};
      for (const [id, build] of Object.entries(builders)) {
        const spec = build(settings);
        assert.equal(spec.name, `${id}_${task}`);
        const model = spec.create();
        assert.equal(model.kind, kind);
        assert.equal(isClassifier(model), true, spec.name);
      }
    }
  }
  assert.deepEqual(Object.keys(regressionBuilders), [...REGRESSION_CANDIDATES]);
  assert.deepEqual(Object.keys(directionBuilders), [...DIRECTION_MODELS]);
  assert.deepEqual(Object.keys(actionBuilders), [...ACTION_MODELS]);
});

Deno.test("the forest and extra-trees candidates are LightGBM's rf and extra_trees modes", () => {
  for (const task of ["", "_direction", "_action"]) {
    const rf = specByName(allSpecs(), `lightgbm_rf${task}`).create() as LightGbm;
    assert.equal(rf.options.boosting, "rf");
    assert.equal(rf.options.baggingFraction, settings.lightgbm.rfBaggingFraction);
    assert.equal(rf.options.baggingFreq, settings.lightgbm.rfBaggingFreq);
    assert.equal(rf.options.numIterations, settings.lightgbm.rfNumIterations);
    assert.notEqual(settings.lightgbm.rfNumIterations, settings.lightgbm.numIterations);
    assert.equal(rf.options.extraTrees, false);
    const et = specByName(allSpecs(), `lightgbm_et${task}`).create() as LightGbm;
    assert.equal(et.options.boosting, "gbdt");
    assert.equal(et.options.extraTrees, true);
    const plain = specByName(allSpecs(), `lightgbm${task}`).create() as LightGbm;
    assert.equal(plain.options.boosting, "gbdt");
    assert.equal(plain.options.extraTrees, false);
  }
  const trimmed = trainingParams.parse({ actionModels: ["lightgbm_rf"] });
  assert.deepEqual(actionCandidates(trimmed).map((s) => s.name), ["lightgbm_rf_action"]);
  assert.throws(() => trainingParams.parse({ actionModels: [] }), /at least one action classifier/);
});

Deno.test("the candidate names are a closed union of literals", () => {
  const name: RegressionCandidate = "lasso";
  // @ts-expect-error: a name no model kind declares is not a candidate
  const unknown: RegressionCandidate = "xgboost";
  assert.deepEqual([name, unknown], ["lasso", "xgboost"]);
});
