import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildSite, mlflowBase } from "@lib/reports/site.ts";
import { siteProblems } from "@lib/reports/offline.ts";
import type { RunRecord } from "@lib/reports/history.ts";
import { executedNotebook, runRecord } from "./fixtures.ts";

/** A reports folder with two recorded runs and their executed notebooks, no data folder. */
async function fixtureSite(): Promise<{ dir: string; history: RunRecord[] }> {
  const dir = await Deno.makeTempDir({ prefix: "ws-site-test-" });
  const history = [
    { ...runRecord("k2", "2026-01-02T00:00:00.000Z", 5, 0.75), dataDir: join(dir, "gone") },
    { ...runRecord("k1", "2026-01-01T00:00:00.000Z", 3, 1.5), dataDir: join(dir, "gone") },
  ];
  for (const run of history) {
    await Deno.mkdir(join(dir, "runs", run.key), { recursive: true });
    for (const step of run.steps) {
      await Deno.writeTextFile(join(dir, step.executed!), JSON.stringify(executedNotebook));
    }
  }
  await Deno.writeTextFile(join(dir, "runs.json"), JSON.stringify(history));
  return { dir, history };
}

Deno.test("buildSite writes the index, every notebook page and the comparison with the previous run", async () => {
  const { dir, history } = await fixtureSite();
  try {
    const result = await buildSite(dir, history);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.pages.sort(), [
      "compare/k1--k2.html",
      "index.html",
      "runs/k1/04_training.html",
      "runs/k1/05_factor_analysis.html",
      "runs/k1/06_backtesting.html",
      "runs/k2/04_training.html",
      "runs/k2/05_factor_analysis.html",
      "runs/k2/06_backtesting.html",
    ]);
    const index = await Deno.readTextFile(join(dir, "index.html"));
    assert.ok(index.indexOf('id="k2"') < index.indexOf('id="k1"'), "newest first");
    assert.match(index, /<a href="runs\/k2\/06_backtesting\.html">06_backtesting<\/a>/);
    assert.match(index, /<a href="compare\/k1--k2\.html">compare with the previous run<\/a>/);
    assert.match(index, /<span class="chip">backtest\.topK=5<\/span>/);
    assert.match(
      index,
      /<dt>Sharpe \(top-k\)<\/dt><dd>0\.75 vs benchmark 0\.60, equal weight 0\.90<\/dd>/,
    );
    // The headline names step 04's champion, not the model with the best IC afterwards (tree).
    assert.match(index, /<dt>Champion model<\/dt><dd>ridge \(5d\)<\/dd>/);
    assert.doesNotMatch(index, /<dd>tree/);
    // The runner's short-lived local MLflow server is replaced by `deno task ui`'s address.
    assert.match(index, /href="http:\/\/127\.0\.0\.1:5000\/#\/experiments\/1\/runs\/parent-k2"/);
    // Each notebook page links its neighbours in the run, and the first and last only one way.
    const middle = await Deno.readTextFile(join(dir, "runs/k2/05_factor_analysis.html"));
    assert.match(
      middle,
      /<a rel="prev" href="\.\.\/\.\.\/runs\/k2\/04_training\.html">← 04 · training<\/a>/,
    );
    assert.match(
      middle,
      /<a rel="next" href="\.\.\/\.\.\/runs\/k2\/06_backtesting\.html">06 · backtesting →<\/a>/,
    );
    const first = await Deno.readTextFile(join(dir, "runs/k2/04_training.html"));
    assert.doesNotMatch(first, /rel="prev"/);
    assert.match(first, /rel="next"/);
    // The MLflow link says it needs `deno task ui`, on the index and on every notebook page.
    assert.match(index, /MLflow run<\/a> <span class="muted mlflow-note">\(answers only while/);
    assert.match(middle, /<span class="muted mlflow-note">\(answers only while/);
    const compare = await Deno.readTextFile(join(dir, "compare/k1--k2.html"));
    assert.match(compare, /<span class="muted mlflow-note">\(answers only while/);
    // k2 is the newest run of the data folder, so its files were looked for; k1's were overwritten.
    assert.match(compare, /Run A \(k1\): its data was not kept and a later run has since written/);
    assert.match(compare, /Run B \(k2\): [^<]*gone\/backtest\/equity\.parquet is gone/);
    assert.deepEqual(await siteProblems(dir), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("buildSite builds requested comparisons and rejects unknown runs", async () => {
  const { dir, history } = await fixtureSite();
  try {
    const result = await buildSite(dir, history, { compare: [["k2", "k1"]] });
    assert.ok(result.pages.includes("compare/k2--k1.html"));
    const index = await Deno.readTextFile(join(dir, "index.html"));
    assert.match(index, /<a href="compare\/k2--k1\.html">A k2 vs B k1<\/a>/);
    // A later full rebuild refreshes it without being asked again.
    assert.ok((await buildSite(dir, history)).pages.includes("compare/k2--k1.html"));
    await assert.rejects(buildSite(dir, history, { compare: [["k1", "nope"]] }), /no run nope/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("buildSite leaves a page whose executed notebook is gone and does not link it", async () => {
  const { dir, history } = await fixtureSite();
  try {
    await Deno.remove(join(dir, "runs/k1/06_backtesting.ipynb"));
    const result = await buildSite(dir, history);
    assert.ok(result.notes.some((n) => n.startsWith("runs/k1/06_backtesting.html:")));
    assert.ok(!existsSync(join(dir, "runs/k1/06_backtesting.html")));
    const index = await Deno.readTextFile(join(dir, "index.html"));
    assert.doesNotMatch(index, /href="runs\/k1\/06_backtesting\.html"/);
    assert.deepEqual(result.problems, [], "a missing page must not leave a broken link");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("mlflowBase keeps a remote tracking server and replaces loopback ones", () => {
  assert.equal(mlflowBase("http://127.0.0.1:41234"), "http://127.0.0.1:5000");
  assert.equal(mlflowBase("https://mlflow.example.org"), "https://mlflow.example.org");
  assert.equal(mlflowBase("http://127.0.0.1:41234", "http://h:1"), "http://h:1");
});
