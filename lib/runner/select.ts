/**
 * Which steps of a pipeline to run, from `--steps`, `--from` and `--to`.
 * @internal
 * @module
 */
import { basename } from "node:path";
import type { PipelineDef, StepDef } from "./pipeline.ts";

/** A selection of steps by name or notebook number prefix (`features`, `02`). */
export interface StepSelection {
  /** Steps to run; default all. */
  readonly steps?: readonly string[];
  /** First step to run (inclusive). */
  readonly from?: string;
  /** Last step to run (inclusive). */
  readonly to?: string;
}

/**
 * Picks the steps to run, in pipeline order.
 *
 * @example
 * ```ts
 * import { selectSteps } from "@lib/runner/select.ts";
 * const p = { name: "p", description: "", steps: ["01_a", "02_b", "03_c"].map((n) => ({
 *   name: n.slice(3), notebook: `notebooks/${n}.ipynb`, params: undefined as never, inputs: [], outputs: [],
 * })) };
 * const names = selectSteps(p, { from: "02" }).map((s) => s.name);
 * if (names.join() !== "b,c") throw new Error(names.join());
 * ```
 */
export function selectSteps(
  pipeline: PipelineDef,
  selection: StepSelection,
): StepDef[] {
  const all = pipeline.steps;
  const find = (ref: string, flag: string): number => {
    const i = all.findIndex((s) => s.name === ref || basename(s.notebook).startsWith(ref));
    if (i < 0) {
      throw new Error(
        `${flag} "${ref}" is not a step of pipeline "${pipeline.name}" (steps: ${
          all.map((s) => s.name).join(", ")
        })`,
      );
    }
    return i;
  };
  const from = selection.from ? find(selection.from, "--from") : 0;
  const to = selection.to ? find(selection.to, "--to") : all.length - 1;
  if (from > to) throw new Error(`--from "${selection.from}" comes after --to "${selection.to}"`);
  const wanted = selection.steps?.length
    ? new Set(selection.steps.map((ref) => find(ref, "--steps")))
    : undefined;
  return all.filter((_, i) => i >= from && i <= to && (!wanted || wanted.has(i)));
}
