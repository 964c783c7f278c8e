/**
 * Reading a repository for the structure check: the files the rules look at and one
 * `deno info --json` run over every lib module.
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { RepositorySnapshot } from "./check.ts";
import type { DenoInfo } from "./graph.ts";
import { isLibModule } from "./graph.ts";
import { commentSyntax } from "./source_scan.ts";

/** The folders whose code comments the check reads. */
export const COMMENTED_FOLDERS = ["lib", "pipelines", "tests", "bench"];

/** Every file under `folder` (repository-relative, `/`-separated), skipping dot folders. */
function walk(root: string, folder: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && entry.name !== "node_modules") visit(path);
      } else if (entry.isFile()) out.push(relative(root, path).split(sep).join("/"));
    }
  };
  visit(join(root, folder));
  return out.sort();
}

function read(root: string, paths: string[]): Map<string, string> {
  return new Map(paths.map((p) => [p, readFileSync(join(root, p), "utf8")]));
}

/**
 * `deno info --json` over `modules` (absolute paths) in one run: the entry point is a `data:`
 * module importing all of them, since `deno info` takes a single file and one run per file
 * costs a process start each. `--no-npm` keeps npm packages out (the graph is about lib/).
 */
export async function denoInfo(root: string, modules: string[]): Promise<DenoInfo> {
  const entry = modules.map((m) => `import ${JSON.stringify(pathToFileURL(m).href)};`).join("\n");
  const url = `data:application/typescript,${encodeURIComponent(entry)}`;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--no-npm", "--config", join(root, "deno.json"), url],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(`deno info failed (exit ${code}): ${new TextDecoder().decode(stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(stdout));
}

/** The snapshot of the repository at `root` that `checkStructure` reads. */
export async function readSnapshot(root: string): Promise<RepositorySnapshot> {
  const libPaths = walk(root, "lib");
  const commentedPaths = COMMENTED_FOLDERS.flatMap((f) => walk(root, f))
    .filter((p) => commentSyntax(p) !== undefined);
  const notebookPaths = walk(root, "notebooks").filter((p) => /^notebooks\/[^/]+\.ipynb$/.test(p));
  const modules = libPaths.filter(isLibModule).map((p) => join(root, p));
  return {
    rootUrl: pathToFileURL(root).href,
    denoInfo: await denoInfo(root, modules),
    lib: read(root, libPaths),
    commented: read(root, commentedPaths),
    notebooks: read(root, notebookPaths),
  };
}
