import assert from "node:assert/strict";
import { type DenoInfo, graphOf, libGraph } from "../../pipelines/structure/graph.ts";

const ROOT = "file:///repo";

/** A module of `deno info --json` output with runtime and type-only dependencies. */
function module(path: string, code: string[] = [], types: string[] = []) {
  return {
    specifier: `${ROOT}/${path}`,
    kind: "esm",
    dependencies: [
      ...code.map((to) => ({ specifier: `./${to}`, code: { specifier: `${ROOT}/${to}` } })),
      ...types.map((to) => ({ specifier: `./${to}`, type: { specifier: `${ROOT}/${to}` } })),
    ],
  };
}

Deno.test("libGraph counts a type-only import as an edge", () => {
  const info: DenoInfo = {
    roots: [],
    modules: [module("lib/a.ts", [], ["lib/b.ts"]), module("lib/b.ts")],
  };
  const graph = libGraph(info, ROOT);
  assert.deepEqual(graph.files, ["lib/a.ts", "lib/b.ts"]);
  assert.deepEqual([...graph.imports.get("lib/a.ts")!], ["lib/b.ts"]);
  assert.equal(graph.resolved.get("lib/a.ts")!.get("./lib/b.ts"), "lib/b.ts");
});

Deno.test("libGraph keeps only lib files: npm, node and pipelines modules are not nodes", () => {
  const info: DenoInfo = {
    roots: [],
    modules: [
      module("lib/a.ts", ["pipelines/p.ts"]),
      module("pipelines/p.ts", ["lib/a.ts"]),
      { specifier: "npm:zod@3.25.76", error: "npm specifiers were requested" },
      { specifier: "node:fs", kind: "node" },
    ],
  };
  const graph = libGraph(info, ROOT);
  assert.deepEqual(graph.files, ["lib/a.ts"]);
  assert.deepEqual([...graph.imports.get("lib/a.ts")!], []);
  assert.deepEqual(graph.errors, []);
});

Deno.test("libGraph reports lib modules and imports Deno could not resolve", () => {
  const info: DenoInfo = {
    roots: [],
    modules: [
      {
        specifier: `${ROOT}/lib/a.ts`,
        dependencies: [{ specifier: "./gone.ts", code: { error: "Module not found" } }],
      },
      { specifier: `${ROOT}/lib/b.ts`, error: "Module not found" },
    ],
  };
  assert.deepEqual(libGraph(info, ROOT).errors, [
    'lib/a.ts: "./gone.ts": Module not found',
    "lib/b.ts: Module not found",
  ]);
});

Deno.test("graphOf drops edges to files outside the graph", () => {
  const graph = graphOf(["a", "b"], [["a", "b"], ["a", "z"]]);
  assert.deepEqual([...graph.imports.get("a")!], ["b"]);
});
