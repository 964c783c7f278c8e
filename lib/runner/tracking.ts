/**
 * The MLflow side of a run: a tracker that spools calls while the server is unreachable, the
 * parent run holding the pipeline's tags and parameters, and a nested run per notebook.
 * @internal
 * @module
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { MlflowClient } from "../mlflow/client.ts";
import { replaySpool, ResilientTracker, Spool, type Tracker } from "../mlflow/spool.ts";
import { projectPath, projectRoot } from "../paths.ts";
import { locksDigest } from "./cache.ts";
import { treeDigest } from "./files.ts";
import { expandPath, type StepDef } from "./pipeline.ts";
import type { RunPlan } from "./plan.ts";
import type { Progress } from "./progress.ts";

/** The parent run a run's notebooks nest under. */
export interface ParentRun {
  readonly experimentId: string;
  readonly parentId: string;
}

/** Options of {@link openParentRun}. */
export interface ParentRunOptions {
  /** The run key, part of the parent run's name and tags. */
  readonly key: string;
  readonly startedAt: Date;
  /** MLflow experiment name. Defaults to the pipeline's name. */
  readonly experiment?: string;
}

/**
 * Returns a tracker for `trackingUri` whose calls go to `spoolDir` while the server is down,
 * after replaying what an earlier run left in that spool.
 */
export async function openTracker(
  trackingUri: string,
  spoolDir: string,
  progress: Progress,
): Promise<{ mlflow: Tracker; spool: Spool }> {
  const client = new MlflowClient(trackingUri);
  const spool = new Spool(spoolDir);
  await replayLeftovers(spool, client, progress);
  return { mlflow: new ResilientTracker(client, spool, (m) => progress.line(m)), spool };
}

/**
 * Creates the pipeline's parent run with its tags (steps, digests of the data it reads and of the
 * lock files, git commit), parameters and `pipeline/params.json`; for a resumed run, reopens the
 * failed parent instead.
 */
export async function openParentRun(
  mlflow: Tracker,
  plan: RunPlan,
  options: ParentRunOptions,
): Promise<ParentRun> {
  if (plan.resume?.mlflow) return await reopenParent(mlflow, plan.resume.mlflow);
  const { pipeline, steps, resolved } = plan;
  const experimentId = await mlflow.getOrCreateExperiment(options.experiment ?? pipeline.name);
  const externalInputs = externalInputPaths(steps, resolved);
  const parent = await mlflow.createRun({
    experimentId,
    runName: `${pipeline.name}-${options.key}`,
    startTime: options.startedAt.getTime(),
    tags: {
      "ws.pipeline": pipeline.name,
      "ws.run_key": options.key,
      "ws.steps": steps.map((s) => s.name).join(","),
      "ws.deno_version": Deno.version.deno,
      "ws.data_digest": await treeDigest(externalInputs, projectRoot),
      "ws.lock_digest": await locksDigest(),
      "mlflow.source.git.commit": await gitCommit(),
      "mlflow.source.name": "pipelines/run.ts",
      "mlflow.source.type": "LOCAL",
    },
  });
  const parentId = parent.runId;
  await mlflow.logParams(parentId, flattenParams(steps, resolved));
  await mlflow.logArtifactBytes(
    parentId,
    new TextEncoder().encode(JSON.stringify(Object.fromEntries(resolved), null, 2)),
    "pipeline/params.json",
  );
  return { experimentId, parentId };
}

/**
 * Creates a notebook's nested run under `parent`, named after the notebook and tagged with its
 * step, with the step's parameters; returns its id.
 */
export async function startStepRun(
  mlflow: Tracker,
  parent: ParentRun,
  step: StepDef,
  params: Record<string, unknown>,
  tags: Record<string, string>,
): Promise<string> {
  const run = await mlflow.createRun({
    experimentId: parent.experimentId,
    runName: basename(step.notebook, ".ipynb"),
    parentRunId: parent.parentId,
    tags: { "ws.step": step.name, "ws.notebook": step.notebook, ...tags },
  });
  await mlflow.logParams(run.runId, stringifyValues(params));
  return run.runId;
}

/** Sends what an earlier run spooled while MLflow was down, if the server is there now. */
async function replayLeftovers(spool: Spool, client: MlflowClient, progress: Progress) {
  if ((await spool.read()).length === 0 && !existsSync(join(spool.dir, "replaying.jsonl"))) return;
  try {
    const { replayed } = await replaySpool(spool, client);
    progress.line(`MLflow: replayed ${replayed} spooled call(s) from an earlier outage`);
  } catch (error) {
    progress.line(`warning: the MLflow spool was not replayed yet: ${(error as Error).message}`);
  }
}

/** Puts a failed parent run back to RUNNING so the resumed notebooks nest under it. */
async function reopenParent(
  mlflow: Tracker,
  tracked: { readonly experimentId: string; readonly runId: string },
): Promise<ParentRun> {
  await mlflow.updateRun(tracked.runId, "RUNNING");
  return { experimentId: tracked.experimentId, parentId: tracked.runId };
}

/** Inputs read by the selected steps that no earlier selected step writes. */
function externalInputPaths(
  steps: readonly StepDef[],
  resolved: ReadonlyMap<string, Record<string, unknown>>,
): string[] {
  const written = new Set<string>();
  const external: string[] = [];
  for (const step of steps) {
    const params = resolved.get(step.name)!;
    for (const input of step.inputs.map((p) => expandPath(p, params))) {
      if (![...written].some((out) => input === out || input.startsWith(out + "/"))) {
        external.push(projectPath(input));
      }
    }
    for (const out of step.outputs) written.add(expandPath(out, params));
  }
  return external;
}

function flattenParams(
  steps: readonly StepDef[],
  resolved: ReadonlyMap<string, Record<string, unknown>>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const step of steps) {
    for (const [k, v] of Object.entries(stringifyValues(resolved.get(step.name)!))) {
      flat[`${step.name}.${k}`] = v;
    }
  }
  return flat;
}

/** MLflow parameters are strings: text as is, anything else as JSON; unset values are left out. */
function stringifyValues(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined).map((
      [k, v],
    ) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

async function gitCommit(): Promise<string> {
  try {
    const out = await new Deno.Command("git", {
      args: ["rev-parse", "HEAD"],
      cwd: projectRoot,
      stdout: "piped",
      stderr: "null",
    }).output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : "unknown";
  } catch {
    return "unknown";
  }
}
