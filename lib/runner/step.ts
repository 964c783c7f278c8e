/**
 * One step of a run: the cache check (fingerprint, outputs, earlier report), then either a fresh
 * execution of its notebook in its own nested MLflow run or a reuse of its last successful run,
 * and the step's record either way.
 * @internal
 * @module
 */
import { existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { Tracker } from "../mlflow/spool.ts";
import { projectPath, projectRoot } from "../paths.ts";
import type { StepRecord } from "../reports/mod.ts";
import {
  type CacheEntry,
  cachePath,
  fingerprint,
  outputsDigest,
  probeSummary,
  readCache,
  reportFile,
  staleReason,
  writeCache,
} from "./cache.ts";
import type { Environment } from "./environment.ts";
import { executeNotebook } from "./execute.ts";
import { treeDigest } from "./files.ts";
import { cellSource, injectParameters, type NotebookCell, parseNotebook } from "./notebook_json.ts";
import { expandPath, type StepDef } from "./pipeline.ts";
import type { Progress } from "./progress.ts";
import { type ParentRun, startStepRun } from "./tracking.ts";

/** What a step needs from its run. */
export interface StepContext {
  readonly env: Environment;
  readonly mlflow: Tracker;
  readonly spoolDir: string;
  readonly parent: ParentRun;
  /** The step's resolved parameters. */
  readonly params: Record<string, unknown>;
  /** Where the executed notebook and its HTML report go. */
  readonly runDir: string;
  readonly reportsDir: string;
  readonly progress: Progress;
  readonly cellTimeout?: number;
  readonly notebookTimeout?: number;
  readonly trackingUri: string;
  /** Run the step even when its last run could be reused. */
  readonly force?: boolean;
}

/**
 * Runs `step`, or reuses its last successful run when nothing it depends on changed, and returns
 * its record with its parameters and the digests of its inputs and outputs. `label` prefixes its
 * progress lines (`[2/6] features`).
 */
export async function runOrReuseStep(
  step: StepDef,
  label: string,
  ctx: StepContext,
): Promise<StepRecord> {
  const { params, progress } = ctx;
  const cacheFile = cachePath(step, params);
  const entry = await readCache(cacheFile);
  const current = await fingerprint(step, params);
  const reason = ctx.force
    ? "--force"
    : staleReason(entry, current, await outputsDigest(step, params)) ??
      missingReport(ctx.reportsDir, entry!.record);
  // What the probe saw goes on the step's MLflow run, reused or not, so a run says what it read.
  const probed = current.probe
    ? probeSummary(current.probe)
    : current.probeError !== undefined
    ? `probe failed: ${current.probeError}`
    : undefined;
  const tags: Record<string, string> = probed === undefined
    ? {}
    : { "ws.source_probe": probed.slice(0, 1000) };
  let record: StepRecord;
  if (reason === undefined) {
    record = await reuseStep(step, label, entry!, ctx, tags);
    if (probed !== undefined) progress.line(`${label} · probed ${probed}`);
  } else {
    progress.line(`${label} · runs: ${reason}`);
    if (probed !== undefined) progress.line(`${label} · probed ${probed}`);
    record = await runStep(step, label, ctx, tags);
    if (record.status === "ok") {
      const outputs = await outputsDigest(step, params);
      await ctx.mlflow.setTags(record.mlflowRunId!, { "ws.outputs_digest": outputs });
      await writeCache(cacheFile, { fingerprint: current, outputs, record });
    }
  }
  return {
    ...record,
    params,
    digests: { inputs: current.inputs, outputs: await outputsDigest(step, params) },
  };
}

/** Executes the step's notebook with its parameters injected, in a new nested run. */
async function runStep(
  step: StepDef,
  label: string,
  ctx: StepContext,
  tags: Record<string, string>,
): Promise<StepRecord> {
  const { mlflow, parent, progress } = ctx;
  const notebookPath = projectPath(step.notebook);
  const stem = basename(step.notebook, ".ipynb");
  const prepared = injectParameters(
    parseNotebook(await Deno.readTextFile(notebookPath), step.notebook),
    ctx.params,
    step.notebook,
  );
  const inputs = step.inputs.map((p) => projectPath(expandPath(p, ctx.params)));
  const runId = await startStepRun(mlflow, parent, step, ctx.params, {
    "ws.inputs_digest": await treeDigest(inputs, projectRoot),
    ...tags,
  });

  const tmp = await Deno.makeTempDir({ prefix: `ws-${stem}-` });
  const input = join(tmp, `${stem}.ipynb`);
  await Deno.writeTextFile(input, JSON.stringify(prepared, null, 1));
  const executed = join(ctx.runDir, `${stem}.ipynb`);
  const html = join(ctx.runDir, `${stem}.html`);
  // The notebook also writes its metrics here, so the record does not depend on reaching MLflow.
  const metricsFile = join(tmp, "metrics.json");
  const tagsFile = join(tmp, "tags.json");
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
      MLFLOW_RUN_ID: runId,
      MLFLOW_EXPERIMENT_ID: parent.experimentId,
      WS_MLFLOW_SPOOL: ctx.spoolDir,
      WS_METRICS_FILE: metricsFile,
      WS_TAGS_FILE: tagsFile,
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
  const notebookTags: Record<string, string> = await Deno.readTextFile(tagsFile).then(JSON.parse)
    .catch(() => ({}));
  await Deno.remove(tmp, { recursive: true });

  await mlflow.logArtifact(runId, executed, "notebook");
  await mlflow.logArtifact(runId, html, "notebook");
  await mlflow.logMetrics(runId, { duration_seconds: seconds });
  await mlflow.updateRun(runId, result.ok ? "FINISHED" : "FAILED", Date.now());

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
      tags: notebookTags,
      mlflowRunId: runId,
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
    tags: notebookTags,
    mlflowRunId: runId,
    error: `${cell}: ${message}`,
  };
}

/** Reuses a step's last successful run: a nested run pointing at it, with its metrics and reports. */
async function reuseStep(
  step: StepDef,
  label: string,
  entry: CacheEntry,
  ctx: StepContext,
  tags: Record<string, string>,
): Promise<StepRecord> {
  const { mlflow } = ctx;
  const previous = entry.record;
  const runId = await startStepRun(mlflow, ctx.parent, step, ctx.params, {
    "ws.cached_from": previous.mlflowRunId ?? "unknown",
    "ws.outputs_digest": entry.outputs,
    ...previous.tags,
    ...tags,
  });
  await mlflow.logMetrics(runId, previous.metrics);
  for (const file of [previous.executed, previous.html]) {
    const path = reportFile(ctx.reportsDir, file);
    if (path) await mlflow.logArtifact(runId, path, "notebook");
  }
  await mlflow.updateRun(runId, "FINISHED", Date.now());
  ctx.progress.line(`${label} · cached: unchanged since its last run (${previous.html})`);
  return { ...previous, status: "cached", seconds: 0, mlflowRunId: runId };
}

function missingReport(reportsDir: string, record: StepRecord): string | undefined {
  const files = [record.html, record.executed].map((f) => reportFile(reportsDir, f));
  return files.every((f) => f && existsSync(f)) ? undefined : "its earlier report is missing";
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
