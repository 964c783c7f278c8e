import assert from "node:assert/strict";
import {
  cellSource,
  injectParameters,
  type NotebookJson,
  parseNotebook,
} from "@lib/runner/notebook_json.ts";

function notebook(): NotebookJson {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", source: "# Title", metadata: {} },
      {
        cell_type: "code",
        source: ["let overrides", " = {};"],
        metadata: { tags: ["parameters"] },
      },
      { cell_type: "code", source: "const p = parse(overrides);", metadata: {} },
    ],
  };
}

Deno.test("injectParameters inserts a tagged cell right after the parameters cell", () => {
  const out = injectParameters(notebook(), { seed: 3, symbols: ["A"] }, "nb.ipynb");
  assert.equal(out.cells.length, 4);
  assert.deepEqual(out.cells[2].metadata.tags, ["injected-parameters"]);
  assert.equal(
    cellSource(out.cells[2]),
    'overrides = {\n  "seed": 3,\n  "symbols": [\n    "A"\n  ]\n};\nvoid 0;\n',
  );
  assert.equal(cellSource(out.cells[3]), "const p = parse(overrides);");
});

Deno.test("injectParameters replaces an earlier injected cell instead of stacking", () => {
  const once = injectParameters(notebook(), { seed: 1 }, "nb.ipynb");
  const twice = injectParameters(once, { seed: 2 }, "nb.ipynb");
  assert.equal(twice.cells.length, 4);
  assert.match(cellSource(twice.cells[2]), /"seed": 2/);
});

Deno.test("injectParameters leaves the input notebook unchanged", () => {
  const nb = notebook();
  injectParameters(nb, { seed: 1 }, "nb.ipynb");
  assert.equal(nb.cells.length, 3);
});

Deno.test("injectParameters names the notebook that has no parameters cell", () => {
  const nb = notebook();
  nb.cells[1].metadata = {};
  assert.throws(
    () => injectParameters(nb, {}, "notebooks/02_features.ipynb"),
    /notebooks\/02_features\.ipynb has no cell tagged "parameters"/,
  );
});

Deno.test("parseNotebook rejects text that is not an nbformat 4 notebook", () => {
  assert.throws(() => parseNotebook("{", "a.ipynb"), /a\.ipynb is not a notebook/);
  assert.throws(() => parseNotebook('{"cells": []}', "b.ipynb"), /b\.ipynb is not an nbformat 4/);
  assert.equal(parseNotebook(JSON.stringify(notebook()), "c.ipynb").cells.length, 3);
});
