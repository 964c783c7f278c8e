/**
 * `deno task registry` against a real local MLflow server: list, promote through the gate,
 * --force, rollback, and the errors that name bad input. The CLI runs as a subprocess with
 * MLFLOW_TRACKING_URI pointing at the test server, as a user would run it.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MlflowClient, startLocalServer } from "@lib/mlflow/mod.ts";
import { registerModel } from "@lib/mlflow/registry.ts";
import { logModel } from "@lib/serving/log_model.ts";
import { selectionRule } from "@lib/serving/registry_admin.ts";
import { RidgeRegression } from "@lib/models/linear/ridge.ts";
import { projectPath } from "@lib/paths.ts";

async function registry(uri: string, ...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", projectPath("pipelines", "registry.ts"), ...args],
    env: { MLFLOW_TRACKING_URI: uri },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("selectionRule reads selected_by, else a known metric tag", () => {
  assert.deepEqual(
    selectionRule({
      tags: { selected_by: "macro_f1", selected_direction: "higher", macro_f1: "1" },
    }),
    { metric: "macro_f1", direction: "higher" },
  );
  assert.deepEqual(selectionRule({ tags: { rmse: "0.1" } }), {
    metric: "rmse",
    direction: "lower",
  });
  assert.equal(selectionRule({ tags: { candidate: "ols" } }), undefined);
});

Deno.test("deno task registry usage errors name the bad input and exit 2", async () => {
  const uri = "http://127.0.0.1:9"; // never contacted: usage is checked first
  const cases: [string[], RegExp][] = [
    [[], /name a command: list, promote, rollback/],
    [["frob"], /unknown command "frob"; commands: list, promote, rollback/],
    [["promote", "--model", "m"], /promote needs --version N/],
    [["promote", "--model", "m", "--version", "two"], /--version "two" is not a version number/],
    [["rollback"], /rollback needs --model NAME/],
    [["list", "--model", "bad name"], /--model "bad name" is not a model name/],
    [["rollback", "--model", "m", "--force"], /--force belong to promote, not rollback/],
    [
      ["promote", "--model", "m", "--version", "1", "--min-improvement=-1"],
      /"-1" is not a number >= 0/,
    ],
    [["list", "--colour"], /Unknown option '--colour'/],
  ];
  for (const [args, message] of cases) {
    const out = await registry(uri, ...args);
    assert.equal(out.code, 2, args.join(" "));
    assert.match(out.stderr, message, args.join(" "));
    assert.match(out.stderr, /deno task registry --help/);
  }
  const help = await registry(uri, "--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /list \[--model NAME\]/);
  assert.match(help.stdout, /stock-actions/);
});

Deno.test("deno task registry list, promote and rollback on a real mlflow server", async (t) => {
  const storeDir = await mkdtemp(join(tmpdir(), "mlflow-registry-task-"));
  const server = await startLocalServer({ storeDir });
  try {
    const mlflow = new MlflowClient(server.uri);
    const experimentId = await mlflow.getOrCreateExperiment("registry-task");
    const run = await mlflow.createRun({ experimentId, runName: "models" });
    const x = {
      data: new Float64Array([0, 1, 1, 0, 2, 1, 3, 3]),
      rows: 4,
      cols: 2,
      features: ["a", "b"],
    };
    const model = new RidgeRegression({ alpha: 1 });
    model.fit(x, new Float64Array([0.1, 0.2, 0.4, 0.6]));
    await logModel(mlflow, run.runId, "model", model.save());
    const tags = (f1: number) => ({
      candidate: "lightgbm_action",
      task: "action",
      macro_f1: String(f1),
      selected_by: "macro_f1",
      selected_direction: "higher",
    });
    for (const f1 of [0.30, 0.25, 0.35]) {
      await registerModel(mlflow, {
        name: "acts",
        runId: run.runId,
        artifactPath: "model",
        tags: tags(f1),
      });
    }
    await registerModel(mlflow, {
      name: "rets",
      runId: run.runId,
      artifactPath: "model",
      tags: { candidate: "ridge", rmse: "0.04", selected_by: "rmse", selected_direction: "lower" },
    });

    await t.step("list shows every version with aliases, task and metric", async () => {
      const out = await registry(server.uri, "list");
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /^model\s+version\s+aliases\s+candidate\s+task\s+metric/m);
      assert.match(
        out.stdout,
        /^acts\s+3\s+challenger\s+lightgbm_action\s+action\s+macro_f1=0\.35/m,
      );
      assert.match(out.stdout, /^rets\s+1\s+challenger\s+ridge\s+regression\s+rmse=0\.04/m);
      const one = await registry(server.uri, "list", "--model", "rets");
      assert.doesNotMatch(one.stdout, /acts/);
    });

    await t.step("promote: the first champion passes, a worse version fails the gate", async () => {
      const first = await registry(server.uri, "promote", "--model", "acts", "--version", "1");
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /"acts" champion -> version 1/);
      const worse = await registry(server.uri, "promote", "--model", "acts", "--version", "2");
      assert.equal(worse.code, 1);
      assert.match(
        worse.stderr,
        /gate failed for "acts" version 2: macro_f1 \(higher is better\): challenger 0\.25 vs champion 0\.3.*champion stays at version 1/,
      );
      assert.equal((await mlflow.getRegisteredModel("acts"))?.aliases.champion, "1");
      const better = await registry(server.uri, "promote", "--model", "acts", "--version", "3");
      assert.equal(better.code, 0, better.stderr);
      assert.match(better.stdout, /champion -> version 3 \(was version 1\)/);
      const margin = await registry(
        server.uri,
        ...["promote", "--model", "acts", "--version", "1", "--min-improvement", "0.01"],
      );
      assert.equal(margin.code, 1);
      const forced = await registry(
        server.uri,
        "promote",
        "--model",
        "acts",
        "--version",
        "2",
        "--force",
      );
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout, /champion -> version 2 despite the gate/);
    });

    await t.step("rollback moves champion back one step at a time", async () => {
      const back = await registry(server.uri, "rollback", "--model", "acts");
      assert.equal(back.code, 0, back.stderr);
      assert.match(back.stdout, /"acts" champion -> version 3 \(rolled back from version 2\)/);
      const list = await registry(server.uri, "list", "--model", "acts");
      assert.match(list.stdout, /acts: champion history 1 -> 3/);
      await registry(server.uri, "rollback", "--model", "acts");
      const none = await registry(server.uri, "rollback", "--model", "acts");
      assert.equal(none.code, 1);
      assert.match(none.stderr, /champion version 1 has no previous champion/);
    });

    await t.step("unknown models and versions are named with what exists", async () => {
      const model = await registry(server.uri, "rollback", "--model", "nope");
      assert.equal(model.code, 1);
      assert.match(model.stderr, /no registered model named "nope"; registered: acts, rets/);
      const version = await registry(server.uri, "promote", "--model", "acts", "--version", "9");
      assert.equal(version.code, 1);
      assert.match(version.stderr, /model "acts" has no version 9; its versions: 1, 2, 3/);
      const list = await registry(server.uri, "list", "--model", "nope");
      assert.match(list.stderr, /no registered model named "nope"/);
    });
  } finally {
    await server.stop();
    await rm(storeDir, { recursive: true, force: true });
  }
});
