/**
 * Project-relative paths, resolved from this file's location so that notebooks (whose working
 * directory is `notebooks/`), tests and the runner all agree on where things are.
 * @module
 */
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the project root (the folder holding `deno.json`). */
export const projectRoot: string = join(fileURLToPath(new URL(".", import.meta.url)), "..");

/** Absolute path of `parts` resolved against the project root (an absolute part wins). */
export function projectPath(...parts: string[]): string {
  return resolve(projectRoot, ...parts);
}

/**
 * `text` with every absolute path inside the project written relative to it, so a published
 * page names `data/work/...`, never the machine's folders.
 *
 * @example
 * ```ts
 * import { projectPath, relativePaths } from "@lib/paths.ts";
 * const line = relativePaths(`Wrote \`${projectPath("data", "x.parquet")}\`.`);
 * if (line !== "Wrote `data/x.parquet`.") throw new Error(line);
 * ```
 */
export function relativePaths(text: string): string {
  const root = projectRoot.endsWith(sep) ? projectRoot : projectRoot + sep;
  return text.split(root).join("");
}
