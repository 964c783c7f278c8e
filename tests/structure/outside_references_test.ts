import assert from "node:assert/strict";
import { outsidePaths, outsideReferences } from "../../pipelines/structure/outside_references.ts";

Deno.test("outsidePaths finds a notes file beside the repository and absolute work paths", () => {
  assert.deepEqual(outsidePaths("// danfojs is slow in loops, shared/NOTES.md)."), [
    "shared/NOTES.md",
  ]);
  assert.deepEqual(outsidePaths("// see ../shared/tools/x.py"), ["../shared/tools/x.py"]);
  assert.deepEqual(outsidePaths("# from /work/main/.venv (TA-Lib)"), ["/work/main/.venv"]);
});

Deno.test("outsidePaths leaves repository paths alone", () => {
  assert.deepEqual(outsidePaths("// written to data/work/run-1 and lib/shared/x.ts"), []);
  assert.deepEqual(outsidePaths("// a shared helper of lib/models"), []);
});

Deno.test("outsideReferences reads comments only, with the line of each citation", () => {
  const sources = new Map([
    ["lib/a.ts", 'const p = "shared/NOTES.md";\n/**\n * Slow (shared/NOTES.md).\n */\n'],
    ["bench/b.py", '"""Reference from /work/main/.venv."""\nprint("/work/x")\n'],
    ["tests/c.html", "<!-- shared/NOTES.md -->"],
  ]);
  assert.deepEqual(outsideReferences(sources), [
    { kind: "outside reference", message: "bench/b.py:1 cites /work/main/.venv" },
    { kind: "outside reference", message: "lib/a.ts:3 cites shared/NOTES.md" },
  ]);
});
