import assert from "node:assert/strict";
import { graphOf } from "../../pipelines/structure/graph.ts";
import { cycles, edgesWithin } from "../../pipelines/structure/scc.ts";

Deno.test("cycles finds a cycle of two files", () => {
  const graph = graphOf(["lib/a.ts", "lib/b.ts", "lib/c.ts"], [
    ["lib/a.ts", "lib/b.ts"],
    ["lib/b.ts", "lib/a.ts"],
    ["lib/c.ts", "lib/a.ts"],
  ]);
  assert.deepEqual(cycles(graph), [["lib/a.ts", "lib/b.ts"]]);
});

Deno.test("cycles is empty on a graph without cycles (a diamond)", () => {
  const graph = graphOf(["a", "b", "c", "d"], [["a", "b"], ["a", "c"], ["b", "d"], ["c", "d"]]);
  assert.deepEqual(cycles(graph), []);
});

Deno.test("cycles reports each strongly connected component once, sorted", () => {
  const graph = graphOf(["e", "d", "c", "b", "a"], [
    ["a", "b"],
    ["b", "c"],
    ["c", "a"],
    ["c", "d"],
    ["d", "e"],
    ["e", "d"],
  ]);
  assert.deepEqual(cycles(graph), [["a", "b", "c"], ["d", "e"]]);
});

Deno.test("cycles counts a file that imports itself", () => {
  assert.deepEqual(cycles(graphOf(["a"], [["a", "a"]])), [["a"]]);
});

Deno.test("edgesWithin lists the imports that close a cycle, not those leaving it", () => {
  const graph = graphOf(["a", "b", "c"], [["a", "b"], ["b", "a"], ["b", "c"]]);
  assert.deepEqual(edgesWithin(graph, ["a", "b"]), [["a", "b"], ["b", "a"]]);
});
