/**
 * Runs a pipeline: validates every parameter, executes the selected notebooks in order through
 * the Deno Jupyter kernel, renders their HTML reports, and tracks it all in MLflow (a parent run
 * for the pipeline, a nested run per notebook).
 * @module
 */
import { existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { MlflowClient } from "../mlflow/client.ts";
import { replaySpool, ResilientTracker, Spool, type Tracker } from "../mlflow/spool.ts";
import { projectPath, projectRoot } from "../paths.ts";
import { ensureEnvironment, type Environment } from "./environment.ts";
import { executeNotebook } from "./execute.ts";
import {
  type CacheEntry,
  cachePath,
  fingerprint,
  locksDigest,
  outputsDigest,
  readCache,
  reportFile,
  staleReason,
  writeCache,
} from "./cache.ts";
import { treeDigest } from "./files.ts";
import { acquireLock, type Lock } from "./lock.ts";
import { cellSource, injectParameters, type NotebookCell, parseNotebook } from "./notebook_json.ts";
import { type ParamAssignment, parseAssignment, resolveParams, stepDefaults } from "./params.ts";
import { expandPath, type PipelineDef, type StepDef } from "./pipeline.ts";
import { Progress } from "./progress.ts";
import { selectSteps, type StepSelection } from "./select.ts";
import { recordRun } from "./reports.ts";
import { changedParams, mlflowRunUrl, type RunRecord, type StepRecord } from "../reports/mod.ts";

/** How to run a pipeline. */
export interface RunOptions extends StepSelection {
  readonly pipeline: PipelineDef;
  /** `--param` values. */
  readonly params?: readonly ParamAssignment[];
  /** Reports folder. Defaults to `<project>/reports`. */
  readonly reportsDir?: string;
  /** MLflow experiment name. Defaults to the pipeline's name. */
  readonly experiment?: string;
  /** An MLflow server to log to; the caller starts or finds it. */
  readonly trackingUri: string;
  /** Seconds a single cell may run. Defaults to 600. */
  readonly cellTimeout?: number;
  /** Seconds one notebook may run before its kernel is killed. Default: no limit. */
  readonly notebookTimeout?: number;
  /** Seconds to wait for another run holding the same data folder. Defaults to 0. */
  readonly waitSeconds?: number;
  /** Run every selected step even when its last run could be reused. */
  readonly force?: boolean;
  /** Where tracking calls go while MLflow is unreachable. Defaults to `.mlflow/spool`. */
  readonly spoolDir?: string;
  /**
   * A failed run to continue in place: same run key, parameters, reports folder and MLflow
   * parent run; the notebooks it finished are kept and the rest run.
   */
  readonly resume?: RunRecord;
  /** The project environment; found or installed when omitted. */
  readonly environment?: Environment;
  readonly progress?: Progress;
}

/** Runs the pipeline and returns its record; `status` is "failed" when a notebook failed. */
export async function runPipeline(options: RunOptions): Promise<RunRecord> {
  const { pipeline } = options;
  const progress = options.progress ?? new Progress();
  const { resume } = options;
  if (resume) checkResumable(resume, options);
  const assignments = resume ? resumedAssignments(resume) : options.params ?? [];
  const selected = resume
    ? pipeline.steps.filter((s) => resume.steps.some((r) => r.name === s.name))
    : selectSteps(pipeline, options);
  const resolved = resolveParams(pipeline, assignments);
  const env = options.environment ?? await ensureEnvironment({ log: (m) => progress.line(m) });
  const reportsDir = options.reportsDir ?? projectPath("reports");
  const startedAt = resume ? new Date(resume.startedAt) : new Date();
  const key = resume?.key ?? runKey(startedAt);
  const runDir = join(reportsDir, "runs", key);
  await Deno.mkdir(runDir, { recursive: true });

  const folders = [
    ...new Set(selected.map((s) => projectPath(expandPath("{dataDir}", resolved.get(s.name)!)))),
  ];
  const locks: Lock[] = [];
  try {
    for (const folder of folders) {
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
    const client = new MlflowClient(options.trackingUri);
    const spool = new Spool(options.spoolDir ?? projectPath(".mlflow", "spool"));
    await replayLeftovers(spool, client, progress);
    const mlflow = new ResilientTracker(client, spool, (m) => progress.line(m));
    let experimentId: string;
    let parentId: string;
    if (resume?.mlflow) {
      ({ experimentId, parentId } = await reopenParent(mlflow, resume.mlflow));
    } else {
      experimentId = await mlflow.getOrCreateExperiment(options.experiment ?? pipeline.name);
      const externalInputs = externalInputPaths(selected, resolved);
      const parent = await mlflow.createRun({
        experimentId,
        runName: `${pipeline.name}-${key}`,
        startTime: startedAt.getTime(),
        tags: {
          "ws.pipeline": pipeline.name,
          "ws.run_key": key,
          "ws.steps": selected.map((s) => s.name).join(","),
          "ws.deno_version": Deno.version.deno,
          "ws.data_digest": await treeDigest(externalInputs, projectRoot),
          "ws.lock_digest": await locksDigest(),
          "mlflow.source.git.commit": await gitCommit(),
          "mlflow.source.name": "pipelines/run.ts",
          "mlflow.source.type": "LOCAL",
        },
      });
      parentId = parent.runId;
      await mlflow.logParams(parentId, flattenParams(selected, resolved));
      await mlflow.logArtifactBytes(
        parentId,
        new TextEncoder().encode(JSON.stringify(Object.fromEntries(resolved), null, 2)),
        "pipeline/params.json",
      );
    }

    progress.line(
      `pipeline ${pipeline.name}: ${selected.length} notebook(s) · run ${key} · MLflow ${
        mlflowRunUrl(options.trackingUri, experimentId, parentId)
      }`,
    );
    const records: StepRecord[] = [];
    let failed = false;
    for (const [i, step] of selected.entries()) {
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
      const label = `[${i + 1}/${selected.length}] ${step.name}`;
      const finished = resume?.steps.find((r) =>
        r.name === step.name && (r.status === "ok" || r.status === "cached")
      );
      if (finished) {
        progress.line(`${label} · kept: finished in run ${key} before it failed`);
        records.push(finished);
        continue;
      }
      const params = resolved.get(step.name)!;
      const ctx: StepContext = {
        env,
        mlflow,
        spoolDir: spool.dir,
        experimentId,
        parentId,
        params,
        runDir,
        reportsDir,
        progress,
        cellTimeout: options.cellTimeout,
        notebookTimeout: options.notebookTimeout,
        trackingUri: options.trackingUri,
      };
      const cacheFile = cachePath(step, params);
      const entry = await readCache(cacheFile);
      const current = await fingerprint(step, params);
      const reason = options.force
        ? "--force"
        : staleReason(entry, current, await outputsDigest(step, params)) ??
          missingReport(reportsDir, entry!.record);
      let record: StepRecord;
      if (reason === undefined) {
        record = await reuseStep(step, label, entry!, ctx);
      } else {
        progress.line(`${label} · runs: ${reason}`);
        record = await runStep(step, label, ctx);
        if (record.status === "ok") {
          const outputs = await outputsDigest(step, params);
          await mlflow.setTags(record.mlflowRunId!, { "ws.outputs_digest": outputs });
          await writeCache(cacheFile, { fingerprint: current, outputs, record });
        }
      }
      records.push({
        ...record,
        params,
        digests: { inputs: current.inputs, outputs: await outputsDigest(step, params) },
      });
      failed = record.status === "failed";
    }
    await mlflow.updateRun(parentId, failed ? "FAILED" : "FINISHED", Date.now());

    const run: RunRecord = {
      key,
      pipeline: pipeline.name,
      startedAt: startedAt.toISOString(),
      status: failed ? "failed" : "ok",
      steps: records,
      overrides: Object.fromEntries(
        assignments.map((a) => [a.step ? `${a.step}.${a.key}` : a.key, a.raw]),
      ),
      mlflow: { uri: options.trackingUri, experimentId, runId: parentId },
      dataDir: folders[0],
      changed: changedParams(stepDefaults(pipeline.steps), resolved),
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

interface StepContext {
  env: Environment;
  mlflow: Tracker;
  spoolDir: string;
  experimentId: string;
  parentId: string;
  params: Record<string, unknown>;
  runDir: string;
  reportsDir: string;
  progress: Progress;
  cellTimeout?: number;
  notebookTimeout?: number;
  trackingUri: string;
}

async function runStep(step: StepDef, label: string, ctx: StepContext): Promise<StepRecord> {
  const { mlflow, progress } = ctx;
  const notebookPath = projectPath(step.notebook);
  const stem = basename(step.notebook, ".ipynb");
  const prepared = injectParameters(
    parseNotebook(await Deno.readTextFile(notebookPath), step.notebook),
    ctx.params,
    step.notebook,
  );
  const inputs = step.inputs.map((p) => projectPath(expandPath(p, ctx.params)));
  const run = await mlflow.createRun({
    experimentId: ctx.experimentId,
    runName: stem,
    parentRunId: ctx.parentId,
    tags: {
      "ws.step": step.name,
      "ws.notebook": step.notebook,
      "ws.inputs_digest": await treeDigest(inputs, projectRoot),
    },
  });
  await mlflow.logParams(run.runId, stringifyValues(ctx.params));

  const tmp = await Deno.makeTempDir({ prefix: `ws-${stem}-` });
  const input = join(tmp, `${stem}.ipynb`);
  await Deno.writeTextFile(input, JSON.stringify(prepared, null, 1));
  const executed = join(ctx.runDir, `${stem}.ipynb`);
  const html = join(ctx.runDir, `${stem}.html`);
  // The notebook also writes its metrics here, so the record does not depend on reaching MLflow.
  const metricsFile = join(tmp, "metrics.json");
  const started = performance.now();
  progress.line(`${label} · ${step.notebook}`);
  const result = await executeNotebook(ctx.env, {
    input,
    output: executed,
    html,
    cwd: projectPath("notebooks"),
    cellTimeout: ctx.cellTimeout,
    notebookTimeout: ctx.notebookTimeout,
    env: {
      MLFLOW_TRACKING_URI: ctx.trackingUri,
      MLFLOW_RUN_ID: run.runId,
      MLFLOW_EXPERIMENT_ID: ctx.experimentId,
      WS_MLFLOW_SPOOL: ctx.spoolDir,
      WS_METRICS_FILE: metricsFile,
    },
    onEvent: (event) => {
      if (event.event === "cell") progress.cell(label, event.position, event.code_cells, started);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const metrics: Record<string, number> = {
    ...await Deno.readTextFile(metricsFile).then(JSON.parse).catch(() => ({})),
    duration_seconds: seconds,
  };
  await Deno.remove(tmp, { recursive: true });

  await mlflow.logArtifact(run.runId, executed, "notebook");
  await mlflow.logArtifact(run.runId, html, "notebook");
  await mlflow.logMetrics(run.runId, { duration_seconds: seconds });
  await mlflow.updateRun(run.runId, result.ok ? "FINISHED" : "FAILED", Date.now());

  const rel = (p: string) => relative(ctx.reportsDir, p);
  if (result.ok) {
    progress.line(`${label} · done in ${seconds.toFixed(1)} s`);
    return {
      name: step.name,
      notebook: step.notebook,
      status: "ok",
      seconds,
      html: rel(html),
      executed: rel(executed),
      metrics,
      mlflowRunId: run.runId,
    };
  }
  const error = result.error!;
  const cell = describeCell(prepared.cells, error.index);
  const message = `${error.ename}: ${error.evalue}`;
  progress.line(
    `${label} · FAILED in ${step.notebook}, ${cell}: ${message}\n${
      indent(error.traceback ?? result.stderrTail)
    }\n  executed notebook saved to ${executed}\n  HTML report saved to ${html}`,
  );
  return {
    name: step.name,
    notebook: step.notebook,
    status: "failed",
    seconds,
    html: rel(html),
    executed: rel(executed),
    metrics,
    mlflowRunId: run.runId,
    error: `${cell}: ${message}`,
  };
}

/** Reuses a step's last successful run: a nested run pointing at it, with its metrics and reports. */
async function reuseStep(
  step: StepDef,
  label: string,
  entry: CacheEntry,
  ctx: StepContext,
): Promise<StepRecord> {
  const { mlflow } = ctx;
  const previous = entry.record;
  const run = await mlflow.createRun({
    experimentId: ctx.experimentId,
    runName: basename(step.notebook, ".ipynb"),
    parentRunId: ctx.parentId,
    tags: {
      "ws.step": step.name,
      "ws.notebook": step.notebook,
      "ws.cached_from": previous.mlflowRunId ?? "unknown",
      "ws.outputs_digest": entry.outputs,
    },
  });
  await mlflow.logParams(run.runId, stringifyValues(ctx.params));
  await mlflow.logMetrics(run.runId, previous.metrics);
  for (const file of [previous.executed, previous.html]) {
    const path = reportFile(ctx.reportsDir, file);
    if (path) await mlflow.logArtifact(run.runId, path, "notebook");
  }
  await mlflow.updateRun(run.runId, "FINISHED", Date.now());
  ctx.progress.line(`${label} · cached: unchanged since its last run (${previous.html})`);
  return { ...previous, status: "cached", seconds: 0, mlflowRunId: run.runId };
}

function missingReport(reportsDir: string, record: StepRecord): string | undefined {
  const files = [record.html, record.executed].map((f) => reportFile(reportsDir, f));
  return files.every((f) => f && existsSync(f)) ? undefined : "its earlier report is missing";
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

/** Refuses a resume that cannot continue the same run. */
function checkResumable(resume: RunRecord, options: RunOptions): void {
  if (resume.status !== "failed") {
    throw new Error(`run ${resume.key} did not fail; there is nothing to resume`);
  }
  if (resume.pipeline !== options.pipeline.name) {
    throw new Error(`run ${resume.key} belongs to pipeline "${resume.pipeline}"`);
  }
  if ((options.params ?? []).length > 0 || options.steps?.length || options.from || options.to) {
    throw new Error(
      "--resume continues a run with its own steps and parameters; drop --steps/--from/--to/--param",
    );
  }
  const uri = (u: string) => u.replace(/\/+$/, "");
  if (resume.mlflow && uri(resume.mlflow.uri) !== uri(options.trackingUri)) {
    throw new Error(
      `run ${resume.key} was tracked at ${resume.mlflow.uri}, not ${options.trackingUri}; ` +
        "set MLFLOW_TRACKING_URI to that server to resume it",
    );
  }
}

/** The `--param` values a run was started with. */
function resumedAssignments(resume: RunRecord): ParamAssignment[] {
  return Object.entries(resume.overrides).map(([name, raw]) =>
    parseAssignment(`${name}=${String(raw)}`)
  );
}

/** Puts a failed parent run back to RUNNING so the resumed notebooks nest under it. */
async function reopenParent(
  mlflow: Tracker,
  tracked: NonNullable<RunRecord["mlflow"]>,
): Promise<{ experimentId: string; parentId: string }> {
  await mlflow.updateRun(tracked.runId, "RUNNING");
  return { experimentId: tracked.experimentId, parentId: tracked.runId };
}

/** Inputs read by the selected steps that no earlier selected step writes. */
function externalInputPaths(
  steps: readonly StepDef[],
  resolved: Map<string, Record<string, unknown>>,
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
  resolved: Map<string, Record<string, unknown>>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const step of steps) {
    for (const [k, v] of Object.entries(stringifyValues(resolved.get(step.name)!))) {
      flat[`${step.name}.${k}`] = v;
    }
  }
  return flat;
}

function stringifyValues(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined).map((
      [k, v],
    ) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

function runKey(date: Date): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${crypto.randomUUID().slice(0, 4)}`;
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

/** "cell 5 (`throw new Error(…`)": the executed notebook's cell number and its first line. */
function describeCell(cells: readonly NotebookCell[], index: number): string {
  if (index < 0 || index >= cells.length) return "before any cell ran";
  const first = cellSource(cells[index]).split("\n").find((l) => l.trim()) ?? "";
  const shown = first.length > 60 ? `${first.slice(0, 60)}…` : first;
  return `cell ${index + 1} (\`${shown.trim()}\`)`;
}

function indent(text: string): string {
  return text.split("\n").map((l) => `    ${l}`).join("\n");
}
