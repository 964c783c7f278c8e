import assert from "node:assert/strict";
import { cellLogic, notebookLogic } from "../../pipelines/structure/notebook_logic.ts";

/** A notebook in the repository's layout: `source` as a list of lines. */
function notebook(...cells: { type: string; source: string; id?: string }[]): string {
  return JSON.stringify(
    {
      cells: cells.map((c) => ({
        cell_type: c.type,
        id: c.id,
        metadata: {},
        source: c.source.split(/(?<=\n)/),
      })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

Deno.test("notebookLogic flags a code cell with a loop, naming the notebook, cell and line", () => {
  const notebooks = new Map([[
    "notebooks/01_x.ipynb",
    notebook(
      { type: "markdown", source: "for (each symbol) we loop in prose" },
      { type: "code", id: "cell-02", source: "const xs = [1, 2];\nfor (const x of xs) show(x);\n" },
      { type: "code", id: "cell-03", source: "show(xs);" },
    ),
  ]]);
  assert.deepEqual(notebookLogic(notebooks), [{
    kind: "notebook logic",
    message: 'notebooks/01_x.ipynb cell 2 ("cell-02")',
    details: ["line 2: for ("],
  }]);
});

Deno.test("cellLogic finds loops, forEach and branches", () => {
  assert.deepEqual(cellLogic("while (go) step();"), ["line 1: while ("]);
  assert.deepEqual(cellLogic("xs.forEach((x) => show(x));"), ["line 1: .forEach("]);
  assert.deepEqual(cellLogic("for await (const r of rows) show(r);"), ["line 1: for ("]);
  assert.deepEqual(cellLogic("if (a) {\n  show(a);\n} else {\n  show(b);\n}"), [
    "line 1: if (",
    "line 3: else",
  ]);
});

Deno.test("cellLogic allows calls, ternaries and words in strings and comments", () => {
  assert.deepEqual(
    cellLogic(
      'const r = runGrid({ for: 1 }); // for (each)\nshow(ok ? "if (x)" : "else");\nformat(x);',
    ),
    [],
  );
});
