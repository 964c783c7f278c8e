/**
 * Lib areas and the graph between them: an area is a folder directly under lib/ (`lib/models`
 * holds `lib/models/linear/ols.ts`); a file directly in lib/ (`lib/table.ts`) is its own area.
 * @module
 */
import { graphOf, type ImportGraph } from "./graph.ts";

/**
 * The area of a lib/ path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(areaOf("lib/models/linear/ols.ts"), "lib/models");
 * assert.equal(areaOf("lib/table.ts"), "lib/table.ts");
 * ```
 */
export function areaOf(path: string): string {
  const parts = path.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : path;
}

/** The area graph of a file graph, and the file imports behind each edge between two areas. */
export interface AreaGraph extends ImportGraph {
  /** `from -> to` (areas) -> the file imports that cross from one to the other, sorted. */
  crossings: Map<string, [string, string][]>;
}

/** The key of `crossings` for an edge between two areas. */
export function crossingKey(from: string, to: string): string {
  return `${from} -> ${to}`;
}

/** The graph between the areas of `graph`'s files; imports inside one area are not edges. */
export function areaGraph(graph: ImportGraph): AreaGraph {
  const crossings = new Map<string, [string, string][]>();
  const edges: [string, string][] = [];
  for (const from of graph.files) {
    for (const to of [...(graph.imports.get(from) ?? [])].sort()) {
      const a = areaOf(from);
      const b = areaOf(to);
      if (a === b) continue;
      edges.push([a, b]);
      const key = crossingKey(a, b);
      crossings.set(key, [...(crossings.get(key) ?? []), [from, to]]);
    }
  }
  return { ...graphOf(graph.files.map(areaOf), edges), crossings };
}
