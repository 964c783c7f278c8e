import assert from "node:assert/strict";
import { frameConcatFindings, frameConcats } from "../../pipelines/structure/frame_concat.ts";

Deno.test("frameConcats flags pl.concat of a list, with its line", () => {
  assert.deepEqual(frameConcats("const a = 1;\nconst all = pl.concat(frames);\n"), [2]);
  assert.deepEqual(frameConcats('pl.concat(parts, { how: "vertical" })'), [1]);
  assert.deepEqual(frameConcats('pl.concat(frames.map((f) => f.select("a")))'), [1]);
  assert.deepEqual(frameConcats("pl.concat([first, ...rest])"), [1]);
  assert.deepEqual(frameConcats("pl.concat([...parts])"), [1]);
});

Deno.test("frameConcats leaves native concatenations, short literal lists and comments alone", () => {
  const source = [
    'pl.concat(parts, { how: "diagonal" });',
    "pl.concat(parts, { how: 'horizontal' });",
    "pl.concat([a, b]);",
    "pl.concat([x.summary, y.summary, z]);",
    "// pl.concat(frames) was quadratic",
    'const hint = "pl.concat(frames)";',
  ].join("\n");
  assert.deepEqual(frameConcats(source), []);
});

Deno.test("frameConcatFindings names the file and line and exempts lib/frames.ts", () => {
  const sources = new Map([
    ["lib/frames.ts", "pl.concat(frames.map((f) => f.lazy()))"],
    ["lib/data/store.ts", "\n\nreturn pl.concat(frames);"],
  ]);
  const findings = frameConcatFindings(sources);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].kind, "frame concat");
  assert.match(findings[0].message, /^lib\/data\/store\.ts:3 .*concatRows/);
});
