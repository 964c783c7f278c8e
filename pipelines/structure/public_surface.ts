/**
 * The public-surface rules: an area's `mod.ts` re-exports by name (no `export *`, which turns
 * every helper into API), and every other module of the area is either reached through those
 * re-exports or says it is internal with `@internal` in its module comment.
 * @module
 */
import { posix } from "node:path";
import { areaOf } from "./areas.ts";
import type { Finding } from "./findings.ts";
import { isLibModule } from "./graph.ts";
import { codeOnly, comments, withoutComments } from "./source_scan.ts";

const EXPORT_STAR = /\bexport\s*\*/;
const RE_EXPORT =
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(["'])([^"']+)\1/g;

/** Whether `path` is a lib `mod.ts` (of an area or of a folder inside one). */
export function isModFile(path: string): boolean {
  return path.startsWith("lib/") && posix.basename(path) === "mod.ts";
}

/** The `mod.ts` of an area, `lib/<area>/mod.ts`. */
export function areaModFile(area: string): string {
  return `${area}/mod.ts`;
}

/**
 * One finding per lib `mod.ts` of `sources` (path -> text) with an `export *`, listing each.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const sources = new Map([["lib/a/mod.ts", '// no export * here\nexport * from "./x.ts";\n']]);
 * assert.deepEqual(exportStars(sources)[0].details, ['line 2: export * from "./x.ts";']);
 * ```
 */
export function exportStars(sources: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const [path, text] of [...sources].sort(([a], [b]) => a < b ? -1 : 1)) {
    if (!isModFile(path)) continue;
    const lines = text.split("\n");
    const stars = codeOnly(text).split("\n").flatMap((line, i) =>
      EXPORT_STAR.test(line) ? [`line ${i + 1}: ${lines[i].trim()}`] : []
    );
    if (stars.length === 0) continue;
    findings.push({
      kind: "export star",
      message: `${path} has ${stars.length} export * (re-export by name instead)`,
      details: stars,
    });
  }
  return findings;
}

/** The specifiers of the `export … from "…"` statements of a module, in order. */
export function reExportSpecifiers(source: string): string[] {
  return [...withoutComments(source).matchAll(RE_EXPORT)].map((m) => m[2]);
}

/**
 * Whether a module's module comment (the JSDoc block holding `@module`) carries `@internal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(isInternal("/**\n * Solves.\n * @internal\n * @module\n *\/\n"), true);
 * assert.equal(isInternal("/** A helper. @module *\/\n// @internal\n"), false);
 * ```
 */
export function isInternal(source: string): boolean {
  const doc = comments(source, "slash").find((c) =>
    c.text.startsWith("/**") && /(^|\s)@module\b/.test(c.text)
  );
  // A tag, at the start of a line of the comment; a mention of the word in prose does not count.
  return doc !== undefined && /^\s*(?:\/\*\*|\*)?\s*@internal\b/m.test(doc.text);
}

/** Where `specifier`, written in `from`, points in the repository (relative or `@lib/`). */
function resolveSpecifier(
  from: string,
  specifier: string,
  resolved?: Map<string, Map<string, string>>,
): string | undefined {
  const known = resolved?.get(from)?.get(specifier);
  if (known) return known;
  if (specifier.startsWith("@lib/")) return posix.join("lib", specifier.slice(5));
  if (specifier.startsWith(".")) return posix.join(posix.dirname(from), specifier);
  return undefined;
}

/** The modules reached from `start` through `export … from` statements, `start` included. */
export function reExported(
  start: string,
  sources: Map<string, string>,
  resolved?: Map<string, Map<string, string>>,
): Set<string> {
  const seen = new Set([start]);
  const todo = [start];
  while (todo.length > 0) {
    const path = todo.pop()!;
    for (const specifier of reExportSpecifiers(sources.get(path) ?? "")) {
      const target = resolveSpecifier(path, specifier, resolved);
      if (target === undefined || seen.has(target) || !sources.has(target)) continue;
      seen.add(target);
      todo.push(target);
    }
  }
  return seen;
}

/**
 * One finding per module of an area with a `mod.ts` that no `mod.ts` of the area reaches
 * through its re-exports and that is not marked `@internal`. The area's `mod.ts` and the nested
 * ones it or notebooks import (`lib/data/quality/mod.ts`) are all public entry points.
 * `sources` maps lib paths to their text; `resolved` (from the import graph) says what each
 * specifier resolved to, with relative and `@lib/` specifiers resolved by hand where it is silent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const sources = new Map([
 *   ["lib/a/mod.ts", 'export { x } from "./x.ts";\n'],
 *   ["lib/a/x.ts", "export const x = 1;\n"],
 *   ["lib/a/y.ts", "export const y = 2;\n"],
 * ]);
 * assert.deepEqual(unlistedModules(sources).map((f) => f.message), [
 *   "lib/a/y.ts is re-exported by no mod.ts of lib/a and not marked @internal",
 * ]);
 * ```
 */
export function unlistedModules(
  sources: Map<string, string>,
  resolved?: Map<string, Map<string, string>>,
): Finding[] {
  const paths = [...sources.keys()].filter(isLibModule).sort();
  const publicByArea = new Map<string, Set<string>>();
  for (const mod of paths.filter(isModFile)) {
    const area = areaOf(mod);
    const reached = publicByArea.get(area) ?? new Set();
    for (const path of reExported(mod, sources, resolved)) reached.add(path);
    publicByArea.set(area, reached);
  }
  const findings: Finding[] = [];
  for (const path of paths) {
    const area = areaOf(path);
    if (!sources.has(areaModFile(area)) || publicByArea.get(area)?.has(path)) continue;
    if (isInternal(sources.get(path)!)) continue;
    findings.push({
      kind: "unlisted module",
      message: `${path} is re-exported by no mod.ts of ${area} and not marked @internal`,
    });
  }
  return findings;
}
