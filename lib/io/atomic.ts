/**
 * Atomic file replacement: the new content goes to a temporary file in the destination's folder
 * (so the rename stays on one file system) and replaces the destination only once complete. A
 * failed or interrupted write leaves the previous file as it was and no temporary file behind.
 * @module
 */
import { basename, dirname, join } from "node:path";

/**
 * Replaces `path` with what `write` puts at the temporary path it is given; creates missing
 * folders. On failure the temporary file is removed and the error is rethrown.
 */
export async function writeAtomic(
  path: string,
  write: (tempPath: string) => void | Promise<void>,
): Promise<void> {
  const dir = dirname(path);
  await Deno.mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    await write(temp);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/** Replaces `path` with `data` atomically (see {@link writeAtomic}). */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeAtomic(
    path,
    (temp) =>
      typeof data === "string" ? Deno.writeTextFile(temp, data) : Deno.writeFile(temp, data),
  );
}
