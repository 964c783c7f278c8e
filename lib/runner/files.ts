/**
 * Content digests of files and folders, and (re-exported) atomic file writes.
 * @internal
 * @module
 */
import { createHash } from "node:crypto";
import { join, relative } from "node:path";

export { writeFileAtomic } from "../io/atomic.ts";

/** Hex sha256 of a file's bytes. */
export async function fileDigest(path: string): Promise<string> {
  return createHash("sha256").update(await Deno.readFile(path)).digest("hex");
}

/**
 * Hex sha256 over a set of files and folders (recursively, in sorted order), covering each
 * file's path relative to `root` and its bytes. Missing paths contribute their name only, so a
 * file appearing or disappearing changes the digest.
 */
export async function treeDigest(paths: readonly string[], root: string): Promise<string> {
  const hash = createHash("sha256");
  const files: string[] = [];
  for (const path of paths) await collect(path, files);
  for (const file of [...new Set(files)].sort()) {
    hash.update(relative(root, file)).update("\0");
    try {
      hash.update(await Deno.readFile(file));
    } catch {
      hash.update("<missing>");
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}

async function collect(path: string, into: string[]): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch {
    into.push(path);
    return;
  }
  if (!info.isDirectory) {
    into.push(path);
    return;
  }
  for await (const entry of Deno.readDir(path)) {
    if (entry.name.startsWith(".")) continue;
    await collect(join(path, entry.name), into);
  }
}
