import assert from "node:assert/strict";
import { join } from "node:path";
import { z } from "zod";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { isLocalId, replaySpool, ResilientTracker, Spool } from "@lib/mlflow/spool.ts";
import { parseAssignment } from "@lib/runner/params.ts";
import type { PipelineDef } from "@lib/runner/pipeline.ts";
import { Progress } from "@lib/runner/progress.ts";
import { runPipeline } from "@lib/runner/run.ts";

/** A loopback address where nothing listens. */
function deadUri(): string {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return `http://127.0.0.1:${port}`;
}

Deno.test({
  name: "ResilientTracker spools every call while MLflow is down; replaySpool sends them once",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-spool-" });
    const spool = new Spool(join(tmp, "spool"));
    const warnings: string[] = [];
    const tracker = new ResilientTracker(
      new MlflowClient(deadUri(), { retries: 0 }),
      spool,
      (m) => warnings.push(m),
    );
    const experimentId = await tracker.getOrCreateExperiment("spooled");
    const { runId } = await tracker.createRun({ experimentId, runName: "offline" });
    assert.ok(isLocalId(experimentId) && isLocalId(runId));
    await tracker.logParams(runId, { alpha: 0.5 });
    await tracker.logMetrics(runId, { rmse: 0.25 });
    await tracker.setTags(runId, { stage: "test" });
    const file = join(tmp, "report.html");
    await Deno.writeTextFile(file, "<p>report</p>");
    await tracker.logArtifact(runId, file, "notebook");
    await tracker.updateRun(runId, "FINISHED");
    assert.equal(warnings.length, 1, "one warning, not one per call");
    assert.match(warnings[0], /MLflow is unreachable .* tracking continues in the spool/);
    assert.equal((await spool.read()).length, 7);

    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const client = new MlflowClient(server.uri);
    assert.deepEqual(await replaySpool(spool, client), { replayed: 7, skipped: 0 });
    assert.deepEqual(await replaySpool(spool, client), { replayed: 0, skipped: 0 });

    const experiment = (await client.getExperimentByName("spooled"))!;
    const runs = await client.searchRuns({ experimentIds: [experiment.experimentId] });
    assert.equal(runs.length, 1, "replayed once: one run");
    const [run] = runs;
    assert.equal(run.info.runName, "offline");
    assert.equal(run.info.status, "FINISHED");
    assert.equal(run.data.params.alpha, "0.5");
    assert.equal(run.data.metrics.rmse, 0.25);
    assert.equal(run.data.tags.stage, "test");
    const bytes = await client.downloadArtifact(run.info.runId, "notebook/report.html");
    assert.equal(new TextDecoder().decode(bytes), "<p>report</p>");
    await Deno.remove(tmp, { recursive: true });
  },
});

const scale = z.object({
  scale: z.number().default(1),
  dataDir: z.string().default("data/work"),
  serverPid: z.number().default(0),
}).strict();

Deno.test({
  name: "a pipeline survives MLflow dying mid-run; everything arrives once after the replay",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-outage-" });
    const store = join(tmp, "mlflow");
    const first = await startLocalServer({ storeDir: store });
    const pipeline: PipelineDef = {
      name: "outage",
      description: "MLflow dies in the second notebook",
      steps: [
        {
          name: "before",
          notebook: "tests/fixtures/notebooks/ok.ipynb",
          params: scale,
          inputs: [],
          outputs: [],
        },
        {
          name: "crash",
          notebook: "tests/fixtures/notebooks/kills_mlflow.ipynb",
          params: scale,
          inputs: [],
          outputs: [],
        },
        {
          name: "after",
          notebook: "tests/fixtures/notebooks/ok.ipynb",
          params: scale,
          inputs: [],
          outputs: [],
        },
      ],
    };
    const lines: string[] = [];
    const progress = new Progress({
      writeSync: (p) => (lines.push(new TextDecoder().decode(p)), p.length),
      isTerminal: () => false,
    });
    const spoolDir = join(tmp, "spool");
    const run = await runPipeline({
      pipeline,
      params: [`dataDir=${join(tmp, "data")}`, `serverPid=${first.pid}`].map(parseAssignment),
      reportsDir: join(tmp, "reports"),
      trackingUri: first.uri,
      spoolDir,
      progress,
    });
    await first.stop();
    assert.equal(run.status, "ok", lines.join(""));
    assert.match(lines.join(""), /warning: MLflow is unreachable/);
    assert.deepEqual(run.steps.map((s) => s.metrics.scaled ?? s.metrics.after_outage), [2, 2, 2]);

    await using second = await startLocalServer({ storeDir: store });
    const client = new MlflowClient(second.uri);
    const spool = new Spool(spoolDir);
    const { replayed } = await replaySpool(spool, client);
    assert.ok(replayed > 5, `only ${replayed} calls were spooled`);
    assert.equal((await replaySpool(spool, client)).replayed, 0, "a second replay sends nothing");

    const experimentId = run.mlflow!.experimentId;
    const all = await client.searchRuns({ experimentIds: [experimentId] });
    const parent = all.find((r) => r.info.runId === run.mlflow!.runId)!;
    assert.equal(parent.info.status, "FINISHED");
    const children = all.filter((r) => r.data.tags["mlflow.parentRunId"] === parent.info.runId);
    assert.deepEqual(children.map((c) => c.info.runName).sort(), ["kills_mlflow", "ok", "ok"]);
    for (const child of children) {
      assert.equal(child.info.status, "FINISHED", child.info.runName);
      assert.ok(child.data.metrics.duration_seconds > 0, child.info.runName);
      const artifacts = (await client.listArtifacts(child.info.runId, "notebook")).map((a) =>
        a.path
      );
      assert.equal(artifacts.length, 2, `${child.info.runName}: ${artifacts}`);
    }
    const crashed = children.find((c) => c.info.runName === "kills_mlflow")!;
    assert.equal(crashed.data.metrics.before_outage, 1);
    assert.equal(crashed.data.metrics.after_outage, 2, "the notebook's own call was spooled");
    await Deno.remove(tmp, { recursive: true });
  },
});
