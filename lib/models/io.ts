/**
 * Saving and loading models as JSON files: the only file I/O of lib/models.
 * @module
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Model, SavedModel } from "./model.ts";
import { loadModel } from "./registry.ts";

/** Writes `model.save()` to `path` as JSON, creating the folder. */
export function writeModel(path: string, model: Model): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(model.save()));
}

/** Returns the fitted model stored at `path` by {@link writeModel}. */
export function readModel(path: string): Model {
  return loadModel(JSON.parse(readFileSync(path, "utf8")) as SavedModel);
}
