/**
 * Which parameters of a run differ from its pipeline's defaults (each step schema's defaults with
 * the pipeline's own values applied), so reports list what made a run different, not everything.
 * @module
 */

/**
 * Returns the parameters whose resolved value differs from the step's default, as `key` when
 * every step that has the key got the same different value, else as `step.key`. `defaults` maps
 * each step of the pipeline, in pipeline order, to its default parameters; steps missing from
 * `resolved` are skipped.
 *
 * @example
 * ```ts
 * import { changedParams } from "@lib/reports/params.ts";
 * const defaults = new Map([["a", { seed: 42, k: 3 }], ["b", { seed: 42, k: 3 }]]);
 * const resolved = new Map([["a", { seed: 7, k: 3 }], ["b", { seed: 7, k: 5 }]]);
 * const changed = changedParams(defaults, resolved);
 * if (JSON.stringify(changed) !== '{"seed":7,"b.k":5}') throw new Error(JSON.stringify(changed));
 * ```
 */
export function changedParams(
  defaults: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
  resolved: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): Record<string, unknown> {
  const byKey = new Map<string, { step: string; value: unknown; changed: boolean }[]>();
  for (const [name, stepDefaults] of defaults) {
    const params = resolved.get(name);
    if (!params) continue;
    for (const key of new Set([...Object.keys(stepDefaults), ...Object.keys(params)])) {
      const changed = !sameValue(params[key], stepDefaults[key]);
      const entries = byKey.get(key) ?? [];
      entries.push({ step: name, value: params[key], changed });
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
