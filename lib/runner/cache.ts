/**
 * Step reuse: a step whose notebook, the lib/ code it imports, parameters, input data, lock
 * files and probed outside data (its {@link StepDef.probe}, e.g. a vendor folder) are all
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
import { expandPath, type ProbeResult, type StepDef } from "./pipeline.ts";
import type { StepRecord } from "../reports/mod.ts";

/** Digests of everything a step's result depends on. */
export interface Fingerprint {
  readonly notebook: string;
  readonly lib: string;
  readonly params: string;
  readonly inputs: string;
  readonly locks: string;
  /** What the step's probe saw of outside data; unset for a step without a probe. */
  readonly probe?: ProbeResult;
  /** Why the probe failed, when it threw (the step then always runs). */
  readonly probeError?: string;
}

/** What is remembered of a step's last successful run. */
export interface CacheEntry {
  readonly fingerprint: Fingerprint;
  /** Digest of the step's outputs right after it ran. */
  readonly outputs: string;
  /** Its record, with report paths relative to the reports folder. */
  readonly record: StepRecord;
}

type DigestKey = Exclude<keyof Fingerprint, "probe" | "probeError">;

const LABELS: Record<DigestKey, string> = {
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
    ...await runProbe(step, params),
  };
}

async function runProbe(
  step: StepDef,
  params: Record<string, unknown>,
): Promise<Pick<Fingerprint, "probe" | "probeError">> {
  if (!step.probe) return {};
  try {
    return { probe: await step.probe(params) };
  } catch (error) {
    return { probeError: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * One line on what a probe saw, for the run's output and the `ws.source_probe` tag: the single
 * item's value, or the number of items and a digest of them all.
 *
 * @example
 * ```ts
 * import { probeSummary } from "@lib/runner/cache.ts";
 * const one = { subject: "yahoo (open end)", unit: "session", items: { session: "2026-12-01" } };
 * if (probeSummary(one) !== "yahoo (open end): session 2026-12-01") throw new Error();
 * const two = { subject: "local folder d", unit: "file", items: { "A.csv": "1", "B.csv": "2" } };
 * if (!probeSummary(two).startsWith("local folder d: 2 files, digest ")) throw new Error();
 * ```
 */
export function probeSummary(probe: ProbeResult): string {
  const entries = Object.entries(probe.items);
  if (entries.length === 0) return probe.subject;
  if (entries.length === 1) return `${probe.subject}: ${entries[0][0]} ${entries[0][1]}`;
  const digest = createHash("sha256").update(stableJson(probe.items)).digest("hex");
  return `${probe.subject}: ${entries.length} ${probe.unit}s, digest ${digest.slice(0, 12)}`;
}

/**
 * Why two probes differ, or undefined when they agree: the subject that changed, the one item's
 * old and new value, or how many items changed, were added and were removed.
 *
 * @example
 * ```ts
 * import { probeChange } from "@lib/runner/cache.ts";
 * const before = { subject: "local folder d", unit: "file", items: { "A.csv": "1", "B.csv": "2" } };
 * const after = { ...before, items: { "A.csv": "3", "B.csv": "4", "C.csv": "5" } };
 * const reason = probeChange(before, after);
 * if (reason !== "source data changed (local folder d: 2 files changed, 1 added)") throw new Error(reason);
 * if (probeChange(before, before) !== undefined) throw new Error();
 * ```
 */
export function probeChange(
  before: ProbeResult | undefined,
  after: ProbeResult | undefined,
): string | undefined {
  if (!after) return before ? "it is no longer probed" : undefined;
  if (!before) return `source not probed at its last run (now ${probeSummary(after)})`;
  if (stableJson(before) === stableJson(after)) return undefined;
  if (before.subject !== after.subject) {
    return `source changed (${before.subject} -> ${after.subject})`;
  }
  const keys = Object.keys(after.items);
  const old = Object.keys(before.items);
  if (keys.length === 1 && old.length === 1 && keys[0] === old[0]) {
    const key = keys[0];
    return `source data changed (${after.subject}: ${key} ${before.items[key]} -> ${
      after.items[key]
    })`;
  }
  const counts = [
    [keys.filter((k) => k in before.items && before.items[k] !== after.items[k]).length, "changed"],
    [keys.filter((k) => !(k in before.items)).length, "added"],
    [old.filter((k) => !(k in after.items)).length, "removed"],
  ] as const;
  // The unit is named once: "2 files changed, 1 added".
  const parts = counts.filter(([n]) => n > 0).map(([n, what], i) =>
    i === 0 ? `${n} ${after.unit}${n === 1 ? "" : "s"} ${what}` : `${n} ${what}`
  );
  return `source data changed (${after.subject}: ${parts.join(", ") || "probe values changed"})`;
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
  const changed = (Object.keys(LABELS) as DigestKey[])
    .filter((key) => entry.fingerprint[key] !== current[key])
    .map((key) => LABELS[key]);
  if (current.probeError !== undefined) {
    changed.push(`source could not be probed (${current.probeError})`);
  } else {
    const probe = probeChange(entry.fingerprint.probe, current.probe);
    if (probe) changed.push(probe);
  }
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
