/**
 * Where steps read and write their frames under a run's `dataDir` (see the workspace
 * conventions): one definition, so producer and consumer notebooks cannot disagree.
 * @module
 */
import { isAbsolute, join } from "node:path";
import { projectPath } from "../paths.ts";

/** Each step output's path relative to `dataDir`. */
export const ARTIFACT_FILES = {
  /** Daily bars of the selected symbols (step 01). */
  panel: "panel/daily.parquet",
  /** Daily bars of the benchmark index (step 01). */
  benchmark: "panel/benchmark.parquet",
  /** Features per symbol and date (step 02). */
  features: "features/features.parquet",
  /** Labels per symbol and date (step 03). */
  labels: "labels/labels.parquet",
  /** Model predictions (step 04). */
  predictions: "predictions/predictions.parquet",
} as const;

/** The name of a step output. */
export type ArtifactName = keyof typeof ARTIFACT_FILES;

/** Resolves `dataDir` to an absolute path: relative paths are taken from the project root. */
export function resolveDataDir(dataDir: string): string {
  return isAbsolute(dataDir) ? dataDir : projectPath(dataDir);
}

/**
 * Returns the absolute path of a step output under `dataDir`.
 *
 * @example
 * ```ts
 * import { artifactPath } from "@lib/data/artifacts.ts";
 * const path = artifactPath("/tmp/run", "panel");
 * if (path !== "/tmp/run/panel/daily.parquet") throw new Error(path);
 * ```
 */
export function artifactPath(dataDir: string, name: ArtifactName): string {
  return join(resolveDataDir(dataDir), ARTIFACT_FILES[name]);
}
