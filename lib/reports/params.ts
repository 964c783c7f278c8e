/**
 * Which parameters of a run differ from its pipeline's defaults (each step schema's defaults with
 * the pipeline's own values applied), so reports list what made a run different, not everything.
 * @module
 */
import type { PipelineDef } from "../runner/pipeline.ts";

/**
 * Returns the parameters whose resolved value differs from the pipeline's default, as `key` when
 * every step that has the key got the same different value, else as `step.key`.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { changedParams } from "@lib/reports/params.ts";
 * const params = z.object({ seed: z.number().default(42), k: z.number().default(3) });
 * const step = (name: string) => ({ name, notebook: "", params, inputs: [], outputs: [] });
 * const pipeline = { name: "p", description: "", steps: [step("a"), step("b")] };
 * const resolved = new Map([["a", { seed: 7, k: 3 }], ["b", { seed: 7, k: 5 }]]);
 * const changed = changedParams(pipeline, resolved);
 * if (JSON.stringify(changed) !== '{"seed":7,"b.k":5}') throw new Error(JSON.stringify(changed));
 * ```
 */
export function changedParams(
  pipeline: PipelineDef,
  resolved: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): Record<string, unknown> {
  const byKey = new Map<string, { step: string; value: unknown; changed: boolean }[]>();
  for (const step of pipeline.steps) {
    const params = resolved.get(step.name);
    if (!params) continue;
    const defaults = step.params.parse(step.values ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(defaults), ...Object.keys(params)])) {
      const changed = !sameValue(params[key], defaults[key]);
      const entries = byKey.get(key) ?? [];
      entries.push({ step: step.name, value: params[key], changed });
      byKey.set(key, entries);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, entries] of byKey) {
    const changed = entries.filter((e) => e.changed);
    if (changed.length === 0) continue;
    const shared = changed.length === entries.length && entries.length > 1 &&
      entries.every((e) => sameValue(e.value, entries[0].value));
    if (shared) out[key] = entries[0].value;
    else for (const e of changed) out[`${e.step}.${key}`] = e.value;
  }
  return out;
}

/** Whether two parameter values are equal as JSON (arrays and objects by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
