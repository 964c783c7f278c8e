import assert from "node:assert/strict";
import { markdownToHtml } from "@lib/reports/markdown.ts";

Deno.test("markdownToHtml renders headings, paragraphs and inline marks, escaping the rest", () => {
  assert.equal(
    markdownToHtml("## Read *it*\n\nA **bold** `<code>` and a\nsecond line <b>x</b>."),
    "<h2>Read <em>it</em></h2>\n<p>A <strong>bold</strong> <code>&lt;code&gt;</code> and a second line &lt;b&gt;x&lt;/b&gt;.</p>",
  );
});

Deno.test("markdownToHtml keeps list continuation lines in their item and nests indented lists", () => {
  assert.equal(
    markdownToHtml("- one\n  more\n- two\n  - inner\n\n1. first"),
    "<ul><li>one more</li><li>two<ul><li>inner</li></ul></li></ul>\n<ol><li>first</li></ol>",
  );
});

Deno.test("markdownToHtml leaves underscores inside words and code spans alone", () => {
  assert.equal(
    markdownToHtml("label_end_{h} and `fwd_ret_{h}` and _em_"),
    "<p>label_end_{h} and <code>fwd_ret_{h}</code> and <em>em</em></p>",
  );
});

Deno.test("markdownToHtml renders fenced code, pipe tables, quotes and safe links", () => {
  const html = markdownToHtml(
    "```ts\nif (a < b) {}\n```\n| k | v |\n|---|--:|\n| a | 1 |\n\n> note\n\n[x](javascript:alert) [y](runs/a.html)",
  );
  assert.equal(
    html,
    '<pre><code class="language-ts">if (a &lt; b) {}</code></pre>\n' +
      '<div class="scroll"><table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table></div>\n' +
      "<blockquote><p>note</p></blockquote>\n" +
      '<p><a href="#">x</a> <a href="runs/a.html">y</a></p>',
  );
});
