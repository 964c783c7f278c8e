/**
 * Strongly connected components (Tarjan's algorithm): the import cycles of a graph.
 * @module
 */
import type { ImportGraph } from "./graph.ts";

/**
 * The cycles of `graph`: its strongly connected components of two or more nodes, plus single
 * nodes that import themselves. Each component is sorted, and the list is sorted by first node.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { graphOf } from "./graph.ts";
 * const g = graphOf(["a", "b", "c"], [["a", "b"], ["b", "a"], ["b", "c"]]);
 * assert.deepEqual(cycles(g), [["a", "b"]]);
 * ```
 */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.imports.get(v) ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.imports.get(v)?.has(v)) found.push(component.sort());
  };
  for (const v of graph.files) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** The edges of `graph` that run between two nodes of `component`, sorted. */
export function edgesWithin(graph: ImportGraph, component: string[]): [string, string][] {
  const members = new Set(component);
  return component.flatMap((from) =>
    [...(graph.imports.get(from) ?? [])].filter((to) => members.has(to)).sort().map((
      to,
    ): [string, string] => [from, to])
  );
}
