import assert from "node:assert/strict";
import { join } from "node:path";
import { isOutside, pageProblems } from "@lib/reports/offline.ts";

Deno.test("isOutside is true for schemes and protocol-relative URLs, false for data and paths", () => {
  assert.deepEqual(
    ["https://cdn.x/a.js", "//fonts.x/f", "data:image/png;base64,AA", "a/b.html", "#top"].map(
      isOutside,
    ),
    [true, true, false, false, false],
  );
});

Deno.test("pageProblems flags external loads, absolute paths and missing files, not rel=external links", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "runs"));
    await Deno.writeTextFile(join(dir, "runs", "a.html"), "");
    const html = `<a href="runs/a.html">ok</a><a href="#x">anchor</a>
<a rel="external" href="http://127.0.0.1:5000/#/runs/1">mlflow</a>
<script src="https://cdn.example/require.js"></script>
<link rel="stylesheet" href="//fonts.example/css">
<a href="/abs.html">abs</a><img src="runs/missing.png">
<style>@font-face { src: url(https://fonts.example/f.woff2) }</style>`;
    assert.deepEqual(pageProblems(html, join(dir, "index.html"), dir), [
      "index.html: <script> refers outside the site: https://cdn.example/require.js",
      "index.html: <link> refers outside the site: //fonts.example/css",
      "index.html: <a> uses an absolute path: /abs.html",
      "index.html: <img> links a missing file: runs/missing.png",
      "index.html: <css> refers outside the site: https://fonts.example/f.woff2",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
