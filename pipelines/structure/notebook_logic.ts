/**
 * The notebook rule: a code cell holds parameters and calls, not logic. A loop or a branch in a
 * cell belongs in lib/, where it can be tested.
 * @module
 */
import type { Finding } from "./findings.ts";
import { codeOnly } from "./source_scan.ts";

/** The constructs a notebook cell may not contain, as the report names them. */
const LOGIC: [string, RegExp][] = [
  ["for (", /\bfor\s*(?:await\s*)?\(/],
  ["while (", /\bwhile\s*\(/],
  [".forEach(", /\.forEach\s*\(/],
  ["if (", /\bif\s*\(/],
  ["else", /\belse\b/],
];

/** A cell of a notebook: its type, its id (when the notebook has ids) and its source. */
interface NotebookCell {
  cell_type: string;
  id?: string;
  source: string | string[];
}

/**
 * The loops and branches in one cell's TypeScript source (strings and comments do not count),
 * each as `line N: construct`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(cellLogic('show(x);\nfor (const s of xs) show(s);'), ["line 2: for ("]);
 * assert.deepEqual(cellLogic('show("for (all)"); // if (ever)'), []);
 * ```
 */
export function cellLogic(source: string): string[] {
  return codeOnly(source).split("\n").flatMap((line, i) =>
    LOGIC.filter(([, pattern]) => pattern.test(line)).map(([name]) => `line ${i + 1}: ${name}`)
  );
}

/** One finding per code cell of `notebooks` (path -> .ipynb JSON text) with a loop or a branch. */
export function notebookLogic(notebooks: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const [path, json] of [...notebooks].sort(([a], [b]) => a < b ? -1 : 1)) {
    const cells: NotebookCell[] = JSON.parse(json).cells ?? [];
    cells.forEach((cell, i) => {
      if (cell.cell_type !== "code") return;
      const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      const found = cellLogic(source);
      if (found.length === 0) return;
      const name = cell.id ? `cell ${i + 1} ("${cell.id}")` : `cell ${i + 1}`;
      findings.push({ kind: "notebook logic", message: `${path} ${name}`, details: found });
    });
  }
  return findings;
}
