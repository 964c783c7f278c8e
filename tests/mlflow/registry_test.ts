import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import {
  CHAMPION_HISTORY_TAG,
  championTagMetric,
  hasAlias,
  PREVIOUS_CHAMPION_TAG,
  promote,
  registerModel,
  rollback,
  versionByAlias,
} from "@lib/mlflow/registry.ts";
import { artifactFolder, downloadSourceFile, logArtifactFiles } from "@lib/mlflow/artifacts.ts";
import { loadByAlias } from "@lib/serving/load.ts";
import { logModel } from "@lib/serving/log_model.ts";
import { RidgeRegression } from "@lib/models/linear/ridge.ts";
import { DecisionTree } from "@lib/models/tree.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";

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

Deno.test("artifactFolder trims slashes and refuses an empty or escaping path", () => {
  assert.equal(artifactFolder("/candidates/ols/"), "candidates/ols");
  assert.throws(() => artifactFolder("/"), /must be a folder name/);
  assert.throws(() => artifactFolder("a/../b"), /must be a folder name/);
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

    await t.step(
      "versionByAlias and hasAlias resolve aliases without reading any file",
      async () => {
        const { version, source } = await versionByAlias(mlflow, "ranker", "challenger");
        assert.equal(version.version, "2");
        assert.equal(source, `${run2.artifactUri}/model`);
        assert.equal(await hasAlias(mlflow, "ranker", "champion"), true);
        assert.equal(await hasAlias(mlflow, "ranker", "staging"), false);
        assert.equal(await hasAlias(mlflow, "missing-model", "champion"), false);
        await assert.rejects(
          versionByAlias(mlflow, "ranker", "staging"),
          /registered model "ranker" has no alias "staging"/,
        );
      },
    );

    await t.step("logArtifactFiles uploads bytes that downloadSourceFile reads back", async () => {
      const bytes = new Uint8Array([0, 1, 2, 255]);
      const logged = await logArtifactFiles(mlflow, run1.runId, "/report/", {
        "a.txt": "alpha",
        "b.bin": bytes,
      });
      assert.deepEqual(logged, {
        runId: run1.runId,
        artifactPath: "report",
        source: `${run1.artifactUri}/report`,
        files: ["a.txt", "b.bin"],
      });
      const text = await downloadSourceFile(mlflow, logged.source, "a.txt", "report");
      assert.equal(new TextDecoder().decode(text), "alpha");
      const runs = `runs:/${run1.runId}/report`;
      assert.deepEqual(await downloadSourceFile(mlflow, runs, "b.bin", "report"), bytes);
      assert.throws(
        () => downloadSourceFile(mlflow, "s3://bucket/x", "a.txt", 'model "m" version 1'),
        /model "m" version 1 lives at s3:\/\/bucket\/x, which the server does not proxy/,
      );
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
