import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { writeParquetAtomic } from "@lib/data/parquet.ts";
import { projectPath } from "@lib/paths.ts";

const ROWS = 400_000;

Deno.test({
  name: "a process killed with SIGKILL mid-write leaves the previous Parquet file whole",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "ws-crash-" });
    try {
      const path = join(dir, "out.parquet");
      await writeParquetAtomic(pl.DataFrame({ i: [0], v: [0] }), path);
      // Kill at staggered moments so some kills land inside a write.
      for (const afterMs of [900, 1150, 1400, 1650, 1900]) {
        const child = new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", projectPath("tests", "io", "writer_child.ts"), path, String(ROWS)],
          stdout: "null",
          stderr: "null",
        }).spawn();
        await new Promise((resolve) => setTimeout(resolve, afterMs));
        child.kill("SIGKILL");
        await child.status;

        const frame = pl.readParquet(path);
        const v = frame.getColumn("v");
        const version = v.get(0) as number;
        assert.ok(
          frame.height === ROWS || (frame.height === 1 && version === 0),
          `a torn file: ${frame.height} rows`,
        );
        assert.equal(v.min(), version, "every row comes from one version");
        assert.equal(v.max(), version, "every row comes from one version");
      }
      const leftovers = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) =>
        n !== "out.parquet"
      );
      // A kill inside a write can leave its temporary file; never a half-written out.parquet.
      assert.ok(leftovers.every((n) => n.endsWith(".tmp")), leftovers.join());
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
