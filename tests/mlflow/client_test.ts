import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { proxiedArtifactPath } from "@lib/mlflow/artifact_api.ts";
import { chunkLogBatch, type LogBatchChunk } from "@lib/mlflow/batch.ts";
import { MlflowClient, MlflowError, parseTrackingUri, startLocalServer } from "@lib/mlflow/mod.ts";

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test("parseTrackingUri drops the trailing slash and refuses non-http URIs by name", () => {
  assert.equal(parseTrackingUri("http://127.0.0.1:5000/"), "http://127.0.0.1:5000");
  assert.equal(parseTrackingUri("https://host/mlflow"), "https://host/mlflow");
  assert.throws(() => parseTrackingUri("file:///tmp/mlruns"), /"file:\/\/\/tmp\/mlruns" is not/);
  assert.throws(() => new MlflowClient("sqlite:///mlflow.db"), /"sqlite:\/\/\/mlflow.db" is not/);
  assert.throws(() => new MlflowClient("./mlruns"), /"\.\/mlruns" is not an http\(s\) URL/);
});

Deno.test("chunkLogBatch(2500 metrics, 150 params, 30 tags) makes 3 requests within the limits", () => {
  const batch: LogBatchChunk = {
    metrics: Array.from({ length: 2500 }, (_, i) => ({
      key: `m${i}`,
      value: i,
      timestamp: 1,
      step: 0,
    })),
    params: Array.from({ length: 150 }, (_, i) => ({ key: `p${i}`, value: String(i) })),
    tags: Array.from({ length: 30 }, (_, i) => ({ key: `t${i}`, value: "x" })),
  };
  const chunks = chunkLogBatch(batch);
  // 100 params + 30 tags leave room for 870 metrics; then 50 params + 950; then 680.
  assert.deepEqual(
    chunks.map((c) => [c.params.length, c.tags.length, c.metrics.length]),
    [[100, 30, 870], [50, 0, 950], [0, 0, 680]],
  );
  assert.deepEqual(chunks.flatMap((c) => c.metrics), batch.metrics);
  assert.deepEqual(chunks.flatMap((c) => c.params), batch.params);
});

Deno.test("chunkLogBatch splits on request size when values are long", () => {
  // {"key":"p0","value":"<6000 x>"} is 6023 bytes of JSON, 6024 with its separator.
  const params = Array.from({ length: 10 }, (_, i) => ({ key: `p${i}`, value: "x".repeat(6000) }));
  const limits = { metrics: 1000, params: 100, tags: 100, total: 1000, maxBytes: 20_000 };
  const chunks = chunkLogBatch({ metrics: [], params, tags: [] }, limits);
  // 3 x 6024 = 18072 fits in 20000, a fourth would not.
  assert.deepEqual(chunks.map((c) => c.params.length), [3, 3, 3, 1]);
  assert.deepEqual(chunks.flatMap((c) => c.params), params);
  // Under the default 900 kB cap, 100 such params (~602 kB) still go in one request.
  const hundred = Array.from(
    { length: 100 },
    (_, i) => ({ key: `p${i}`, value: "x".repeat(6000) }),
  );
  assert.equal(chunkLogBatch({ metrics: [], params: hundred, tags: [] }).length, 1);
});

Deno.test("proxiedArtifactPath maps a run-relative path into the artifact API", () => {
  const root = "mlflow-artifacts:/1/abc/artifacts";
  assert.equal(proxiedArtifactPath(root, "plots/ic.svg"), "1/abc/artifacts/plots/ic.svg");
  assert.equal(proxiedArtifactPath(root), "1/abc/artifacts");
  assert.equal(
    proxiedArtifactPath("mlflow-artifacts://127.0.0.1:5000/2/def/artifacts", "a.txt"),
    "2/def/artifacts/a.txt",
  );
  assert.throws(() => proxiedArtifactPath(root, "../other/x"), /must not contain '\.\.'/);
  assert.throws(
    () => proxiedArtifactPath("file:///tmp/mlruns/1/abc/artifacts", "x"),
    /"file:\/\/\/tmp\/mlruns\/1\/abc\/artifacts" is not an mlflow-artifacts: URI/,
  );
});

Deno.test("logParams refuses a value over 6000 characters before any request", async () => {
  // Nothing listens on this port: the RangeError must come before the network.
  const client = new MlflowClient(`http://127.0.0.1:${closedPort()}`, { retries: 0 });
  await assert.rejects(
    client.logParams("0".repeat(32), { config: "y".repeat(6001) }),
    (error: unknown) =>
      error instanceof RangeError && /param "config" is 6001 characters/.test(error.message),
  );
});

Deno.test("a client for an unreachable server fails with MlflowError naming the URI", async () => {
  const uri = `http://127.0.0.1:${closedPort()}`;
  const client = new MlflowClient(uri, { retries: 0 });
  const error = await client.getRun("0".repeat(32)).catch((e) => e);
  assert.ok(error instanceof MlflowError);
  assert.equal(error.status, undefined);
  assert.equal(error.endpoint, "runs/get");
  assert.match(error.message, new RegExp(`^MLflow unreachable on runs/get: cannot reach .*${uri}`));
});

Deno.test("MlflowClient against a real mlflow server", async (t) => {
  const storeDir = await mkdtemp(join(tmpdir(), "mlflow-client-test-"));
  const server = await startLocalServer({ storeDir });
  try {
    const mlflow = new MlflowClient(server.uri);

    await t.step("getOrCreateExperiment is idempotent and survives a creation race", async () => {
      assert.equal(await mlflow.getExperimentByName("features"), undefined);
      const id = await mlflow.getOrCreateExperiment("features");
      assert.equal(await mlflow.getOrCreateExperiment("features"), id);
      const experiment = await mlflow.getExperimentByName("features");
      assert.equal(experiment?.experimentId, id);
      assert.equal(experiment?.lifecycleStage, "active");
      assert.match(experiment?.artifactLocation ?? "", /^mlflow-artifacts:\//);

      const racers = await Promise.all(
        Array.from({ length: 4 }, () => mlflow.getOrCreateExperiment("raced")),
      );
      assert.equal(new Set(racers).size, 1);
      assert.notEqual(racers[0], id);
    });

    await t.step("createExperiment on a taken name is RESOURCE_ALREADY_EXISTS", async () => {
      const id = await mlflow.createExperiment("tagged", { owner: "research" });
      assert.deepEqual((await mlflow.getExperimentByName("tagged"))?.tags, { owner: "research" });
      const error = await mlflow.createExperiment("tagged").catch((e) => e);
      assert.ok(error instanceof MlflowError);
      assert.equal(error.errorCode, "RESOURCE_ALREADY_EXISTS");
      assert.equal(error.endpoint, "experiments/create");
      assert.equal(await mlflow.getOrCreateExperiment("tagged"), id);
    });

    const experimentId = await mlflow.getOrCreateExperiment("runs");

    await t.step("a nested run carries mlflow.parentRunId and is found by it", async () => {
      const parent = await mlflow.createRun({
        experimentId,
        runName: "pipeline",
        startTime: 1_700_000_000_000,
        tags: { stage: "all" },
      });
      assert.equal(parent.status, "RUNNING");
      assert.equal(parent.runName, "pipeline");
      assert.equal(parent.startTime, 1_700_000_000_000);
      const child = await mlflow.createRun({
        experimentId,
        runName: "features",
        parentRunId: parent.runId,
      });
      const sibling = await mlflow.createRun({ experimentId, runName: "unrelated" });

      const got = await mlflow.getRun(child.runId);
      assert.equal(got.data.tags["mlflow.parentRunId"], parent.runId);
      assert.equal(got.data.tags["mlflow.runName"], "features");
      assert.equal((await mlflow.getRun(parent.runId)).data.tags.stage, "all");

      const children = await mlflow.searchRuns({
        experimentIds: [experimentId],
        filter: `tags.mlflow.parentRunId = '${parent.runId}'`,
      });
      assert.deepEqual(children.map((r) => r.info.runId), [child.runId]);

      const newestFirst = await mlflow.searchRuns({
        experimentIds: [experimentId],
        orderBy: ["attributes.start_time DESC"],
        maxResults: 2,
      });
      assert.equal(newestFirst.length, 2);
      assert.ok(newestFirst.every((r) => r.info.runId !== parent.runId));
      assert.ok(newestFirst.some((r) => r.info.runId === sibling.runId));
    });

    await t.step("params, metrics and tags round-trip through getRun", async () => {
      const run = await mlflow.createRun({ experimentId, runName: "roundtrip" });
      await mlflow.logParams(run.runId, { window: 14, model: "lgbm", useVolume: true, alpha: 0.5 });
      await mlflow.logMetrics(run.runId, { ic: 0.031, hit_rate: 0.5125, broken: NaN }, 3);
      await mlflow.logMetrics(run.runId, { ic: 0.044 }, 4);
      await mlflow.setTags(run.runId, { universe: "sp500", note: "first" });
      await mlflow.setTags(run.runId, { note: "second" });
      const finished = await mlflow.updateRun(run.runId, "FINISHED", 1_800_000_000_000);
      assert.equal(finished.status, "FINISHED");
      assert.equal(finished.endTime, 1_800_000_000_000);

      const got = await mlflow.getRun(run.runId);
      assert.deepEqual(got.data.params, {
        window: "14",
        model: "lgbm",
        useVolume: "true",
        alpha: "0.5",
      });
      assert.equal(got.data.metrics.ic, 0.044, "latest step wins");
      assert.equal(got.data.metrics.hit_rate, 0.5125);
      assert.ok(Number.isNaN(got.data.metrics.broken));
      assert.equal(got.data.tags.universe, "sp500");
      assert.equal(got.data.tags.note, "second");
      assert.equal(got.info.status, "FINISHED");
      assert.equal(got.info.endTime, 1_800_000_000_000);
    });

    await t.step("changing a logged param is INVALID_PARAMETER_VALUE", async () => {
      const run = await mlflow.createRun({ experimentId });
      await mlflow.logParams(run.runId, { window: 14 });
      await mlflow.logParams(run.runId, { window: 14 }); // same value: allowed
      const error = await mlflow.logParams(run.runId, { window: 20 }).catch((e) => e);
      assert.ok(error instanceof MlflowError);
      assert.equal(error.status, 400);
      assert.equal(error.errorCode, "INVALID_PARAMETER_VALUE");
      assert.match(error.message, /^MLflow 400 INVALID_PARAMETER_VALUE on runs\/log-batch: /);
    });

    await t.step("logBatch with 2500 metrics and 150 params uses 3 requests", async () => {
      const run = await mlflow.createRun({ experimentId, runName: "big" });
      const requests = await mlflow.logBatch(run.runId, {
        metrics: Array.from({ length: 2500 }, (_, i) => ({ key: `m${i}`, value: i / 4 })),
        params: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, i])),
      });
      assert.equal(requests, 3);
      const got = await mlflow.getRun(run.runId);
      assert.equal(Object.keys(got.data.metrics).length, 2500);
      assert.equal(Object.keys(got.data.params).length, 150);
      assert.equal(got.data.metrics.m0, 0);
      assert.equal(got.data.metrics.m2499, 624.75);
      assert.equal(got.data.params.p149, "149");
    });

    await t.step("artifacts upload, list and download byte-for-byte", async () => {
      const run = await mlflow.createRun({ experimentId, runName: "artifacts" });
      await mlflow.logArtifactBytes(run.runId, "symbol,ic\nAAPL,0.03\n", "tables/ic.csv");
      const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
      await mlflow.logArtifactBytes(run.runId, binary, "raw/all bytes.bin");
      const local = join(storeDir, "summary.json");
      await writeFile(local, JSON.stringify({ sharpe: 1.2 }));
      assert.equal(await mlflow.logArtifact(run.runId, local, "reports"), "reports/summary.json");

      const root = await mlflow.listArtifacts(run.runId);
      assert.deepEqual(root.map((f) => [f.path, f.isDir]).sort(), [
        ["raw", true],
        ["reports", true],
        ["tables", true],
      ]);
      assert.deepEqual(await mlflow.listArtifacts(run.runId, "tables"), [
        { path: "tables/ic.csv", isDir: false, fileSize: 20 },
      ]);

      // A fresh client has no cached artifact root and must look the run up.
      const other = new MlflowClient(server.uri);
      assert.equal(
        new TextDecoder().decode(await other.downloadArtifact(run.runId, "tables/ic.csv")),
        "symbol,ic\nAAPL,0.03\n",
      );
      assert.deepEqual(await other.downloadArtifact(run.runId, "raw/all bytes.bin"), binary);
      assert.deepEqual(
        JSON.parse(new TextDecoder().decode(
          await other.downloadArtifact(run.runId, "reports/summary.json"),
        )),
        { sharpe: 1.2 },
      );

      const missing = await other.downloadArtifact(run.runId, "nope.txt").catch((e) => e);
      assert.ok(missing instanceof MlflowError);
      assert.equal(missing.status, 404);
      assert.equal(missing.errorCode, "RESOURCE_DOES_NOT_EXIST");
    });

    await t.step(
      "uploading to a run whose artifacts are not proxied is a clear error",
      async () => {
        // An experiment created with a plain file location, as on a server without proxying.
        const created = await fetch(`${server.uri}/api/2.0/mlflow/experiments/create`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "unproxied", artifact_location: join(storeDir, "direct") }),
        });
        const { experiment_id } = await created.json();
        const run = await mlflow.createRun({ experimentId: experiment_id });
        assert.match(run.artifactUri, /^(file:|\/)/);
        await assert.rejects(
          mlflow.logArtifactBytes(run.runId, "x", "a.txt"),
          /is not an mlflow-artifacts: URI, so the server does not proxy its artifacts/,
        );
      },
    );

    await t.step("a registry alias can be set, read, moved and deleted", async () => {
      const run = await mlflow.createRun({ experimentId, runName: "model" });
      assert.equal((await mlflow.createRegisteredModel("ranker")).name, "ranker");
      const v1 = await mlflow.createModelVersion("ranker", `runs:/${run.runId}/model`, run.runId);
      const v2 = await mlflow.createModelVersion("ranker", `runs:/${run.runId}/model2`, run.runId);
      assert.deepEqual([v1.version, v2.version], ["1", "2"]);
      assert.equal(v1.runId, run.runId);

      assert.equal(await mlflow.getModelVersionByAlias("ranker", "champion"), undefined);
      await mlflow.setRegisteredModelAlias("ranker", "champion", 1);
      const first = await mlflow.getModelVersionByAlias("ranker", "champion");
      assert.equal(first?.version, "1");
      assert.deepEqual(first?.aliases, ["champion"]);
      assert.equal(first?.source, `runs:/${run.runId}/model`);

      await mlflow.setRegisteredModelAlias("ranker", "champion", "2");
      assert.equal((await mlflow.getModelVersionByAlias("ranker", "champion"))?.version, "2");

      await mlflow.deleteRegisteredModelAlias("ranker", "champion");
      assert.equal(await mlflow.getModelVersionByAlias("ranker", "champion"), undefined);

      const taken = await mlflow.createRegisteredModel("ranker").catch((e) => e);
      assert.ok(taken instanceof MlflowError);
      assert.equal(taken.errorCode, "RESOURCE_ALREADY_EXISTS");
      const noModel = await mlflow.getModelVersionByAlias("no-such-model", "champion")
        .catch((e) => e);
      assert.ok(noModel instanceof MlflowError, "a missing model is an error, not undefined");
    });

    await t.step("registry tags, version search and download URIs round-trip", async () => {
      const run = await mlflow.createRun({ experimentId, runName: "registry" });
      await mlflow.logArtifactBytes(run.runId, '{"k":1}', "model/model.json");
      assert.equal(await mlflow.getRegisteredModel("tagged-model"), undefined);
      const created = await mlflow.createRegisteredModel("tagged-model", {
        tags: { team: "quant" },
        description: "test model",
      });
      assert.deepEqual(created.tags, { team: "quant" });
      const source = `${run.artifactUri}/model`;
      const v1 = await mlflow.createModelVersion("tagged-model", source, run.runId, {
        tags: { stage: "cv" },
      });
      await mlflow.createModelVersion("tagged-model", source, run.runId);
      await mlflow.setModelVersionTag("tagged-model", v1.version, "approved", "yes");
      assert.deepEqual((await mlflow.getModelVersion("tagged-model", 1)).tags, {
        stage: "cv",
        approved: "yes",
      });
      await mlflow.setRegisteredModelTag("tagged-model", "owner", "lead");
      await mlflow.setRegisteredModelAlias("tagged-model", "champion", 2);
      let model = await mlflow.getRegisteredModel("tagged-model");
      assert.deepEqual(model?.tags, { team: "quant", owner: "lead" });
      assert.deepEqual(model?.aliases, { champion: "2" });
      assert.equal(model?.description, "test model");
      await mlflow.deleteRegisteredModelTag("tagged-model", "owner");
      model = await mlflow.getRegisteredModel("tagged-model");
      assert.deepEqual(model?.tags, { team: "quant" });

      const found = await mlflow.searchModelVersions({
        filter: "name = 'tagged-model'",
        orderBy: ["version_number DESC"],
      });
      assert.deepEqual(found.map((v) => v.version), ["2", "1"]);
      assert.equal(
        (await mlflow.searchModelVersions({ filter: "name = 'tagged-model'", maxResults: 1 }))
          .length,
        1,
      );
      const uri = await mlflow.getModelVersionDownloadUri("tagged-model", "1");
      assert.equal(uri, source);
      const bytes = await mlflow.downloadArtifactUri(uri, "model.json");
      assert.equal(new TextDecoder().decode(bytes), '{"k":1}');
    });

    await t.step("a missing run id is MLflow 404 RESOURCE_DOES_NOT_EXIST on runs/get", async () => {
      const id = "0123456789abcdef0123456789abcdef";
      const error = await mlflow.getRun(id).catch((e) => e);
      assert.ok(error instanceof MlflowError);
      assert.equal(error.status, 404);
      assert.equal(error.errorCode, "RESOURCE_DOES_NOT_EXIST");
      assert.equal(error.endpoint, "runs/get");
      assert.equal(
        error.message,
        `MLflow 404 RESOURCE_DOES_NOT_EXIST on runs/get: ${error.serverMessage}`,
      );
      assert.match(error.serverMessage, new RegExp(id));
    });
  } finally {
    await server.stop();
    await rm(storeDir, { recursive: true, force: true });
  }
});
