/**
 * `deno task pipeline`: runs the research notebooks headless. See `--help`.
 * @module
 */
import { parseArgs } from "node:util";
import { join, relative } from "node:path";
import { parseTrackingUri } from "@lib/mlflow/client.ts";
import { resolveTracking } from "@lib/mlflow/server.ts";
import { ensureEnvironment } from "@lib/runner/environment.ts";
import { describeParams, parseAssignment } from "@lib/runner/params.ts";
import { planRun } from "@lib/runner/plan.ts";
import { Progress } from "@lib/runner/progress.ts";
import { runPipeline } from "@lib/runner/run.ts";
import { mlflowRunUrl, readHistory, type RunRecord } from "@lib/reports/mod.ts";
import { projectPath } from "@lib/paths.ts";
import { pipelines } from "./research.ts";

const HELP = `Run the research notebooks headless through the Deno Jupyter kernel.

Usage: deno task pipeline [options]

Options:
  --pipeline NAME      pipeline to run (default: research; available: ${
  Object.keys(pipelines).join(", ")
})
  --steps A,B          run only these steps, by name or number (e.g. features,03)
  --from STEP          start at this step (inclusive)
  --to STEP            stop after this step (inclusive)
  --param K=V          set a parameter for every step that has it; STEP.K=V for one step.
                       Lists are comma-separated (symbols=SPY,QQQ). Repeatable.
  --resume             continue the latest failed run from its failed notebook, in the same
                       MLflow parent run, with its steps and parameters
  --force              rerun every selected step, even one whose notebook, lib/ code,
                       parameters, inputs and lock files are unchanged since its last run,
                       and refetch market data (acquisition.refetch=true)
  --experiment NAME    MLflow experiment (default: the pipeline's name)
  --reports-dir DIR    where executed notebooks and HTML reports go (default: reports/)
  --cell-timeout SEC   seconds a single cell may run (default: 600)
  --notebook-timeout SEC
                       seconds one notebook may run; then its kernel is killed (default: none)
  --wait SEC           wait this long for another run using the same data folder (default: 0)
  --list               print the steps and their parameters with defaults, then exit
  -h, --help           this help

MLflow: logs to MLFLOW_TRACKING_URI when it is set; otherwise starts a local server on
127.0.0.1 over .mlflow/ for the run (browse it afterwards with \`deno task ui\`).

Examples:
  deno task pipeline
  deno task pipeline --from training --param seed=7
  deno task pipeline --steps features,labeling --param symbols=AAPL,MSFT --param start=2012-01-01
`;

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      pipeline: { type: "string", default: "research" },
      steps: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      param: { type: "string", multiple: true, default: [] },
      force: { type: "boolean", default: false },
      resume: { type: "boolean", default: false },
      experiment: { type: "string" },
      "reports-dir": { type: "string" },
      "cell-timeout": { type: "string" },
      "notebook-timeout": { type: "string" },
      wait: { type: "string" },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const pipeline = pipelines[values.pipeline];
  if (!pipeline) {
    throw new Error(
      `--pipeline "${values.pipeline}" is unknown (available: ${
        Object.keys(pipelines).join(", ")
      })`,
    );
  }
  if (values.list) {
    console.log(`${pipeline.name}: ${pipeline.description}\n\nSteps and parameters (defaults):`);
    console.log(describeParams(pipeline.steps));
    return 0;
  }
  const cellTimeout = seconds(values["cell-timeout"], "--cell-timeout");
  const notebookTimeout = seconds(values["notebook-timeout"], "--notebook-timeout");
  const waitSeconds = seconds(values.wait, "--wait");

  const selection = {
    steps: values.steps?.split(",").map((s) => s.trim()).filter(Boolean),
    from: values.from,
    to: values.to,
  };
  const params = values.param.map(parseAssignment);
  // --force also refetches data (acquisition's `refetch`) unless the command line says otherwise.
  if (values.force && !params.some((a) => a.key === "refetch")) {
    const refetching = pipeline.steps.filter((s) => "refetch" in s.params.shape);
    params.push(...refetching.map((s) => parseAssignment(`${s.name}.refetch=true`)));
  }
  const reportsDir = values["reports-dir"] ?? projectPath("reports");
  const resume = values.resume ? await latestFailedRun(reportsDir, pipeline.name) : undefined;
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
      force: values.force,
      experiment: values.experiment,
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

function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !(n >= 0)) {
    throw new Error(`${flag} "${value}" is not a number of seconds`);
  }
  return n;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`pipeline: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(2);
  }
}
