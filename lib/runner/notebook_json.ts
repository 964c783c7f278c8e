/**
 * The parts of the .ipynb format (nbformat 4) the runner reads and writes, and parameter
 * injection following papermill's convention: the cell tagged `parameters` holds the defaults,
 * and a cell tagged `injected-parameters` inserted right after it overrides them.
 * @internal
 * @module
 */

/** A notebook cell as stored in .ipynb JSON. */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
}

/** A notebook as stored in .ipynb JSON. */
export interface NotebookJson {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Parses .ipynb text, with an error naming `path` when it is not a notebook. */
export function parseNotebook(text: string, path: string): NotebookJson {
  let nb: NotebookJson;
  try {
    nb = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not a notebook: ${(error as Error).message}`);
  }
  if (!Array.isArray(nb?.cells) || nb.nbformat !== 4) {
    throw new Error(`${path} is not an nbformat 4 notebook (no "cells" array or wrong version)`);
  }
  return nb;
}

/** The source text of a cell. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/**
 * Returns a copy of `nb` with `overrides = <values>;` in a cell tagged `injected-parameters`
 * right after the cell tagged `parameters` (replacing an earlier injected cell).
 *
 * @example
 * ```ts
 * import { injectParameters } from "@lib/runner/notebook_json.ts";
 * const nb = {
 *   nbformat: 4, nbformat_minor: 5, metadata: {},
 *   cells: [{ cell_type: "code" as const, source: "let overrides = {};", metadata: { tags: ["parameters"] } }],
 * };
 * const out = injectParameters(nb, { window: 20 }, "nb.ipynb");
 * if (!String(out.cells[1].source).startsWith('overrides = {\n  "window": 20\n};')) throw new Error();
 * ```
 */
export function injectParameters(
  nb: NotebookJson,
  values: Record<string, unknown>,
  path: string,
): NotebookJson {
  const cells = nb.cells.filter((cell) => !hasTag(cell, "injected-parameters"));
  const at = cells.findIndex((cell) => hasTag(cell, "parameters"));
  if (at < 0) {
    throw new Error(
      `${path} has no cell tagged "parameters"; the runner cannot set its parameters`,
    );
  }
  const injected: NotebookCell = {
    cell_type: "code",
    id: "injected-parameters",
    // `void 0` keeps the kernel from echoing the assignment as the cell's result.
    source: `overrides = ${JSON.stringify(values, null, 2)};\nvoid 0;\n`,
    metadata: { tags: ["injected-parameters"] },
    outputs: [],
    execution_count: null,
  };
  return { ...nb, cells: [...cells.slice(0, at + 1), injected, ...cells.slice(at + 1)] };
}

function hasTag(cell: NotebookCell, tag: string): boolean {
  return cell.metadata?.tags?.includes(tag) ?? false;
}
