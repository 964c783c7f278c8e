import assert from "node:assert/strict";
import { join } from "node:path";
import { treeDigest, writeFileAtomic } from "@lib/runner/files.ts";

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

Deno.test("treeDigest changes with content, names and missing files, not with order", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "a.csv"), "1");
    await Deno.mkdir(join(dir, "sub"));
    await Deno.writeTextFile(join(dir, "sub", "b.csv"), "2");
    const base = await treeDigest([dir], dir);
    assert.equal(await treeDigest([join(dir, "sub"), join(dir, "a.csv")], dir), base);
    await Deno.writeTextFile(join(dir, "sub", "b.csv"), "3");
    const changed = await treeDigest([dir], dir);
    assert.notEqual(changed, base);
    const missing = await treeDigest([join(dir, "nope.csv")], dir);
    assert.notEqual(missing, await treeDigest([join(dir, "other.csv")], dir));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
