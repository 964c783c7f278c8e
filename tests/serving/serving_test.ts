import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { registerModel } from "@lib/mlflow/registry.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { ols } from "@lib/models/linear/ols.ts";
import { ridge } from "@lib/models/linear/ridge.ts";
import { multiQuantile } from "@lib/models/quantiles.ts";
import { fitChampion } from "@lib/models/fit_champion.ts";
import { selectColumns } from "@lib/models/dataset.ts";
import { predictFrame } from "@lib/models/inference.ts";
import { readParquetFile } from "@lib/data/parquet.ts";
import { inferLatest, loadServedModel, publishChampion } from "@lib/serving/mod.ts";
import type { PublishOptions } from "@lib/serving/mod.ts";

const dayMs = 86_400_000;

/** 3 symbols x 60 days; fwd_ret_1 = 0.05 f + 0.01 g + noise, null on the last day. */
function frames() {
  const random = seededRandom(5);
  const symbol: string[] = [];
  const date: Date[] = [];
  const f: number[] = [];
  const g: number[] = [];
  const y: (number | null)[] = [];
  const end: (Date | null)[] = [];
  for (let d = 0; d < 60; d++) {
    for (const s of ["a", "b", "c"]) {
      const fv = random() - 0.5;
      const gv = random() - 0.5;
      symbol.push(s);
      date.push(new Date(d * dayMs));
      f.push(fv);
      g.push(gv);
      y.push(d === 59 ? null : 0.05 * fv + 0.01 * gv + 0.01 * (random() - 0.5));
      end.push(d === 59 ? null : new Date((d + 1) * dayMs));
    }
  }
  const features = pl.DataFrame({ symbol, f, g }).withColumns(
    pl.Series("date", date).cast(pl.Date),
  );
  const labels = pl.DataFrame({ symbol, fwd_ret_1: y }).withColumns(
    pl.Series("date", date).cast(pl.Date),
    pl.Series("label_end_1", end).cast(pl.Date),
  );
  return { features, labels };
}

const summary = (rmse: number) =>
  pl.DataFrame({ horizon: [1, 1], model: ["ols", "ridge"], n: [150, 150], rmse: [0.03, rmse] });
const quantileSummary = pl.DataFrame({
  variant: ["raw", "conformal"],
  n: [150, 150],
  coverage_80: [0.7, 0.8],
});
const drift = (psi: number) => pl.DataFrame({ feature: ["f", "g"], psi: [0.01, psi] });

Deno.test("publishChampion and inferLatest against a real mlflow server", async (t) => {
  const storeDir = await mkdtemp(join(tmpdir(), "serving-test-"));
  const server = await startLocalServer({ storeDir });
  try {
    const client = new MlflowClient(server.uri);
    const experimentId = await client.getOrCreateExperiment("training");
    const { features, labels } = frames();
    const specs = [ols(), ridge({ alpha: 1 })];
    const quantiles = multiQuantile({
      levels: [0.1, 0.5, 0.9],
      factory: (alpha) => ridge({ alpha: 1, name: `ridge_q${alpha}` }),
    });
    const fit = fitChampion(features, labels, {
      horizon: 1,
      spec: specs[1],
      features: ["f", "g"],
      quantiles,
    });
    const options = (registeredModel: string, rmse: number, psi: number): PublishOptions => ({
      features,
      labels,
      horizon: 1,
      featureNames: ["f", "g"],
      specs,
      champion: "ridge",
      fit,
      summary: summary(rmse),
      quantileSummary,
      drift: drift(psi),
      registeredModel,
      selectBy: { metric: "rmse", direction: "lower" },
      gate: { minImprovement: 0, maxPsi: 0.25, minCoverage: 0.75 },
    });
    const inferencePath = join(storeDir, "inference", "predictions.parquet");
    const run1 = await client.createRun({ experimentId, runName: "first" });

    await t.step("a first challenger passes the gate and becomes champion", async () => {
      const published = await publishChampion(client, run1.runId, options("ranker", 0.02, 0.05));
      assert.equal(published.version.version, "1");
      assert.equal(published.decision.passed, true);
      assert.deepEqual(published.promoted, { name: "ranker", version: "1", replaced: undefined });
      assert.equal(
        published.message,
        "Registered **ranker** version 1 as challenger; gate passed, now champion.",
      );
      assert.deepEqual(published.checks.getColumn("rule").toArray(), [
        "metric",
        "drift",
        "coverage",
      ]);
      assert.deepEqual(published.version.tags, {
        candidate: "ridge",
        horizon: "1",
        trained_through: fit.trainedThrough,
        rmse: "0.02",
        selected_by: "rmse",
        selected_direction: "lower",
      });
      const model = await client.getRegisteredModel("ranker");
      assert.deepEqual(model?.aliases, { challenger: "1", champion: "1" });
      const run = await client.getRun(run1.runId);
      assert.equal(run.data.tags["ws.registered_model"], "ranker");
      assert.equal(run.data.tags["ws.registered_version"], "1");
      assert.equal(run.data.tags["ws.promoted"], "true");
      const logged = [
        ...(await client.listArtifacts(run1.runId, "model")),
        ...(await client.listArtifacts(run1.runId, "candidates/ols")),
      ].map((a) => a.path);
      assert.deepEqual(logged.sort(), [
        "candidates/ols/model.json",
        "model/model.json",
        "model/quantiles.json",
        "model/symbols.json",
      ]);
    });

    await t.step("loadServedModel rebuilds the champion and its quantile companion", async () => {
      const served = await loadServedModel(client, "ranker", "champion");
      assert.equal(served.version, "1");
      const x = selectColumns(fit.data.x, ["f", "g"]);
      assert.deepEqual(served.model.predict(x), fit.model.predict(x));
      assert.ok(served.quantileModel);
      assert.deepEqual(served.conformal, fit.quantiles?.calibration);
      // A folder logged without quantiles.json serves without intervals.
      await registerModel(client, {
        name: "ranker",
        runId: run1.runId,
        artifactPath: "candidates/ols",
        alias: "plain",
      });
      const plain = await loadServedModel(client, "ranker", "plain");
      assert.equal(plain.model.kind, "ols");
      assert.equal(plain.quantileModel, undefined);
      assert.equal(plain.conformal, undefined);
    });

    await t.step("inferLatest scores the latest date with the champion and writes it", async () => {
      const inference = await inferLatest(client, {
        features,
        registeredModel: "ranker",
        alias: "champion",
        horizon: 1,
        symbols: fit.data.symbols,
        path: inferencePath,
        registeredVersion: "1",
      });
      const latest = features.filter(pl.col("date").eq(pl.col("date").max()));
      const expected = predictFrame(fit.model, latest, {
        horizon: 1,
        name: "ranker",
        version: "1",
        quantileModel: fit.quantiles?.model,
        conformal: fit.quantiles?.calibration,
        symbols: fit.data.symbols,
      });
      assert.equal(inference.rows, 3);
      assert.ok(typeof inference.display !== "string");
      assert.ok(inference.display.frameEqual(expected));
      assert.equal(readParquetFile(inferencePath).height, 3);
    });

    await t.step("a worse challenger is registered but the gate keeps the champion", async () => {
      const run2 = await client.createRun({ experimentId, runName: "second" });
      const published = await publishChampion(client, run2.runId, options("ranker", 0.05, 0.05));
      assert.equal(published.version.version, "3");
      assert.equal(published.decision.passed, false);
      assert.equal(published.promoted, undefined);
      assert.match(
        published.message,
        /^Registered \*\*ranker\*\* version 3 as challenger; gate failed: .*rmse.*\.$/,
      );
      const model = await client.getRegisteredModel("ranker");
      assert.equal(model?.aliases.champion, "1");
      assert.equal(model?.aliases.challenger, "3");
      assert.equal((await client.getRun(run2.runId)).data.tags["ws.promoted"], "false");
      const challenger = await inferLatest(client, {
        features,
        registeredModel: "ranker",
        alias: "challenger",
        horizon: 1,
        symbols: fit.data.symbols,
        path: join(storeDir, "challenger.parquet"),
        registeredVersion: "3",
      });
      assert.equal(challenger.rows, 3);
    });

    await t.step("without any champion inferLatest writes nothing and says why", async () => {
      const run3 = await client.createRun({ experimentId, runName: "drifted" });
      const published = await publishChampion(client, run3.runId, options("fresh", 0.02, 0.9));
      assert.equal(published.decision.passed, false);
      assert.match(published.message, /gate failed: .*psi/i);
      const path = join(storeDir, "fresh.parquet");
      const inference = await inferLatest(client, {
        features,
        registeredModel: "fresh",
        alias: "champion",
        horizon: 1,
        path,
        registeredVersion: published.version.version,
      });
      assert.deepEqual(inference, {
        rows: 0,
        display:
          "No `champion` version of fresh yet (the gate refused version 1); inference is skipped.",
      });
      await assert.rejects(Deno.stat(path), Deno.errors.NotFound);
      await assert.rejects(
        inferLatest(client, {
          features,
          registeredModel: "fresh",
          alias: "staging",
          horizon: 1,
          path,
          registeredVersion: "1",
        }),
        /registered model "fresh" has no alias "staging"/,
      );
    });
  } finally {
    await server.stop();
    await rm(storeDir, { recursive: true, force: true });
  }
});
