/**
 * Resuming a failed run in place: which runs can be resumed, the parameters and steps a resumed
 * run continues with, and which of its notebooks it keeps.
 * @internal
 * @module
 */
import type { RunRecord, StepRecord } from "../reports/mod.ts";
import { type ParamAssignment, parseAssignment } from "./params.ts";
import type { PipelineDef, StepDef } from "./pipeline.ts";
import type { StepSelection } from "./select.ts";

/**
 * Refuses a resume that cannot continue the same run: one that did not fail, belongs to another
 * pipeline, or comes with its own steps or parameters.
 */
export function checkResumable(
  resume: RunRecord,
  pipeline: PipelineDef,
  request: StepSelection & { readonly params?: readonly ParamAssignment[] },
): void {
  if (resume.status !== "failed") {
    throw new Error(`run ${resume.key} did not fail; there is nothing to resume`);
  }
  if (resume.pipeline !== pipeline.name) {
    throw new Error(`run ${resume.key} belongs to pipeline "${resume.pipeline}"`);
  }
  if ((request.params ?? []).length > 0 || request.steps?.length || request.from || request.to) {
    throw new Error(
      "--resume continues a run with its own steps and parameters; drop --steps/--from/--to/--param",
    );
  }
}

/** Refuses to resume a run at another MLflow server than the one its parent run lives on. */
export function checkResumeTracking(resume: RunRecord, trackingUri: string): void {
  const uri = (u: string) => u.replace(/\/+$/, "");
  if (resume.mlflow && uri(resume.mlflow.uri) !== uri(trackingUri)) {
    throw new Error(
      `run ${resume.key} was tracked at ${resume.mlflow.uri}, not ${trackingUri}; ` +
        "set MLFLOW_TRACKING_URI to that server to resume it",
    );
  }
}

/** Returns the `--param` values a run was started with. */
export function resumedAssignments(resume: RunRecord): ParamAssignment[] {
  return Object.entries(resume.overrides).map(([name, raw]) =>
    parseAssignment(`${name}=${String(raw)}`)
  );
}

/** Returns the steps a run was started with, in pipeline order. */
export function resumedSteps(pipeline: PipelineDef, resume: RunRecord): StepDef[] {
  return pipeline.steps.filter((s) => resume.steps.some((r) => r.name === s.name));
}

/** Returns the record of `step` when the resumed run finished it (ran or reused it), to keep. */
export function finishedStep(resume: RunRecord, step: StepDef): StepRecord | undefined {
  return resume.steps.find((r) =>
    r.name === step.name && (r.status === "ok" || r.status === "cached")
  );
}
