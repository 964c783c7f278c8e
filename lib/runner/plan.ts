/**
 * The run plan: which steps run, with which parameters, into which data folders, and which failed
 * run they continue. Built and validated once, before anything is installed, started or written.
 * @module
 */
import type { RunRecord } from "../reports/mod.ts";
import { projectPath } from "../paths.ts";
import { type ParamAssignment, resolveParams } from "./params.ts";
import { expandPath, type PipelineDef, type StepDef } from "./pipeline.ts";
import { checkResumable, resumedAssignments, resumedSteps } from "./resume.ts";
import { selectSteps, type StepSelection } from "./select.ts";

/** What a run is asked to do (`--steps`, `--from`, `--to`, `--param`, `--resume`). */
export interface RunRequest extends StepSelection {
  /** `--param` values; each must set a parameter of a selected step. */
  readonly params?: readonly ParamAssignment[];
  /**
   * A failed run to continue in place: same run key, parameters, reports folder and MLflow
   * parent run; the notebooks it finished are kept and the rest run.
   */
  readonly resume?: RunRecord;
}

/** A validated run plan. */
export interface RunPlan {
  readonly pipeline: PipelineDef;
  /** The steps to run, in pipeline order. */
  readonly steps: readonly StepDef[];
  /** The `--param` values in force: the request's, or those the resumed run started with. */
  readonly assignments: readonly ParamAssignment[];
  /** The resolved parameters of every step of the pipeline, by step name. */
  readonly resolved: ReadonlyMap<string, Record<string, unknown>>;
  /** The data folders the steps work in (absolute, without repeats); the first is the run's. */
  readonly dataDirs: readonly string[];
  /** The failed run being continued. */
  readonly resume?: RunRecord;
}

/**
 * Validates a request against the pipeline and returns its plan. Throws on an unknown step, a
 * bad parameter (every problem at once, including a `--param` that no selected step reads) or a
 * run that cannot be resumed. A resumed run keeps the parameters it started with, resolved over
 * every step as when it started.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { parseAssignment } from "@lib/runner/params.ts";
 * import { planRun } from "@lib/runner/plan.ts";
 * const params = z.object({ k: z.number().default(3), dataDir: z.string().default("data/work") });
 * const step = (name: string) => ({ name, notebook: `${name}.ipynb`, params, inputs: [], outputs: [] });
 * const pipeline = { name: "p", description: "", steps: [step("a"), step("b")] };
 * const plan = planRun(pipeline, { from: "b", params: [parseAssignment("k=5")] });
 * if (plan.steps.map((s) => s.name).join() !== "b") throw new Error();
 * if (plan.resolved.get("b")?.k !== 5 || plan.resolved.get("a")?.k !== 3) throw new Error();
 * ```
 */
export function planRun(pipeline: PipelineDef, request: RunRequest = {}): RunPlan {
  const params = request.params ?? [];
  const selected = selectSteps(pipeline, request);
  const resolved = resolveParams(pipeline, params, {
    selected,
    listed: (request.steps?.length ?? 0) > 0,
  });
  const { resume } = request;
  if (!resume) return planOf(pipeline, selected, params, resolved);
  checkResumable(resume, pipeline, request);
  const assignments = resumedAssignments(resume);
  return {
    ...planOf(
      pipeline,
      resumedSteps(pipeline, resume),
      assignments,
      resolveParams(pipeline, assignments),
    ),
    resume,
  };
}

function planOf(
  pipeline: PipelineDef,
  steps: readonly StepDef[],
  assignments: readonly ParamAssignment[],
  resolved: ReadonlyMap<string, Record<string, unknown>>,
): RunPlan {
  const dataDirs = [
    ...new Set(steps.map((s) => projectPath(expandPath("{dataDir}", resolved.get(s.name)!)))),
  ];
  return { pipeline, steps, assignments, resolved, dataDirs };
}
