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

const HANGS = projectPath("tests", "fixtures", "notebooks", "hangs.ipynb");

/** Ids of live processes in a process group (Linux /proc). */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z") members.push(Number(entry.name));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

Deno.test({
  name: "executeNotebook stops a notebook at its time limit, saves what ran and kills the kernel",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-exec-timeout-" });
    try {
      const output = join(tmp, "out.ipynb");
      const result = await executeNotebook(environmentPaths(), {
        input: HANGS,
        output,
        html: join(tmp, "out.html"),
        cwd: projectPath("notebooks"),
        // Long enough for a kernel to start and run the first cells on a loaded machine (at 8 s a
        // run beside other heavy jobs timed out before the first cell printed).
        notebookTimeout: 20,
      });
      assert.equal(result.ok, false);
      assert.equal(result.error?.ename, "NotebookTimeout");
      assert.match(result.error!.evalue, /longer than 20 s; its kernel was killed/);
      const nb = JSON.parse(await Deno.readTextFile(output));
      assert.equal(nb.cells[2].outputs[0].data["text/plain"].join(""), '"before the hang"');
      assert.equal(nb.cells[4].execution_count, null);
      assert.deepEqual(groupMembers(result.pid), []);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

Deno.test({
  name: "executeNotebook reports a cell past its time limit as a cell timeout",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "ws-exec-celltimeout-" });
    try {
      const result = await executeNotebook(environmentPaths(), {
        input: HANGS,
        output: join(tmp, "out.ipynb"),
        html: join(tmp, "out.html"),
        cwd: projectPath("notebooks"),
        cellTimeout: 3,
      });
      assert.equal(result.ok, false);
      assert.equal(result.error?.ename, "CellTimeoutError");
      assert.equal(result.error?.index, 3);
      assert.deepEqual(groupMembers(result.pid), []);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
