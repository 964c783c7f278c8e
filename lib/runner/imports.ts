/**
 * The project files a notebook's code depends on: its import specifiers, followed through the
 * project's own modules (relative paths and the local prefixes of deno.json's import map, such as
 * `@lib/`). npm packages are pinned by the lock file and not followed.
 * @internal
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { projectPath, projectRoot } from "../paths.ts";

// `import x from "s"`, `import "s"`, `export … from "s"`, `import("s")`, across line breaks.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

/** The specifiers imported by a piece of TypeScript source. */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1]);
}

/** Local prefixes of the project's import map (`"@lib/": "./lib/"`), as absolute folders. */
export function localPrefixes(configPath: string = projectPath("deno.json")): Map<string, string> {
  const imports: Record<string, string> = JSON.parse(readFileSync(configPath, "utf8")).imports ??
    {};
  return new Map(
    Object.entries(imports)
      .filter(([key, target]) => key.endsWith("/") && target.startsWith("./"))
      .map(([key, target]) => [key, resolve(projectRoot, target)]),
  );
}

/**
 * Every project file reachable from `sources` (code whose relative imports resolve against
 * `baseDir`), sorted. A specifier naming a missing file is kept, so its later appearance counts
 * as a change.
 *
 * @example
 * ```ts
 * import { localImportGraph } from "@lib/runner/imports.ts";
 * import { projectPath } from "@lib/paths.ts";
 * const files = localImportGraph(['import { table } from "@lib/notebook.ts";'], projectPath("notebooks"));
 * if (!files.includes(projectPath("lib", "table.ts"))) throw new Error(files.join());
 * ```
 */
export function localImportGraph(
  sources: readonly string[],
  baseDir: string,
  prefixes: Map<string, string> = localPrefixes(),
): string[] {
  const seen = new Set<string>();
  const pending: string[] = [];
  const visit = (specifier: string, from: string) => {
    const path = resolveLocal(specifier, from, prefixes);
    if (path && !seen.has(path)) {
      seen.add(path);
      pending.push(path);
    }
  };
  for (const source of sources) {
    for (const specifier of importSpecifiers(source)) visit(specifier, baseDir);
  }
  while (pending.length > 0) {
    const file = pending.pop()!;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const specifier of importSpecifiers(text)) visit(specifier, dirname(file));
  }
  return [...seen].sort();
}

function resolveLocal(
  specifier: string,
  fromDir: string,
  prefixes: Map<string, string>,
): string | undefined {
  if (specifier.startsWith("./") || specifier.startsWith("../")) return resolve(fromDir, specifier);
  for (const [prefix, folder] of prefixes) {
    if (specifier.startsWith(prefix)) return resolve(folder, specifier.slice(prefix.length));
  }
  return undefined;
}
