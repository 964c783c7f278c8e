import assert from "node:assert/strict";
import {
  exportStars,
  isInternal,
  reExportSpecifiers,
  unlistedModules,
} from "../../pipelines/structure/public_surface.ts";

const INTERNAL =
  "/**\n * Solves the normal equations.\n * @internal\n * @module\n */\nexport const s = 1;\n";

Deno.test("exportStars flags a mod.ts with export *, listing each line", () => {
  const sources = new Map([
    ["lib/a/mod.ts", '/** A. @module */\nexport { x } from "./x.ts";\nexport * from "./y.ts";\n'],
    ["lib/a/y.ts", 'export * from "./z.ts";\n'],
    ["lib/b/mod.ts", 'export * as ns from "./n.ts";\n'],
  ]);
  assert.deepEqual(exportStars(sources), [
    {
      kind: "export star",
      message: "lib/a/mod.ts has 1 export * (re-export by name instead)",
      details: ['line 3: export * from "./y.ts";'],
    },
    {
      kind: "export star",
      message: "lib/b/mod.ts has 1 export * (re-export by name instead)",
      details: ['line 1: export * as ns from "./n.ts";'],
    },
  ]);
});

Deno.test("exportStars passes a mod.ts that re-exports by name", () => {
  const source = 'export { a, type B } from "./a.ts";\nexport type { C } from "./c.ts";\n';
  assert.deepEqual(exportStars(new Map([["lib/a/mod.ts", source]])), []);
});

Deno.test("reExportSpecifiers reads named, type and star re-exports across lines", () => {
  const source = [
    'import { q } from "./q.ts";',
    "export {",
    "  a,",
    "  type B,",
    '} from "./a.ts";',
    'export type { C } from "../c.ts";',
    "export * from '@lib/d.ts';",
    '// export { e } from "./e.ts";',
  ].join("\n");
  assert.deepEqual(reExportSpecifiers(source), ["./a.ts", "../c.ts", "@lib/d.ts"]);
});

Deno.test("isInternal reads the tag in the module comment only", () => {
  assert.equal(isInternal(INTERNAL), true);
  assert.equal(
    isInternal("/**\n * Public.\n * @module\n */\n/** @internal */\nexport const s = 1;\n"),
    false,
  );
  assert.equal(isInternal("export const s = 1;\n"), false);
  assert.equal(isInternal("/**\n * Not an @internal module.\n * @module\n */\n"), false);
});

Deno.test("unlistedModules flags a module neither re-exported nor @internal", () => {
  const sources = new Map([
    ["lib/m/mod.ts", 'export { a } from "./a.ts";\nexport { b } from "./sub/mod.ts";\n'],
    ["lib/m/a.ts", "export const a = 1;\n"],
    ["lib/m/sub/mod.ts", 'export { b } from "./b.ts";\n'],
    ["lib/m/sub/b.ts", "export const b = 1;\n"],
    ["lib/m/solve.ts", INTERNAL],
    ["lib/m/helper.ts", "export const h = 1;\n"],
    ["lib/n/loose.ts", "export const l = 1;\n"],
    ["lib/table.ts", "export const t = 1;\n"],
  ]);
  assert.deepEqual(unlistedModules(sources), [{
    kind: "unlisted module",
    message: "lib/m/helper.ts is re-exported by no mod.ts of lib/m and not marked @internal",
  }]);
});

Deno.test("unlistedModules counts the public entry points of nested mod.ts files", () => {
  const sources = new Map([
    ["lib/m/mod.ts", 'export { a } from "./a.ts";\n'],
    ["lib/m/a.ts", "export const a = 1;\n"],
    ["lib/m/q/mod.ts", 'export { c } from "./c.ts";\n'],
    ["lib/m/q/c.ts", "export const c = 1;\n"],
  ]);
  assert.deepEqual(unlistedModules(sources), []);
});

Deno.test("unlistedModules follows what the import graph resolved a specifier to", () => {
  const sources = new Map([
    ["lib/m/mod.ts", 'export { a } from "alias";\n'],
    ["lib/m/a.ts", "export const a = 1;\n"],
  ]);
  assert.equal(unlistedModules(sources).length, 1);
  const resolved = new Map([["lib/m/mod.ts", new Map([["alias", "lib/m/a.ts"]])]]);
  assert.deepEqual(unlistedModules(sources, resolved), []);
});
