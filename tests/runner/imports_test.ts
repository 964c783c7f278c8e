import assert from "node:assert/strict";
import { join } from "node:path";
import { importSpecifiers, localImportGraph } from "@lib/runner/imports.ts";

Deno.test("importSpecifiers finds static, side-effect, re-export and dynamic imports", () => {
  const source = `import a from "./a.ts";
import {
  b,
} from "@lib/b.ts";
import "./side.ts";
export { c } from '../c.ts';
const d = await import("./d.ts");
import pl from "nodejs-polars";`;
  assert.deepEqual(importSpecifiers(source), [
    "./a.ts",
    "@lib/b.ts",
    "./side.ts",
    "../c.ts",
    "./d.ts",
    "nodejs-polars",
  ]);
});

Deno.test("localImportGraph follows project modules through prefixes and relative paths only", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(root, "lib", "x"), { recursive: true });
    await Deno.mkdir(join(root, "nb"));
    await Deno.writeTextFile(join(root, "lib", "mod.ts"), 'export * from "./x/one.ts";\n');
    await Deno.writeTextFile(
      join(root, "lib", "x", "one.ts"),
      'import pl from "nodejs-polars";\nimport { two } from "../two.ts";\n',
    );
    await Deno.writeTextFile(join(root, "lib", "two.ts"), 'import { mod } from "./mod.ts";\n');
    await Deno.writeTextFile(join(root, "lib", "unused.ts"), "export const u = 1;\n");
    const prefixes = new Map([["@lib/", join(root, "lib")]]);
    const files = localImportGraph(
      ['import * as m from "@lib/mod.ts";', 'import { gone } from "../lib/missing.ts";'],
      join(root, "nb"),
      prefixes,
    );
    assert.deepEqual(files, [
      join(root, "lib", "missing.ts"),
      join(root, "lib", "mod.ts"),
      join(root, "lib", "two.ts"),
      join(root, "lib", "x", "one.ts"),
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
