/**
 * Project-relative paths, resolved from this file's location so that notebooks (whose working
 * directory is `notebooks/`), tests and the runner all agree on where things are.
 * @module
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the project root (the folder holding `deno.json`). */
export const projectRoot: string = join(fileURLToPath(new URL(".", import.meta.url)), "..");

/** Absolute path of `parts` resolved against the project root (an absolute part wins). */
export function projectPath(...parts: string[]): string {
  return resolve(projectRoot, ...parts);
}
