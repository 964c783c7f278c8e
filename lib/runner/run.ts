/**
 * Runs a pipeline from its plan: takes the data folders' locks, opens the MLflow parent run,
 * runs or reuses each planned notebook in order (a nested run each), closes the parent run and
 * records the run in the reports folder's history and site.
 * @module
 */
import { join } from "node:path";
import { projectPath } from "../paths.ts";
import { changedParams, mlflowRunUrl, type RunRecord, type StepRecord } from "../reports/mod.ts";
import { ensureEnvironment, type Environment } from "./environment.ts";
import { acquireLock, type Lock } from "./lock.ts";
import { stepDefaults } from "./params.ts";
import type { PipelineDef } from "./pipeline.ts";
import { planRun, type RunPlan, type RunRequest } from "./plan.ts";
import { Progress } from "./progress.ts";
import { recordRun } from "./reports.ts";
import { checkResumeTracking, finishedStep } from "./resume.ts";
import { runOrReuseStep } from "./step.ts";
import { openParentRun, openTracker } from "./tracking.ts";

/** How to carry out a run plan. */
export interface RunSettings {
  /** Reports folder. Defaults to `<project>/reports`. */
  readonly reportsDir?: string;
  /** MLflow experiment name. Defaults to the pipeline's name. */
  readonly experiment?: string;
  /** An MLflow server to log to; the caller starts or finds it. */
  readonly trackingUri: string;
  /** Seconds a single cell may run. Defaults to 3,600 (an hour: a limit for a hung kernel, not for long training). */
  readonly cellTimeout?: number;
  /** Seconds one notebook may run before its kernel is killed. Default: no limit. */
  readonly notebookTimeout?: number;
  /** Seconds to wait for another run holding the same data folder. Defaults to 0. */
  readonly waitSeconds?: number;
  /** Run every selected step even when its last run could be reused. */
  readonly force?: boolean;
  /** Where tracking calls go while MLflow is unreachable. Defaults to `.mlflow/spool`. */
  readonly spoolDir?: string;
  /** The project environment; found or installed when omitted. */
  readonly environment?: Environment;
  readonly progress?: Progress;
}

/** A run of a plan built with `planRun` (what the command line does). */
export interface PlannedRunOptions extends RunSettings {
  readonly plan: RunPlan;
}

/** A run of an unplanned request, planned on the spot (convenient in tests). */
export interface RunOptions extends RunSettings, RunRequest {
  readonly pipeline: PipelineDef;
}

/** Runs the pipeline and returns its record; `status` is "failed" when a notebook failed. */
export async function runPipeline(options: PlannedRunOptions | RunOptions): Promise<RunRecord> {
  const plan = "plan" in options ? options.plan : planRun(options.pipeline, options);
  const { pipeline, resume } = plan;
  const progress = options.progress ?? new Progress();
  if (resume) checkResumeTracking(resume, options.trackingUri);
  const env = options.environment ?? await ensureEnvironment({ log: (m) => progress.line(m) });
  const reportsDir = options.reportsDir ?? projectPath("reports");
  const startedAt = resume ? new Date(resume.startedAt) : new Date();
  const key = resume?.key ?? runKey(startedAt);
  const runDir = join(reportsDir, "runs", key);
  await Deno.mkdir(runDir, { recursive: true });

  const locks: Lock[] = [];
  try {
    for (const folder of plan.dataDirs) {
      locks.push(
        await acquireLock(folder, {
          runKey: key,
          waitSeconds: options.waitSeconds,
          onWait: (o) =>
            progress.line(
              `waiting for pipeline run ${o.runKey} (pid ${o.pid}) to release ${folder}`,
            ),
        }),
      );
    }
    return await runLocked();
  } finally {
    for (const lock of locks) await lock.release();
  }

  async function runLocked(): Promise<RunRecord> {
    const { mlflow, spool } = await openTracker(
      options.trackingUri,
      options.spoolDir ?? projectPath(".mlflow", "spool"),
      progress,
    );
    const parent = await openParentRun(mlflow, plan, {
      key,
      startedAt,
      experiment: options.experiment,
    });
    const { steps } = plan;
    progress.line(
      `pipeline ${pipeline.name}: ${steps.length} notebook(s) · run ${key} · MLflow ${
        mlflowRunUrl(options.trackingUri, parent.experimentId, parent.parentId)
      }`,
    );
    const records: StepRecord[] = [];
    let failed = false;
    for (const [i, step] of steps.entries()) {
      if (failed) {
        records.push({
          name: step.name,
          notebook: step.notebook,
          status: "not run",
          seconds: 0,
          metrics: {},
        });
        continue;
      }
      const label = `[${i + 1}/${steps.length}] ${step.name}`;
      const finished = resume && finishedStep(resume, step);
      if (finished) {
        progress.line(`${label} · kept: finished in run ${key} before it failed`);
        records.push(finished);
        continue;
      }
      const record = await runOrReuseStep(step, label, {
        env,
        mlflow,
        spoolDir: spool.dir,
        parent,
        params: plan.resolved.get(step.name)!,
        runDir,
        reportsDir,
        progress,
        cellTimeout: options.cellTimeout,
        notebookTimeout: options.notebookTimeout,
        trackingUri: options.trackingUri,
        force: options.force,
      });
      records.push(record);
      failed = record.status === "failed";
    }
    await mlflow.updateRun(parent.parentId, failed ? "FAILED" : "FINISHED", Date.now());

    const run: RunRecord = {
      key,
      pipeline: pipeline.name,
      startedAt: startedAt.toISOString(),
      status: failed ? "failed" : "ok",
      steps: records,
      overrides: Object.fromEntries(
        plan.assignments.map((a) => [a.step ? `${a.step}.${a.key}` : a.key, a.raw]),
      ),
      mlflow: {
        uri: options.trackingUri,
        experimentId: parent.experimentId,
        runId: parent.parentId,
      },
      dataDir: plan.dataDirs[0],
      changed: changedParams(stepDefaults(pipeline.steps), plan.resolved),
    };
    const reportsLock = await acquireLock(reportsDir, { runKey: key, waitSeconds: 60 });
    try {
      await recordRun(reportsDir, run);
    } finally {
      await reportsLock.release();
    }
    return run;
  }
}

/** `20260102-030405-ab12`: the start time to the second and a random suffix. */
function runKey(date: Date): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${crypto.randomUUID().slice(0, 4)}`;
}
