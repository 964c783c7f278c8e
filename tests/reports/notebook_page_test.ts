import assert from "node:assert/strict";
import { injectedParams, renderNotebookPage, renderOutput } from "@lib/reports/notebook_page.ts";
import { executedNotebook, runRecord } from "./fixtures.ts";

const run = runRecord("k1", "2026-01-02T03:04:05.000Z", 5, 1.25);
const step = run.steps.find((s) => s.name === "backtest")!;

Deno.test("renderNotebookPage puts parameters, changed marks and digests above the notebook", () => {
  const html = renderNotebookPage(executedNotebook, {
    run,
    step,
    root: "../../",
    mlflowLink: (id) => `http://127.0.0.1:5000/#/experiments/1/runs/${id}`,
  });
  assert.match(html, /<title>06 · Backtesting<\/title>/);
  assert.match(html, /<th scope="row">topK<\/th><td><code>5<\/code> <span class="chip changed">/);
  assert.doesNotMatch(html, /<th scope="row">model<\/th><td><code>ridge<\/code> <span/);
  assert.match(html, /<code title="a{64}">a{16}…<\/code>/);
  assert.match(html, /href="06_backtesting\.ipynb">executed notebook/);
  assert.match(
    html,
    /rel="external" href="http:\/\/127\.0\.0\.1:5000\/#\/experiments\/1\/runs\/child-k1"/,
  );
  assert.match(html, /href="\.\.\/\.\.\/index\.html#k1"/);
  // Nothing is loaded: the one script is the inline one that sorts the metrics table.
  assert.doesNotMatch(html, /<script[^>]*\ssrc=/);
  assert.ok((html.match(/<script>/g) ?? []).length <= 1);
  assert.match(
    html,
    /MLflow run of this notebook<\/a> <span class="muted mlflow-note">\(answers only while <code>deno task ui<\/code> runs\)/,
  );
});

Deno.test("renderNotebookPage folds every code cell into details and shows outputs", () => {
  const html = renderNotebookPage(executedNotebook, { run, step, root: "../../" });
  assert.equal(html.match(/<details class="code">/g)?.length, 5);
  assert.match(html, /<summary>Parameters injected by the runner<\/summary>/);
  assert.match(
    html,
    /<summary>Code \[3\]<\/summary><pre><code>table\(stats\)<\/code><\/pre><\/details>/,
  );
  assert.match(html, /<table class="ws-table">/);
  assert.match(html, /<svg width="10" height="10"><path/);
  assert.match(html, /<pre>a &lt; b\n<\/pre>/);
  assert.match(html, /<div class="output error"><pre>Error: boom\n {4}at &lt;anonymous&gt;<\/pre>/);
  // The notebook's title heading becomes the page heading, not a second h1.
  assert.equal(html.match(/<h1>/g)?.length, 1);
});

Deno.test("renderNotebookPage reads parameters from the injected cell when the record has none", () => {
  assert.deepEqual(injectedParams(executedNotebook), { topK: 5 });
  const { params: _, ...bare } = step;
  const html = renderNotebookPage(executedNotebook, { run, step: bare, root: "../../" });
  assert.match(html, /<th scope="row">topK<\/th><td><code>5<\/code>/);
});

Deno.test("renderOutput prefers HTML, then images, Markdown and plain text", () => {
  assert.equal(
    renderOutput({
      output_type: "display_data",
      data: { "text/markdown": "**x**", "text/plain": "x" },
    }),
    '<div class="output markdown"><p><strong>x</strong></p></div>',
  );
  assert.equal(
    renderOutput({
      output_type: "execute_result",
      data: { "image/png": "AA\nBB", "text/plain": "x" },
    }),
    '<div class="output image"><img alt="figure" src="data:image/png;base64,AABB"></div>',
  );
  assert.equal(
    renderOutput({ output_type: "execute_result", data: { "text/plain": "<1>" } }),
    '<div class="output text"><pre>&lt;1&gt;</pre></div>',
  );
});

const notebook = {
  cells: [
    { cell_type: "markdown", source: "# 06 · Backtesting\n\nIntro." },
    { cell_type: "markdown", source: "## Scores & prices\n\nText.\n\n## Tear sheet\n" },
    { cell_type: "markdown", source: "## Tear sheet\n\nAgain." },
    {
      cell_type: "code",
      source: "await nb.logMetrics(x);\nnb.metrics;",
      execution_count: 9,
      outputs: [{ output_type: "execute_result", data: { "text/plain": "{ a: 1 }" } }],
    },
  ],
};

Deno.test("renderNotebookPage lists the page's sections in a table of contents", () => {
  const html = renderNotebookPage(notebook, { run, step, root: "../../" });
  assert.match(html, /<nav class="toc" aria-label="Contents">/);
  const links = [...html.matchAll(/<li><a href="#([^"]+)">([^<]*)<\/a><\/li>/g)].map((m) =>
    `${m[1]}=${m[2]}`
  );
  assert.deepEqual(links, [
    "scores-prices=Scores &amp; prices",
    "tear-sheet=Tear sheet",
    "tear-sheet-2=Tear sheet",
  ]);
  for (const id of ["scores-prices", "tear-sheet", "tear-sheet-2"]) {
    assert.match(html, new RegExp(`<h2 id="${id}">`));
  }
});

Deno.test("renderNotebookPage links the previous and next notebooks of the run", () => {
  const html = renderNotebookPage(notebook, {
    run,
    step,
    root: "../../",
    previous: ["05 · factor_analysis", "../../runs/k1/05_factor_analysis.html"],
  });
  const pager = html.match(/<nav class="pager"[^>]*>.*?<\/nav>/)?.[0] ?? "";
  assert.match(pager, /<a rel="prev" href="\.\.\/\.\.\/runs\/k1\/05_factor_analysis\.html">← 05/);
  assert.doesNotMatch(pager, /rel="next"/);
  assert.equal(html.match(/<nav class="pager"/g)?.length, 2, "a pager above and below");
});

Deno.test("renderNotebookPage shows the closing metric dump as one sortable table", () => {
  const html = renderNotebookPage(notebook, { run, step, root: "../../" });
  assert.doesNotMatch(html, /\{ a: 1 \}/);
  const tables = html.match(/<table class="ws-table ws-sortable">/g) ?? [];
  assert.equal(tables.length, 2, "the header's metrics and the closing cell's");
  assert.match(html, /<td>top_k_sharpe<\/td><td style="text-align:right" data-value="[^"]+">/);
  assert.match(
    html,
    /<script>for \(const table of document\.querySelectorAll\("table\.ws-sortable"\)\)/,
  );
});
