import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileAtomic } from "@lib/io/atomic.ts";

Deno.test("writeFileAtomic replaces the file and leaves no temporary file behind", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "sub", "out.json");
    await writeFileAtomic(path, "one");
    await writeFileAtomic(path, new TextEncoder().encode("two"));
    assert.equal(await Deno.readTextFile(path), "two");
    const names = [...Deno.readDirSync(join(dir, "sub"))].map((e) => e.name);
    assert.deepEqual(names, ["out.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic keeps the old file when the write fails", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "out.txt");
    await writeFileAtomic(path, "old");
    // A folder where the temporary file's rename target is makes the rename fail.
    await Deno.mkdir(join(dir, "dir.txt"));
    await Deno.writeTextFile(join(dir, "dir.txt", "x"), "x");
    await assert.rejects(() => writeFileAtomic(join(dir, "dir.txt"), "new"));
    assert.equal(await Deno.readTextFile(path), "old");
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["dir.txt", "out.txt"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
