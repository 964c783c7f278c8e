/**
 * What a notebook needs from its surroundings: displaying values and logging to its MLflow run.
 *
 * Headless, the runner starts the kernel with `MLFLOW_TRACKING_URI` and `MLFLOW_RUN_ID` set to
 * the notebook's nested run, so metrics a notebook logs land in that run. Opened by hand in
 * JupyterLab without those variables, logging is shown in the notebook and kept in memory, so
 * the same cells run unchanged.
 * @module
 */
import type pl from "nodejs-polars";
import { writeFileAtomic } from "./io/atomic.ts";
import { MlflowClient } from "./mlflow/client.ts";
import { resolveTracking } from "./mlflow/server.ts";
import { ResilientTracker, Spool } from "./mlflow/spool.ts";
import { projectPath, relativePaths } from "./paths.ts";
import { metricTable, nameList, table } from "./table.ts";

export { metricTable, nameList, table };

/** A notebook's handle on its tracking run. */
export interface NotebookRun {
  /** The MLflow run id, or `undefined` when the notebook runs without tracking. */
  readonly runId: string | undefined;
  /** Every metric logged so far in this kernel, by name (last value wins). */
  readonly metrics: Readonly<Record<string, number>>;
  /** Logs numeric metrics into the run (non-finite values are rejected with their name). */
  logMetrics(metrics: Record<string, number>, step?: number): Promise<void>;
  /** Every tag set so far in this kernel, by key (last value wins). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Sets string tags on the run (the champion's name, a same-bar-fill flag); the runner records
   * them beside the metrics, so the report pages read them without reaching MLflow.
   */
  setTags(tags: Record<string, string>): Promise<void>;
  /** Uploads a local file into the run's artifacts under `artifactPath` (a folder). */
  logArtifact(localPath: string, artifactPath?: string): Promise<void>;
  /**
   * Returns a client of the tracking server and a run to attach models to, for the model
   * registry (which, unlike metrics, cannot wait in the spool). Headless this is the notebook's
   * nested run. Opened by hand, it is MLFLOW_TRACKING_URI's server or a local one started for
   * the kernel, with a run created in the experiment "interactive".
   */
  mlflow(): Promise<{ client: MlflowClient; runId: string }>;
}

/** Returns the notebook's run: the MLflow run named by the environment, or an untracked one. */
export function notebookRun(
  env: Record<string, string | undefined> = Deno.env.toObject(),
): NotebookRun {
  const uri = env.MLFLOW_TRACKING_URI;
  const runId = env.MLFLOW_RUN_ID;
  // While MLflow is down, calls go to the same spool as the runner's (replayed later).
  const tracker = uri && runId
    ? new ResilientTracker(
      new MlflowClient(uri),
      new Spool(env.WS_MLFLOW_SPOOL ?? projectPath(".mlflow", "spool")),
    )
    : undefined;
  const logged: Record<string, number> = {};
  const tagged: Record<string, string> = {};
  let interactive: Promise<{ client: MlflowClient; runId: string }> | undefined;
  return {
    runId: tracker ? runId : undefined,
    metrics: logged,
    tags: tagged,
    async logMetrics(metrics, step) {
      for (const [name, value] of Object.entries(metrics)) {
        if (!Number.isFinite(value)) {
          throw new Error(`metric "${name}" is ${value}; metrics must be finite numbers`);
        }
      }
      Object.assign(logged, metrics);
      if (env.WS_METRICS_FILE) await writeFileAtomic(env.WS_METRICS_FILE, JSON.stringify(logged));
      if (tracker && runId) await tracker.logMetrics(runId, metrics, step);
    },
    async setTags(tags) {
      Object.assign(tagged, tags);
      if (env.WS_TAGS_FILE) await writeFileAtomic(env.WS_TAGS_FILE, JSON.stringify(tagged));
      if (tracker && runId) await tracker.setTags(runId, tags);
    },
    async logArtifact(localPath, artifactPath) {
      if (tracker && runId) await tracker.logArtifact(runId, localPath, artifactPath);
    },
    mlflow() {
      interactive ??= connect(uri, runId);
      return interactive;
    },
  };
}

async function connect(
  uri: string | undefined,
  runId: string | undefined,
): Promise<{ client: MlflowClient; runId: string }> {
  if (uri && runId) return { client: new MlflowClient(uri), runId };
  // The local server lives as long as the kernel; the next run of the runner reuses its store.
  const target = await resolveTracking({ trackingUri: uri });
  const client = new MlflowClient(target.uri);
  const experimentId = await client.getOrCreateExperiment("interactive");
  const run = await client.createRun({ experimentId, runName: "notebook" });
  return { client, runId: run.runId };
}

type Displayable = { [key: symbol]: unknown } | string | object;

/**
 * Displays a value in the notebook: a nodejs-polars DataFrame as a {@link table}, a Chart as a figure,
 * a string as Markdown. Outside a Jupyter kernel it does nothing, so lib code and tests can call
 * notebook helpers freely.
 */
export async function show(value: Displayable): Promise<void> {
  const jupyter = (Deno as unknown as { jupyter?: JupyterApi }).jupyter;
  if (!jupyter) return;
  if (typeof value === "string") {
    await jupyter.display({ "text/markdown": relativePaths(value) }, { raw: true });
  } else if (isFrame(value)) {
    await jupyter.display(table(value));
  } else {
    await jupyter.display(value);
  }
}

function isFrame(value: unknown): value is pl.DataFrame {
  const v = value as Partial<pl.DataFrame> | null;
  return typeof v?.toRecords === "function" && Array.isArray(v?.columns);
}

interface JupyterApi {
  display(value: unknown, options?: { raw?: boolean }): Promise<void>;
}
