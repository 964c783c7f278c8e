import assert from "node:assert/strict";
import { join } from "node:path";
import { environmentPaths } from "@lib/runner/environment.ts";
import { type ExecEvent, executeNotebook } from "@lib/runner/execute.ts";
import { projectPath } from "@lib/paths.ts";

// 30 cells that each produce one result or display. Before nbexec.py routed late iopub
// messages to their cell, 3 of 5 runs of this notebook lost 2 to 6 outputs.
const FIXTURE = projectPath("tests", "fixtures", "notebooks", "many_outputs.ipynb");

Deno.test({
  name: "executeNotebook keeps every cell's output across repeated runs",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-exec-test-" });
    try {
      for (let run = 0; run < 3; run++) {
        const events: ExecEvent[] = [];
        const output = join(tmp, `out${run}.ipynb`);
        const result = await executeNotebook(environmentPaths(), {
          input: FIXTURE,
          output,
          html: join(tmp, `out${run}.html`),
          cwd: projectPath("notebooks"),
          onEvent: (e) => events.push(e),
        });
        assert.ok(result.ok, result.stderrTail);
        const nb = JSON.parse(await Deno.readTextFile(output));
        const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
        assert.equal(code.length, 30, "the sentinel cell must not be saved");
        const empty = code.filter((c: { outputs: unknown[] }) => c.outputs.length === 0);
        assert.equal(empty.length, 0, `run ${run}: ${empty.length} cells lost their output`);
        assert.equal(events.filter((e) => e.event === "cell").length, 30);
      }
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
