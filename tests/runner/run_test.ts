import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { parseAssignment } from "@lib/runner/params.ts";
import type { PipelineDef } from "@lib/runner/pipeline.ts";
import { Progress } from "@lib/runner/progress.ts";
import { runPipeline } from "@lib/runner/run.ts";

const scale = z.object({ scale: z.number().default(1), dataDir: z.string().default("data/work") })
  .strict();
const pipeline: PipelineDef = {
  name: "fixture",
  description: "two fixture notebooks around a failing one",
  steps: [
    {
      name: "first",
      notebook: "tests/fixtures/notebooks/ok.ipynb",
      params: scale,
      inputs: [],
      outputs: [],
    },
    {
      name: "broken",
      notebook: "tests/fixtures/notebooks/failing.ipynb",
      params: z.object({ dataDir: z.string().default("data/work") }).strict(),
      inputs: [],
      outputs: [],
    },
    {
      name: "last",
      notebook: "tests/fixtures/notebooks/ok.ipynb",
      params: scale,
      inputs: [],
      outputs: [],
    },
  ],
};

/** Collects progress lines instead of printing them. */
function quietProgress(lines: string[]): Progress {
  return new Progress({
    writeSync: (p) => {
      lines.push(new TextDecoder().decode(p));
      return p.length;
    },
    isTerminal: () => false,
  });
}

Deno.test({
  name: "runPipeline injects parameters, tracks each notebook and stops at a failing cell",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-run-test-" });
    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const lines: string[] = [];
    const run = await runPipeline({
      pipeline,
      params: [parseAssignment("scale=3"), parseAssignment(`dataDir=${join(tmp, "data")}`)],
      reportsDir: join(tmp, "reports"),
      experiment: "runner-test",
      trackingUri: server.uri,
      progress: quietProgress(lines),
    });

    assert.equal(run.status, "failed");
    assert.deepEqual(run.steps.map((s) => [s.name, s.status]), [
      ["first", "ok"],
      ["broken", "failed"],
      ["last", "not run"],
    ]);
    // The notebook logged 2 * scale into its own nested run: parameters reached the kernel.
    assert.equal(run.steps[0].metrics.scaled, 6);
    assert.match(run.steps[1].error!, /cell 5 \(`throw new Error\("fixture failure "/);
    const output = lines.join("");
    assert.match(output, /FAILED in tests\/fixtures\/notebooks\/failing\.ipynb, cell 5/);
    assert.match(output, /Error: fixture failure \{"dataDir":/);
    assert.match(output, /\[1\/3\] first: cell 4\/4/);

    // What ran is saved, up to and including the failing cell's error.
    const executed = JSON.parse(
      await Deno.readTextFile(join(tmp, "reports", run.steps[1].executed!)),
    );
    const outputs = executed.cells[4].outputs;
    assert.equal(outputs[0].output_type, "error");
    assert.equal(executed.cells[5].execution_count, null);
    assert.ok(existsSync(join(tmp, "reports", run.steps[1].html!)));
    assert.ok(existsSync(join(tmp, "reports", "index.html")));

    const mlflow = new MlflowClient(server.uri);
    const parent = await mlflow.getRun(run.mlflow!.runId);
    assert.equal(parent.info.status, "FAILED");
    assert.equal(parent.data.params["first.scale"], "3");
    assert.equal(parent.data.tags["ws.pipeline"], "fixture");
    const children = await mlflow.searchRuns({
      experimentIds: [run.mlflow!.experimentId],
      filter: `tags.mlflow.parentRunId = '${parent.info.runId}'`,
    });
    const byName = Object.fromEntries(children.map((c) => [c.info.runName, c]));
    assert.deepEqual(Object.keys(byName).sort(), ["failing", "ok"]);
    assert.equal(byName.failing.info.status, "FAILED");
    assert.equal(byName.ok.info.status, "FINISHED");
    const artifacts = (await mlflow.listArtifacts(byName.failing.info.runId, "notebook"))
      .map((a) => a.path).sort();
    assert.deepEqual(artifacts, ["notebook/failing.html", "notebook/failing.ipynb"]);
    await Deno.remove(tmp, { recursive: true });
  },
});

Deno.test({
  name: "runPipeline reuses an unchanged step, and reruns it on --force or a new parameter",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-cache-test-" });
    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const single: PipelineDef = { ...pipeline, steps: [pipeline.steps[0]] };
    const lines: string[] = [];
    const run = (extra: string[], force = false) =>
      runPipeline({
        pipeline: single,
        params: [`dataDir=${join(tmp, "data")}`, ...extra].map(parseAssignment),
        reportsDir: join(tmp, "reports"),
        trackingUri: server.uri,
        force,
        progress: quietProgress(lines),
      });

    const first = await run([]);
    assert.equal(first.steps[0].status, "ok");
    assert.match(lines.join(""), /runs: no earlier successful run/);

    const again = await run([]);
    assert.equal(again.steps[0].status, "cached");
    assert.equal(again.steps[0].html, first.steps[0].html);
    assert.equal(again.steps[0].metrics.scaled, 2);
    const mlflow = new MlflowClient(server.uri);
    const cached = await mlflow.getRun(again.steps[0].mlflowRunId!);
    assert.equal(cached.data.tags["ws.cached_from"], first.steps[0].mlflowRunId);
    assert.equal(cached.data.metrics.scaled, 2);

    lines.length = 0;
    assert.equal((await run([], true)).steps[0].status, "ok");
    assert.match(lines.join(""), /runs: --force/);

    lines.length = 0;
    const changed = await run(["scale=5"]);
    assert.equal(changed.steps[0].status, "ok");
    assert.equal(changed.steps[0].metrics.scaled, 10);
    assert.match(lines.join(""), /runs: parameters changed/);
    await Deno.remove(tmp, { recursive: true });
  },
});

Deno.test({
  name: "runPipeline: a second run on the same data folder stops with a clear message or waits",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-lock-test-" });
    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const single: PipelineDef = { ...pipeline, steps: [pipeline.steps[0]] };
    const run = (waitSeconds: number) =>
      runPipeline({
        pipeline: single,
        params: [parseAssignment(`dataDir=${join(tmp, "data")}`)],
        reportsDir: join(tmp, "reports"),
        trackingUri: server.uri,
        force: true,
        waitSeconds,
        progress: quietProgress([]),
      });

    const [a, b] = await Promise.allSettled([run(0), run(0)]);
    const outcomes = [a, b].map((r) => r.status).sort();
    assert.deepEqual(outcomes, ["fulfilled", "rejected"]);
    const rejected = [a, b].find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.match(String(rejected.reason), /data is in use by pipeline run \S+ \(pid \d+/);

    const both = await Promise.all([run(120), run(120)]);
    assert.deepEqual(both.map((r) => r.status), ["ok", "ok"]);
    const history = JSON.parse(await Deno.readTextFile(join(tmp, "reports", "runs.json")));
    assert.equal(history.length, 3, "every finished run is recorded, none overwritten");
    await Deno.remove(tmp, { recursive: true });
  },
});

Deno.test({
  name: "runPipeline resumes a failed run from the failed notebook in the same MLflow parent run",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-resume-test-" });
    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const dataDir = join(tmp, "data");
    const flaky: PipelineDef = {
      ...pipeline,
      steps: [
        pipeline.steps[0],
        {
          ...pipeline.steps[1],
          name: "flaky",
          notebook: "tests/fixtures/notebooks/fails_until_go.ipynb",
        },
        pipeline.steps[2],
      ],
    };
    const base = {
      pipeline: flaky,
      reportsDir: join(tmp, "reports"),
      trackingUri: server.uri,
      progress: quietProgress([]),
    };
    const failed = await runPipeline({ ...base, params: [parseAssignment(`dataDir=${dataDir}`)] });
    assert.equal(failed.status, "failed");
    assert.deepEqual(failed.steps.map((s) => s.status), ["ok", "failed", "not run"]);

    await Deno.writeTextFile(join(dataDir, "go"), "");
    const lines: string[] = [];
    const resumed = await runPipeline({ ...base, resume: failed, progress: quietProgress(lines) });
    assert.equal(resumed.status, "ok");
    assert.equal(resumed.key, failed.key);
    assert.deepEqual(resumed.steps.map((s) => s.status), ["ok", "ok", "ok"]);
    assert.equal(resumed.steps[0].mlflowRunId, failed.steps[0].mlflowRunId, "first step kept");
    assert.match(lines.join(""), /\[1\/3\] first · kept: finished in run/);

    const mlflow = new MlflowClient(server.uri);
    const parent = await mlflow.getRun(failed.mlflow!.runId);
    assert.equal(resumed.mlflow!.runId, parent.info.runId);
    assert.equal(parent.info.status, "FINISHED");
    const children = await mlflow.searchRuns({
      experimentIds: [parent.info.experimentId],
      filter: `tags.mlflow.parentRunId = '${parent.info.runId}'`,
    });
    const seen = children.map((c) => `${c.info.runName}:${c.info.status}`).sort();
    assert.deepEqual(seen, [
      "fails_until_go:FAILED",
      "fails_until_go:FINISHED",
      "ok:FINISHED",
      "ok:FINISHED",
    ]);
    const history = JSON.parse(await Deno.readTextFile(join(tmp, "reports", "runs.json")));
    assert.deepEqual(history.map((r: { key: string; status: string }) => [r.key, r.status]), [
      [failed.key, "ok"],
    ]);
    await assert.rejects(
      () => runPipeline({ ...base, resume: resumed }),
      /did not fail; there is nothing to resume/,
    );
    await Deno.remove(tmp, { recursive: true });
  },
});
