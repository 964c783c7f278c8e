/**
 * Parquet reading and atomic writing. A write goes to a temporary file in the destination's
 * folder and is renamed over the destination only once complete, so a failed or interrupted
 * write never leaves a truncated file where a step's output is expected.
 * @module
 */
import pl from "nodejs-polars";
import { writeAtomic } from "../io/atomic.ts";
import { DataError } from "./errors.ts";

/**
 * Writes `path` atomically (see {@link writeAtomic}); on failure `path` keeps its previous
 * content and a {@link DataError} naming `path` is thrown.
 */
export async function writeFileAtomic(
  path: string,
  write: (tempPath: string) => void | Promise<void>,
): Promise<void> {
  try {
    await writeAtomic(path, write);
  } catch (cause) {
    throw new DataError(path, `write failed, previous file kept (${String(cause)})`, { cause });
  }
}

/** Writes `frame` to `path` as Parquet (zstd), atomically; creates missing folders. */
export async function writeParquetAtomic(frame: pl.DataFrame, path: string): Promise<void> {
  await writeFileAtomic(path, (temp) => frame.writeParquet(temp, { compression: "zstd" }));
}

/** Reads the Parquet file at `path`; a missing or unreadable file raises a {@link DataError}. */
export function readParquetFile(path: string): pl.DataFrame {
  try {
    Deno.statSync(path);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) {
      throw new DataError(path, "file not found (has the step that writes it run?)", { cause });
    }
    throw new DataError(path, `cannot access file (${String(cause)})`, { cause });
  }
  try {
    return pl.readParquet(path);
  } catch (cause) {
    throw new DataError(path, `cannot read as Parquet (${String(cause)})`, { cause });
  }
}
