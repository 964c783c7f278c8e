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
  assert.doesNotMatch(html, /<script/);
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
