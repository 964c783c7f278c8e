import assert from "node:assert/strict";
import { areaGraph, areaOf } from "../../pipelines/structure/areas.ts";
import { areaCycles, fileCycles } from "../../pipelines/structure/cycles.ts";
import { graphOf } from "../../pipelines/structure/graph.ts";

Deno.test("areaOf is the first folder under lib/, or the file for top-level lib files", () => {
  assert.equal(areaOf("lib/models/linear/ols.ts"), "lib/models");
  assert.equal(areaOf("lib/models/mod.ts"), "lib/models");
  assert.equal(areaOf("lib/table.ts"), "lib/table.ts");
});

Deno.test("areaGraph projects file imports onto areas and drops imports inside an area", () => {
  const areas = areaGraph(graphOf(["lib/a/x.ts", "lib/a/y.ts", "lib/b/z.ts"], [
    ["lib/a/x.ts", "lib/a/y.ts"],
    ["lib/a/y.ts", "lib/b/z.ts"],
  ]));
  assert.deepEqual(areas.files, ["lib/a", "lib/b"]);
  assert.deepEqual([...areas.imports.get("lib/a")!], ["lib/b"]);
  assert.deepEqual(areas.crossings.get("lib/a -> lib/b"), [["lib/a/y.ts", "lib/b/z.ts"]]);
});

Deno.test("areaCycles finds a three-area cycle without any file cycle, naming the files", () => {
  const acyclic = graphOf(["lib/a/x.ts", "lib/a/w.ts", "lib/b/y.ts", "lib/c/z.ts"], [
    ["lib/a/x.ts", "lib/b/y.ts"],
    ["lib/b/y.ts", "lib/c/z.ts"],
    ["lib/c/z.ts", "lib/a/w.ts"],
  ]);
  assert.deepEqual(fileCycles(acyclic), []);
  const found = areaCycles(acyclic);
  assert.equal(found.length, 1);
  assert.equal(found[0].kind, "area cycle");
  assert.equal(found[0].message, "lib/a, lib/b, lib/c");
  assert.deepEqual(found[0].details, [
    "lib/a -> lib/b: lib/a/x.ts -> lib/b/y.ts",
    "lib/b -> lib/c: lib/b/y.ts -> lib/c/z.ts",
    "lib/c -> lib/a: lib/c/z.ts -> lib/a/w.ts",
  ]);
});

Deno.test("fileCycles names the files of a two-file cycle and the imports that close it", () => {
  const graph = graphOf(["lib/a/x.ts", "lib/a/y.ts"], [
    ["lib/a/x.ts", "lib/a/y.ts"],
    ["lib/a/y.ts", "lib/a/x.ts"],
  ]);
  assert.deepEqual(fileCycles(graph), [{
    kind: "file cycle",
    message: "lib/a/x.ts, lib/a/y.ts",
    details: ["lib/a/x.ts -> lib/a/y.ts", "lib/a/y.ts -> lib/a/x.ts"],
  }]);
  assert.deepEqual(areaCycles(graph), []);
});
