/**
 * End to end: `deno task pipeline` (pipelines/run.ts) on a slice of the bundled sample, through
 * the real Deno Jupyter kernel, logging to a real MLflow server; checked through MLflow's REST
 * API and the HTML reports on disk.
 */
import assert from "node:assert/strict";
import { pipelineArgs } from "@pipelines/task_args.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MlflowClient } from "@lib/mlflow/client.ts";
import { startLocalServer } from "@lib/mlflow/server.ts";
import { projectPath } from "@lib/paths.ts";
import { readHistory } from "@lib/reports/history.ts";
import { research } from "@pipelines/research.ts";

const SLICE = ["symbols=AAPL,MSFT,IBM,INTC,COST", "start=2009-01-01"];
const CANARY = `canary-${crypto.randomUUID()}`;

Deno.test({
  name: "the research pipeline runs every notebook, tracks it in MLflow and reproduces it",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-e2e-" });
    await using server = await startLocalServer({ storeDir: join(tmp, "mlflow") });
    const reportsDir = join(tmp, "reports");
    const experiment = `e2e-${crypto.randomUUID().slice(0, 8)}`;
    const outputs: string[] = [];
    const pipeline = async (dataDir: string, ...extra: string[]) => {
      const cli = await new Deno.Command(Deno.execPath(), {
        args: [
          ...pipelineArgs(),
          "--experiment",
          experiment,
          "--reports-dir",
          reportsDir,
          ...[...SLICE, `dataDir=${dataDir}`].flatMap((p) => ["--param", p]),
          ...extra,
        ],
        // Secrets in the environment reach the kernel; none may reach any output.
        env: { MLFLOW_TRACKING_URI: server.uri, POLYGON_API_KEY: CANARY, WS_TEST_TOKEN: CANARY },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const output = new TextDecoder().decode(cli.stdout) + new TextDecoder().decode(cli.stderr);
      assert.equal(cli.code, 0, `pipeline failed:\n${output}`);
      outputs.push(output);
      return output;
    };
    // Step parameters are paths inside the project (see pipelines/params/common.ts).
    const data = `.cache/tests/e2e-${crypto.randomUUID().slice(0, 8)}`;
    const output = await pipeline(`${data}/first`);
    assert.match(output, /HTML reports: .*index\.html/);
    assert.match(output, /MLflow run: http:\/\/127\.0\.0\.1:\d+\/#\/experiments\/\d+\/runs\/\w+/);

    const mlflow = new MlflowClient(server.uri);
    const experimentId = (await mlflow.getExperimentByName(experiment))!.experimentId;
    const runs = await mlflow.searchRuns({ experimentIds: [experimentId] });
    const parents = runs.filter((r) => !r.data.tags["mlflow.parentRunId"]);
    assert.equal(parents.length, 1);
    const parent = parents[0];
    assert.equal(parent.info.status, "FINISHED");
    assert.equal(parent.data.tags["ws.pipeline"], "research");
    assert.match(parent.data.tags["ws.data_digest"], /^[0-9a-f]{64}$/);
    assert.match(parent.data.tags["mlflow.source.git.commit"], /^([0-9a-f]{40}|unknown)$/);
    assert.equal(parent.data.tags["ws.deno_version"], Deno.version.deno);
    // symbols and start are step 01's alone: the later steps read its panel.
    assert.equal(parent.data.params["acquisition.symbols"], '["AAPL","MSFT","IBM","INTC","COST"]');
    assert.equal(parent.data.params["acquisition.start"], "2009-01-01");
    assert.equal(parent.data.params["features.symbols"], undefined);

    const children = runs.filter((r) => r.data.tags["mlflow.parentRunId"] === parent.info.runId);
    const stems = research.steps.map((s) => s.notebook.replace(/^notebooks\/|\.ipynb$/g, ""));
    assert.deepEqual(children.map((c) => c.info.runName).sort(), [...stems].sort());
    for (const child of children) {
      const name = child.info.runName;
      assert.equal(child.info.status, "FINISHED", name);
      const start = name === "01_acquisition" ? "2009-01-01" : undefined;
      assert.equal(child.data.params.start, start, name);
      assert.ok(child.data.metrics.duration_seconds > 0, name);
      const own = Object.keys(child.data.metrics).filter((k) => k !== "duration_seconds");
      assert.ok(own.length > 0, `${name} logged no metric of its own`);
      const artifacts = (await mlflow.listArtifacts(child.info.runId, "notebook")).map((a) =>
        a.path
      );
      assert.deepEqual(artifacts.sort(), [`notebook/${name}.html`, `notebook/${name}.ipynb`]);
    }

    const [run] = await readHistory(reportsDir);
    assert.equal(run.status, "ok");
    const index = await Deno.readTextFile(join(reportsDir, "index.html"));
    for (const step of run.steps) {
      assert.ok(index.includes(`href="${step.html}"`), `index does not link ${step.html}`);
      const html = await Deno.readTextFile(join(reportsDir, step.html!));
      const svgs = html.match(/<svg[^>]*>[\s\S]*?<\/svg>/g) ?? [];
      const charts = svgs.filter((svg) => /<(path|rect|circle|line)\b/.test(svg));
      assert.ok(charts.length > 0, `${step.html} has no rendered chart`);
      assert.match(html, /<table/, `${step.html} has no table`);
      assert.ok(existsSync(join(reportsDir, step.executed!)));
    }

    // Reproducible: the same inputs and seeds, run again into another folder, give the same
    // output bytes and the same metrics in every notebook.
    await pipeline(`${data}/again`, "--force");
    const all = await mlflow.searchRuns({ experimentIds: [experimentId] });
    const second = all.find((r) =>
      !r.data.tags["mlflow.parentRunId"] && r.info.runId !== parent.info.runId
    )!;
    assert.equal(second.data.tags["ws.data_digest"], parent.data.tags["ws.data_digest"]);
    assert.match(second.data.tags["ws.lock_digest"], /^[0-9a-f]{64}$/);
    const again = Object.fromEntries(
      all.filter((r) => r.data.tags["mlflow.parentRunId"] === second.info.runId)
        .map((r) => [r.info.runName, r]),
    );
    for (const first of children) {
      const name = first.info.runName;
      const rerun = again[name];
      assert.match(first.data.tags["ws.outputs_digest"], /^[0-9a-f]{64}$/, name);
      assert.equal(
        rerun.data.tags["ws.outputs_digest"],
        first.data.tags["ws.outputs_digest"],
        name,
      );
      const { duration_seconds: _a, ...metrics } = first.data.metrics;
      const { duration_seconds: _b, ...metricsAgain } = rerun.data.metrics;
      assert.deepEqual(metricsAgain, metrics, name);
    }

    // The canary secret is nowhere: not in the console, reports, data, MLflow's store or artifacts.
    assert.ok(outputs.every((o) => !o.includes(CANARY)), "a secret reached the console");
    const canary = new TextEncoder().encode(CANARY);
    const leaks = [...filesContaining(tmp, canary), ...filesContaining(projectPath(data), canary)];
    assert.deepEqual(leaks, [], `a secret reached ${leaks.join(", ")}`);
    await Deno.remove(tmp, { recursive: true });
    await Deno.remove(projectPath(data), { recursive: true });
  },
});

/** Files under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: Uint8Array): string[] {
  const found: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) found.push(...filesContaining(path, needle));
    else if (entry.isFile && indexOf(Deno.readFileSync(path), needle) >= 0) found.push(path);
  }
  return found;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
