import assert from "node:assert/strict";
import { join } from "node:path";
import { treeDigest } from "@lib/runner/files.ts";

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
