/**
 * `deno task pipeline`: runs the research notebooks headless. See `--help`.
 * @module
 */
import { join, relative } from "node:path";
import { parseTrackingUri } from "@lib/mlflow/client.ts";
import { resolveTracking } from "@lib/mlflow/server.ts";
import { ensureEnvironment } from "@lib/runner/environment.ts";
import { describeParams } from "@lib/runner/params.ts";
import { planRun } from "@lib/runner/plan.ts";
import { Progress } from "@lib/runner/progress.ts";
import { runPipeline } from "@lib/runner/run.ts";
import { mlflowRunUrl, readHistory, type RunRecord } from "@lib/reports/mod.ts";
import { projectPath } from "@lib/paths.ts";
import { pipelines } from "./research.ts";
import { helpText, parseRunArgs } from "./run_args.ts";

async function main(args: string[]): Promise<number> {
  const cli = parseRunArgs(args, pipelines);
  if (cli.help) {
    console.log(helpText(pipelines));
    return 0;
  }
  const { pipeline, selection, params } = cli;
  if (cli.list) {
    console.log(`${pipeline.name}: ${pipeline.description}\n\nSteps and parameters (defaults):`);
    console.log(describeParams(pipeline.steps));
    return 0;
  }
  const { cellTimeout, notebookTimeout, waitSeconds } = cli;
  const reportsDir = cli.reportsDir ?? projectPath("reports");
  const resume = cli.resume ? await latestFailedRun(reportsDir, pipeline.name) : undefined;
  // Fail on a bad step, parameter or resume before installing or starting anything.
  const plan = planRun(pipeline, { ...selection, params, resume });

  const progress = new Progress();
  const environment = await ensureEnvironment({ log: (m) => progress.line(m) });
  if (!Deno.env.get("MLFLOW_TRACKING_URI")) {
    progress.line("MLflow: starting a local server over .mlflow/ (MLFLOW_TRACKING_URI is unset)");
  }
  const tracking = await resolveTracking({ mlflowBin: environment.mlflow }).catch((error) => {
    const external = Deno.env.get("MLFLOW_TRACKING_URI");
    // A local server that cannot start is a set-up problem; a remote one that is down is not
    // a reason to stop research: tracking goes to the spool until it is back.
    if (!external) throw error;
    progress.line(`warning: ${(error as Error).message}`);
    return { uri: parseTrackingUri(external), server: undefined, stop: () => Promise.resolve() };
  });
  try {
    const run = await runPipeline({
      plan,
      force: cli.force,
      experiment: cli.experiment,
      reportsDir,
      trackingUri: tracking.uri,
      cellTimeout,
      notebookTimeout,
      waitSeconds,
      environment,
      progress,
    });
    const indexPath = join(reportsDir, "index.html");
    const shown = relative(Deno.cwd(), indexPath);
    const index = shown.startsWith("..") ? indexPath : shown;
    const url = mlflowRunUrl(tracking.uri, run.mlflow!.experimentId, run.mlflow!.runId);
    progress.line(`\n${run.status === "ok" ? "Pipeline finished" : "Pipeline FAILED"}.`);
    progress.line(`  HTML reports: ${index}`);
    progress.line(
      tracking.server
        ? `  MLflow: run \`deno task ui\` and open ${
          url.replace(tracking.uri, "http://127.0.0.1:5000")
        }`
        : `  MLflow run: ${url}`,
    );
    return run.status === "ok" ? 0 : 1;
  } finally {
    await tracking.stop?.();
  }
}

async function latestFailedRun(reportsDir: string, pipeline: string): Promise<RunRecord> {
  const failed = (await readHistory(reportsDir)).find((r) => r.pipeline === pipeline);
  if (!failed || failed.status !== "failed") {
    throw new Error(
      `--resume: the latest run of pipeline "${pipeline}" in ${reportsDir} did not fail; nothing to resume`,
    );
  }
  return failed;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`pipeline: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(2);
  }
}
