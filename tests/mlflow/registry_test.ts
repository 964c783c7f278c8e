import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import {
  CHAMPION_HISTORY_TAG,
  championTagMetric,
  loadByAlias,
  logModel,
  PREVIOUS_CHAMPION_TAG,
  promote,
  registerModel,
  rollback,
} from "@lib/mlflow/registry.ts";
import { lightgbmText, modelArtifactFiles, parseModelJson } from "@lib/mlflow/artifacts.ts";
import { RidgeRegression } from "@lib/models/linear/ridge.ts";
import { DecisionTree } from "@lib/models/tree.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import type { SavedModel } from "@lib/models/model.ts";

function matrix(rows: number, seed: number): { x: FeatureMatrix; y: Float64Array } {
  const data = new Float64Array(rows * 2);
  const y = new Float64Array(rows);
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  for (let i = 0; i < rows; i++) {
    data[i * 2] = next();
    data[i * 2 + 1] = next();
    y[i] = 0.3 * data[i * 2] - 0.2 * data[i * 2 + 1] + 0.01 * next();
  }
  return { x: { data, rows, cols: 2, features: ["ret_5", "rsi_14"] }, y };
}

Deno.test("modelArtifactFiles adds model.txt only for a LightGBM text state", () => {
  const ridge: SavedModel = { kind: "ridge", version: 1, features: ["a"], params: {}, state: {} };
  assert.deepEqual(Object.keys(modelArtifactFiles(ridge)), ["model.json"]);
  const booster = "tree\nversion=v4\nnum_class=1\n";
  const lgbm: SavedModel = { ...ridge, kind: "lightgbm", state: { modelText: booster } };
  assert.equal(lightgbmText(lgbm), booster);
  const files = modelArtifactFiles(lgbm, { "features.txt": "a" });
  assert.deepEqual(Object.keys(files), ["model.json", "model.txt", "features.txt"]);
  assert.equal(files["model.txt"], booster);
  assert.throws(() => modelArtifactFiles(ridge, { "model.json": "{}" }), /would replace/);
  assert.throws(() => modelArtifactFiles(ridge, { "../x": "" }), /must be relative/);
});

Deno.test("parseModelJson names the source and the bad field", () => {
  assert.throws(() => parseModelJson("{", "model.json of m"), /model.json of m is not JSON/);
  assert.throws(
    () => parseModelJson(JSON.stringify({ kind: "ridge", version: 1, params: {} }), "m"),
    /m is not a saved model: features Required/,
  );
});

Deno.test("registry workflow against a real mlflow server", async (t) => {
  const storeDir = await mkdtemp(join(tmpdir(), "mlflow-registry-test-"));
  const server = await startLocalServer({ storeDir });
  try {
    const mlflow = new MlflowClient(server.uri);
    const experimentId = await mlflow.getOrCreateExperiment("models");
    const { x, y } = matrix(60, 7);

    const ridge = new RidgeRegression({ alpha: 0.5 });
    ridge.fit(x, y);
    const tree = new DecisionTree({ maxDepth: 3, minNumSamples: 2 });
    tree.fit(x, y);

    const run1 = await mlflow.createRun({ experimentId, runName: "ridge" });
    const run2 = await mlflow.createRun({ experimentId, runName: "tree" });

    await t.step("logModel uploads model.json and extra files under the folder", async () => {
      const logged = await logModel(mlflow, run1.runId, "model", ridge.save(), {
        "features.txt": "ret_5\nrsi_14\n",
      });
      assert.deepEqual(logged.files, ["model.json", "features.txt"]);
      assert.equal(logged.source, `${run1.artifactUri}/model`);
      const listed = await mlflow.listArtifacts(run1.runId, "model");
      assert.deepEqual(listed.map((f) => f.path).sort(), [
        "model/features.txt",
        "model/model.json",
      ]);
      await logModel(mlflow, run2.runId, "model", tree.save());
    });

    await t.step("registerModel twice gives versions 1 and 2, each the challenger", async () => {
      const v1 = await registerModel(mlflow, {
        name: "ranker",
        runId: run1.runId,
        artifactPath: "model",
        tags: { model: "ridge" },
      });
      assert.equal(v1.version, "1");
      assert.equal(v1.runId, run1.runId);
      assert.equal(v1.source, `${run1.artifactUri}/model`);
      assert.deepEqual(v1.tags, { model: "ridge" });
      const v2 = await registerModel(mlflow, {
        name: "ranker",
        runId: run2.runId,
        artifactPath: "model",
      });
      assert.equal(v2.version, "2");
      const model = await mlflow.getRegisteredModel("ranker");
      assert.deepEqual(model?.aliases, { challenger: "2" });
      const versions = await mlflow.searchModelVersions({
        filter: "name = 'ranker'",
        orderBy: ["version_number ASC"],
      });
      assert.deepEqual(versions.map((v) => v.version), ["1", "2"]);
      assert.equal(
        await mlflow.getModelVersionDownloadUri("ranker", 1),
        `${run1.artifactUri}/model`,
      );
    });

    await t.step("promote moves champion and records the previous champion", async () => {
      const first = await promote(mlflow, "ranker", 1);
      assert.deepEqual(first, { name: "ranker", version: "1", replaced: undefined });
      let model = await mlflow.getRegisteredModel("ranker");
      assert.equal(model?.aliases.champion, "1");
      assert.equal(model?.tags[PREVIOUS_CHAMPION_TAG], undefined);

      const second = await promote(mlflow, "ranker", "2");
      assert.deepEqual(second, { name: "ranker", version: "2", replaced: "1" });
      model = await mlflow.getRegisteredModel("ranker");
      assert.deepEqual(model?.aliases, { champion: "2", challenger: "2" });
      assert.equal(model?.tags[PREVIOUS_CHAMPION_TAG], "1");
      assert.equal(model?.tags[CHAMPION_HISTORY_TAG], "1,2");
      // Promoting the champion again is a no-op.
      await promote(mlflow, "ranker", 2);
      assert.equal((await mlflow.getRegisteredModel("ranker"))?.tags[CHAMPION_HISTORY_TAG], "1,2");

      await assert.rejects(promote(mlflow, "ranker", 9), /model "ranker" has no version 9/);
    });

    await t.step("rollback moves champion back one step, then refuses", async () => {
      const back = await rollback(mlflow, "ranker");
      assert.deepEqual(back, { name: "ranker", version: "1", replaced: "2" });
      const model = await mlflow.getRegisteredModel("ranker");
      assert.equal(model?.aliases.champion, "1");
      assert.equal(model?.tags[PREVIOUS_CHAMPION_TAG], undefined);
      assert.equal((await loadByAlias(mlflow, "ranker", "champion")).version, "1");
      await assert.rejects(
        rollback(mlflow, "ranker"),
        /cannot roll back model "ranker": champion version 1 has no previous champion/,
      );
      await assert.rejects(rollback(mlflow, "nope"), /no registered model named "nope"/);
    });

    await t.step("championTagMetric reads the champion version's metric tag", async () => {
      // champion is version 1 here, tagged { model: "ridge" } at registration
      assert.equal(await championTagMetric(mlflow, "ranker", "rmse"), undefined);
      await mlflow.setModelVersionTag("ranker", 1, "rmse", "0.0312");
      assert.equal(await championTagMetric(mlflow, "ranker", "rmse"), 0.0312);
      assert.equal(await championTagMetric(mlflow, "nope", "rmse"), undefined);
    });

    await t.step("loadByAlias rebuilds models that predict identically", async () => {
      const champion = await loadByAlias(mlflow, "ranker", "champion");
      assert.equal(champion.runId, run1.runId);
      assert.equal(champion.model.kind, "ridge");
      assert.deepEqual(champion.model.predict(x), ridge.predict(x));
      const challenger = await loadByAlias(mlflow, "ranker", "challenger");
      assert.equal(challenger.version, "2");
      assert.equal(challenger.model.kind, "tree");
      assert.deepEqual(challenger.model.predict(x), tree.predict(x));
    });

    await t.step("loadByAlias on an unknown alias names it and lists the aliases", async () => {
      await assert.rejects(
        loadByAlias(mlflow, "ranker", "staging"),
        (e: Error) =>
          e.message ===
            'registered model "ranker" has no alias "staging"; its aliases: ' +
              "challenger -> version 2, champion -> version 1",
      );
      await assert.rejects(
        loadByAlias(mlflow, "missing-model", "champion"),
        /no registered model named "missing-model" \(looking up alias "champion"\)/,
      );
      await registerModel(mlflow, {
        name: "bare",
        runId: run1.runId,
        artifactPath: "model",
        alias: null,
      });
      await assert.rejects(loadByAlias(mlflow, "bare", "champion"), /it has no aliases yet/);
    });

    await t.step("a runs:/ source registered by hand loads too", async () => {
      const v = await mlflow.createModelVersion("ranker", `runs:/${run2.runId}/model`, run2.runId);
      await mlflow.setRegisteredModelAlias("ranker", "by-hand", v.version);
      const loaded = await loadByAlias(mlflow, "ranker", "by-hand");
      assert.deepEqual(loaded.model.predict(x), tree.predict(x));
    });
  } finally {
    await server.stop();
    await rm(storeDir, { recursive: true, force: true });
  }
});
