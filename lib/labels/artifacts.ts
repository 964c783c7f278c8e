/**
 * Where step 03 writes its sparse event labels, next to labels.parquet.
 * @module
 */
import { dirname, join } from "node:path";
import { artifactPath } from "../data/artifacts.ts";

/**
 * Returns `<dataDir>/labels/events.parquet`: one row per event, too sparse to sit beside the
 * per-row labels.
 */
export function eventsArtifactPath(dataDir: string): string {
  return join(dirname(artifactPath(dataDir, "labels")), "events.parquet");
}
