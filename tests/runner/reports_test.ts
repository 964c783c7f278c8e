import assert from "node:assert/strict";
import { join } from "node:path";
import { readHistory, type RunRecord } from "@lib/reports/history.ts";
import { recordRun } from "@lib/runner/reports.ts";

function run(key: string, startedAt: string, status: "ok" | "failed" = "ok"): RunRecord {
  return {
    key,
    pipeline: "research",
    startedAt,
    status,
    overrides: { seed: "7" },
    steps: [{
      name: "features",
      notebook: "notebooks/02_features.ipynb",
      status,
      seconds: 1.25,
      html: `runs/${key}/02_features.html`,
      executed: `runs/${key}/02_features.ipynb`,
      metrics: { rows: 100, null_share: 0.125 },
      mlflowRunId: "abc",
      error: status === "failed" ? "cell 3: Error: <boom>" : undefined,
    }],
    mlflow: { uri: "http://127.0.0.1:5000", experimentId: "1", runId: "parent" },
  };
}

Deno.test("recordRun keeps the history newest first and replaces a run with the same key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await recordRun(dir, run("a", "2026-01-01T00:00:00Z"));
    await recordRun(dir, run("b", "2026-01-02T00:00:00Z"));
    await recordRun(dir, run("a", "2026-01-01T00:00:00Z", "failed"));
    const history = await readHistory(dir);
    assert.deepEqual(history.map((r) => [r.key, r.status]), [["b", "ok"], ["a", "failed"]]);
    const html = await Deno.readTextFile(join(dir, "index.html"));
    assert.ok(html.indexOf('id="b"') < html.indexOf('id="a"'));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("recordRun builds the index with relative report links and escaped error text", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const failed = run("a", "2026-01-01T00:00:00Z", "failed");
    await Deno.mkdir(join(dir, "runs", "a"), { recursive: true });
    await Deno.writeTextFile(
      join(dir, failed.steps[0].executed!),
      JSON.stringify({ cells: [{ cell_type: "markdown", source: "# 02 · Features" }] }),
    );
    await recordRun(dir, failed);
    const html = await Deno.readTextFile(join(dir, "index.html"));
    assert.match(html, /<a href="runs\/a\/02_features\.html">02_features<\/a>/);
    assert.match(html, /href="http:\/\/127\.0\.0\.1:5000\/#\/experiments\/1\/runs\/parent"/);
    assert.match(html, /cell 3: Error: &lt;boom&gt;/);
    assert.match(html, /<span class="chip">seed=7<\/span>/);
    assert.doesNotMatch(html, /<script/);
    const page = await Deno.readTextFile(join(dir, "runs", "a", "02_features.html"));
    assert.match(page, /<h1>02 · Features<\/h1>/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
