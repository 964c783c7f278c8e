/**
 * Step reuse: a step whose notebook, the lib/ code it imports, parameters, input data and lock
 * files are all
 * unchanged since its last successful run, and whose outputs are still as it left them, is not
 * executed again; its reports and metrics are reused. Each part is digested separately so the
 * runner can say why a step ran.
 * @internal
 * @module
 */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { projectPath, projectRoot } from "../paths.ts";
import { treeDigest, writeFileAtomic } from "./files.ts";
import { localImportGraph } from "./imports.ts";
import { cellSource, parseNotebook } from "./notebook_json.ts";
import { expandPath, type StepDef } from "./pipeline.ts";
import type { StepRecord } from "../reports/mod.ts";

/** Digests of everything a step's result depends on. */
export interface Fingerprint {
  readonly notebook: string;
  readonly lib: string;
  readonly params: string;
  readonly inputs: string;
  readonly locks: string;
}

/** What is remembered of a step's last successful run. */
export interface CacheEntry {
  readonly fingerprint: Fingerprint;
  /** Digest of the step's outputs right after it ran. */
  readonly outputs: string;
  /** Its record, with report paths relative to the reports folder. */
  readonly record: StepRecord;
}

const LABELS: Record<keyof Fingerprint, string> = {
  notebook: "notebook changed",
  lib: "lib/ code it imports changed",
  params: "parameters changed",
  inputs: "input data changed",
  locks: "lock files changed",
};

/** Computes a step's fingerprint with its resolved parameters. */
export async function fingerprint(
  step: StepDef,
  params: Record<string, unknown>,
): Promise<Fingerprint> {
  return {
    notebook: await treeDigest([projectPath(step.notebook)], projectRoot),
    lib: await treeDigest(await importedFiles(step), projectRoot),
    params: createHash("sha256").update(stableJson(params)).digest("hex"),
    inputs: await treeDigest(paths(step.inputs, params), projectRoot),
    locks: await locksDigest(),
  };
}

/**
 * Digest of a step's outputs as they are now, with paths relative to its data folder, so two
 * runs into different folders that wrote the same bytes have the same digest.
 */
export function outputsDigest(step: StepDef, params: Record<string, unknown>): Promise<string> {
  return treeDigest(paths(step.outputs, params), projectPath(expandPath("{dataDir}", params)));
}

/** Digest of the lock files that pin every npm and Python package. */
export function locksDigest(): Promise<string> {
  return treeDigest(
    [projectPath("deno.lock"), projectPath("pipelines", "env", "requirements.lock")],
    projectRoot,
  );
}

/**
 * Why the step must run, or `undefined` when its last run can be reused.
 *
 * @example
 * ```ts
 * import { staleReason } from "@lib/runner/cache.ts";
 * const fp = { notebook: "a", lib: "b", params: "c", inputs: "d", locks: "e" };
 * const entry = { fingerprint: fp, outputs: "o", record: {} as never };
 * if (staleReason(entry, { ...fp, params: "x" }, "o") !== "parameters changed") throw new Error();
 * if (staleReason(entry, fp, "o") !== undefined) throw new Error();
 * ```
 */
export function staleReason(
  entry: CacheEntry | undefined,
  current: Fingerprint,
  outputs: string,
): string | undefined {
  if (!entry) return "no earlier successful run";
  const changed = (Object.keys(LABELS) as (keyof Fingerprint)[])
    .filter((key) => entry.fingerprint[key] !== current[key])
    .map((key) => LABELS[key]);
  if (changed.length > 0) return changed.join(", ");
  if (entry.outputs !== outputs) return "its outputs were changed or removed since it ran";
  return undefined;
}

/** The cache file of a step, kept beside its outputs in `dataDir`. */
export function cachePath(step: StepDef, params: Record<string, unknown>): string {
  return projectPath(expandPath("{dataDir}", params), ".steps", `${step.name}.json`);
}

/** Reads a step's cache entry, or undefined when there is none or it is unreadable. */
export async function readCache(path: string): Promise<CacheEntry | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    return undefined;
  }
}

/** Records a step's successful run. */
export async function writeCache(path: string, entry: CacheEntry): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(entry, null, 2) + "\n");
}

/** The project modules the notebook's code cells import, directly or through other modules. */
async function importedFiles(step: StepDef): Promise<string[]> {
  const path = projectPath(step.notebook);
  const nb = parseNotebook(await Deno.readTextFile(path), step.notebook);
  const code = nb.cells.filter((c) => c.cell_type === "code").map(cellSource);
  return localImportGraph(code, dirname(path));
}

function paths(templates: readonly string[], params: Record<string, unknown>): string[] {
  return templates.map((t) => projectPath(expandPath(t, params)));
}

/** JSON with object keys sorted, so equal parameters always digest equally. */
function stableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
  );
}

/** Joins a reports-relative path onto the reports folder. */
export function reportFile(
  reportsDir: string,
  relativePath: string | undefined,
): string | undefined {
  return relativePath ? join(reportsDir, relativePath) : undefined;
}
