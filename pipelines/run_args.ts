/**
 * The command line of `deno task pipeline`, parsed without starting anything: the help text, the
 * options and the run request (steps and `--param` values) that `planRun` validates. Kept apart
 * from `run.ts` so tests can plan exactly what a command line asks for.
 * @module
 */
import { parseArgs } from "node:util";
import { type ParamAssignment, paramShape, parseAssignment } from "@lib/runner/params.ts";
import type { PipelineDef } from "@lib/runner/pipeline.ts";
import { selectSteps, type StepSelection } from "@lib/runner/select.ts";
import { pipelines as researchPipelines } from "./research.ts";

/** `--help`: the options and examples (each example plans without error; see tests/params). */
export function helpText(pipelines: Readonly<Record<string, PipelineDef>> = researchPipelines) {
  return `Run the research notebooks headless through the Deno Jupyter kernel.

Usage: deno task pipeline [options]

Options:
  --pipeline NAME      pipeline to run (default: research; available: ${
    Object.keys(pipelines).join(", ")
  })
  --steps A,B          run only these steps, by name or number (e.g. features,03)
  --from STEP          start at this step (inclusive)
  --to STEP            stop after this step (inclusive)
  --param K=V          set a parameter for every selected step that has it; STEP.K=V for one
                       step. Lists are comma-separated (symbols=SPY,QQQ). Repeatable. A value
                       no selected step reads is refused: symbols, start and end belong to
                       step 01 (acquisition), which every later step reads the panel of.
  --resume             continue the latest failed run from its failed notebook, in the same
                       MLflow parent run, with its steps and parameters
  --force              rerun every selected step, even one whose notebook, lib/ code,
                       parameters, inputs and lock files are unchanged since its last run,
                       and refetch market data (acquisition.refetch=true when it runs)
  --experiment NAME    MLflow experiment (default: the pipeline's name)
  --reports-dir DIR    where executed notebooks and HTML reports go (default: reports/)
  --cell-timeout SEC   seconds a single cell may run (default: 3600)
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
  deno task pipeline --param symbols=AAPL,MSFT --param start=2012-01-01
  deno task pipeline --steps features,labeling --param features.rsiWindows=7,14
`;
}

/** What a command line asks for. */
export interface RunArgs {
  /** `-h`/`--help`: print {@link helpText} and exit. */
  readonly help: boolean;
  /** `--list`: print the steps' parameters and exit. */
  readonly list: boolean;
  /** The pipeline named by `--pipeline`. */
  readonly pipeline: PipelineDef;
  /** The steps (`--steps`, `--from`, `--to`). */
  readonly selection: StepSelection;
  /**
   * The `--param` values, plus `refetch=true` for each selected step that has it under `--force`
   * (unless the command line sets `refetch` itself).
   */
  readonly params: readonly ParamAssignment[];
  /** `--force`. */
  readonly force: boolean;
  /** `--resume`. */
  readonly resume: boolean;
  /** `--experiment`. */
  readonly experiment?: string;
  /** `--reports-dir`. */
  readonly reportsDir?: string;
  /** `--cell-timeout`, in seconds. */
  readonly cellTimeout?: number;
  /** `--notebook-timeout`, in seconds. */
  readonly notebookTimeout?: number;
  /** `--wait`, in seconds. */
  readonly waitSeconds?: number;
}

/**
 * Parses the arguments of `deno task pipeline` (without `deno task pipeline` itself). Throws on
 * an unknown option or pipeline, a malformed `--param` or a bad number of seconds; the steps and
 * parameter values are checked by `planRun`.
 *
 * @example
 * ```ts
 * import { parseRunArgs } from "@pipelines/run_args.ts";
 * const args = parseRunArgs(["--from", "training", "--param", "seed=7"]);
 * if (args.selection.from !== "training" || args.params[0].key !== "seed") throw new Error();
 * ```
 */
export function parseRunArgs(
  args: readonly string[],
  pipelines: Readonly<Record<string, PipelineDef>> = researchPipelines,
): RunArgs {
  const { values } = parseArgs({
    args: [...args],
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
  const pipeline = pipelines[values.pipeline];
  if (!pipeline) {
    throw new Error(
      `--pipeline "${values.pipeline}" is unknown (available: ${
        Object.keys(pipelines).join(", ")
      })`,
    );
  }
  const selection: StepSelection = {
    steps: values.steps?.split(",").map((s) => s.trim()).filter(Boolean),
    from: values.from,
    to: values.to,
  };
  const params = values.param.map(parseAssignment);
  // --force also refetches data (acquisition's `refetch`) unless the command line says otherwise,
  // and only in a step that runs: a value for a step left out would be refused by the plan.
  if (values.force && !params.some((a) => a.key === "refetch")) {
    const refetching = selectSteps(pipeline, selection)
      .filter((s) => "refetch" in paramShape(s.params));
    params.push(...refetching.map((s) => parseAssignment(`${s.name}.refetch=true`)));
  }
  return {
    help: values.help,
    list: values.list,
    pipeline,
    selection,
    params,
    force: values.force,
    resume: values.resume,
    experiment: values.experiment,
    reportsDir: values["reports-dir"],
    cellTimeout: seconds(values["cell-timeout"], "--cell-timeout"),
    notebookTimeout: seconds(values["notebook-timeout"], "--notebook-timeout"),
    waitSeconds: seconds(values.wait, "--wait"),
  };
}

function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !(n >= 0)) {
    throw new Error(`${flag} "${value}" is not a number of seconds`);
  }
  return n;
}
