/**
 * The cycle rules: no import cycle between lib files, and none between lib areas.
 * @module
 */
import { areaGraph, crossingKey } from "./areas.ts";
import type { Finding } from "./findings.ts";
import type { ImportGraph } from "./graph.ts";
import { cycles, edgesWithin } from "./scc.ts";

/** One finding per cycle of lib files, listing its files and the imports that close it. */
export function fileCycles(graph: ImportGraph): Finding[] {
  return cycles(graph).map((component) => ({
    kind: "file cycle",
    message: component.join(", "),
    details: edgesWithin(graph, component).map(([from, to]) => `${from} -> ${to}`),
  }));
}

/**
 * One finding per cycle of lib areas, listing its areas and, under each edge between two of
 * them, the file imports that make it: the places to cut.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { graphOf } from "./graph.ts";
 * const g = graphOf(["lib/a/x.ts", "lib/b/y.ts"], [["lib/a/x.ts", "lib/b/y.ts"], ["lib/b/y.ts", "lib/a/x.ts"]]);
 * assert.equal(areaCycles(g)[0].message, "lib/a, lib/b");
 * ```
 */
export function areaCycles(graph: ImportGraph): Finding[] {
  const areas = areaGraph(graph);
  return cycles(areas).map((component) => ({
    kind: "area cycle",
    message: component.join(", "),
    details: edgesWithin(areas, component).flatMap(([from, to]) =>
      (areas.crossings.get(crossingKey(from, to)) ?? []).map(([a, b]) =>
        `${from} -> ${to}: ${a} -> ${b}`
      )
    ),
  }));
}
