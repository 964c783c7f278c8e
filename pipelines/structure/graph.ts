/**
 * The import graph of the lib/ files, read from the JSON that `deno info --json` prints: Deno's
 * own module resolution (import map, relative paths) decides what each specifier is, and a
 * type-only import is an edge like any other, since it ties the two files together as much.
 * @module
 */

/** Where one side (runtime code or types) of a dependency resolved to, as `deno info` reports it. */
export interface DenoInfoTarget {
  specifier?: string;
  error?: string;
}

/** One import or re-export of a module: `code` for runtime imports, `type` for type imports. */
export interface DenoInfoDependency {
  specifier: string;
  code?: DenoInfoTarget;
  type?: DenoInfoTarget;
  isDynamic?: boolean;
}

/** One module of the graph `deno info --json` reports. */
export interface DenoInfoModule {
  specifier: string;
  kind?: string;
  error?: string;
  dependencies?: DenoInfoDependency[];
}

/** The part of `deno info --json` output that the structure check reads. */
export interface DenoInfo {
  roots: string[];
  modules: DenoInfoModule[];
}

/** Files (repository-relative paths, sorted) and who imports whom; edges only between nodes. */
export interface ImportGraph {
  files: string[];
  imports: Map<string, Set<string>>;
}

/** The lib/ import graph plus what each file's raw specifiers resolved to and what failed. */
export interface LibGraph extends ImportGraph {
  /** Per file, each specifier as written in the source -> the repository path it resolved to. */
  resolved: Map<string, Map<string, string>>;
  /** Messages of lib modules or imports that Deno could not resolve or load. */
  errors: string[];
}

/** Whether a repository-relative path is a lib/ module. */
export function isLibModule(path: string): boolean {
  return path.startsWith("lib/") && /\.(ts|tsx|mts|js|mjs)$/.test(path);
}

/** The repository-relative path of a `file:` URL under `rootUrl`, or undefined outside it. */
export function repositoryPath(specifier: string, rootUrl: string): string | undefined {
  const base = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
  return specifier.startsWith(base) ? decodeURIComponent(specifier.slice(base.length)) : undefined;
}

/** A graph over `files` from (importer, imported) pairs; pairs naming other files are dropped. */
export function graphOf(
  files: Iterable<string>,
  edges: Iterable<readonly [string, string]>,
): ImportGraph {
  const sorted = [...new Set(files)].sort();
  const imports = new Map(sorted.map((f) => [f, new Set<string>()]));
  for (const [from, to] of edges) if (imports.has(to)) imports.get(from)?.add(to);
  return { files: sorted, imports };
}

/**
 * The graph of lib/ files in `info` (the output of `deno info --json`), with `rootUrl` the
 * repository's `file:` URL. Runtime, type-only and dynamic imports are all edges.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const info = {
 *   roots: ["file:///r/lib/a.ts"],
 *   modules: [
 *     {
 *       specifier: "file:///r/lib/a.ts",
 *       dependencies: [{ specifier: "./b.ts", type: { specifier: "file:///r/lib/b.ts" } }],
 *     },
 *     { specifier: "file:///r/lib/b.ts" },
 *   ],
 * };
 * assert.deepEqual([...libGraph(info, "file:///r").imports.get("lib/a.ts")!], ["lib/b.ts"]);
 * ```
 */
export function libGraph(info: DenoInfo, rootUrl: string): LibGraph {
  const files: string[] = [];
  const edges: [string, string][] = [];
  const resolved = new Map<string, Map<string, string>>();
  const errors: string[] = [];
  for (const module of info.modules) {
    const path = repositoryPath(module.specifier, rootUrl);
    if (path === undefined || !isLibModule(path)) continue;
    files.push(path);
    if (module.error) errors.push(`${path}: ${module.error}`);
    const targets = new Map<string, string>();
    for (const dependency of module.dependencies ?? []) {
      for (const side of [dependency.code, dependency.type]) {
        if (side?.error) errors.push(`${path}: "${dependency.specifier}": ${side.error}`);
        const target = side?.specifier && repositoryPath(side.specifier, rootUrl);
        if (!target) continue;
        targets.set(dependency.specifier, target);
        if (isLibModule(target)) edges.push([path, target]);
      }
    }
    resolved.set(path, targets);
  }
  return { ...graphOf(files, edges), resolved, errors };
}
