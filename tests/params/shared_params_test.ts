/**
 * Shared parameters mean the same in every step: `symbols`, `start` and `end` belong to step 01
 * alone (every later step reads the panel it wrote), and a `--param` that no selected step reads
 * is refused by the plan, naming the step it belongs to and how to include it.
 */
import assert from "node:assert/strict";
import { projectPath } from "@lib/paths.ts";
import { ParamError, paramShape } from "@lib/runner/params.ts";
import { planRun, type RunPlan } from "@lib/runner/plan.ts";
import { research, researchSteps } from "@pipelines/research.ts";
import { parseRunArgs } from "@pipelines/run_args.ts";

/** Plans a command line as `deno task pipeline` does, before anything starts. */
function plan(...args: string[]): RunPlan {
  const cli = parseRunArgs(args);
  return planRun(cli.pipeline, { ...cli.selection, params: cli.params });
}

function refusal(...args: string[]): string {
  try {
    plan(...args);
  } catch (error) {
    assert.ok(error instanceof ParamError, String(error));
    return error.message;
  }
  assert.fail(`planned: ${args.join(" ")}`);
}

Deno.test("only step 01 declares symbols, start and end", () => {
  for (const step of researchSteps) {
    const keys = ["symbols", "start", "end"].filter((k) => k in paramShape(step.params));
    assert.deepEqual(
      keys,
      step.name === "acquisition" ? ["symbols", "start", "end"] : [],
      step.name,
    );
  }
});

Deno.test("--param symbols, start and end over every step set them in step 01 only", () => {
  const p = plan("--param", "symbols=AAPL,MSFT", "--param", "start=2012-01-01");
  const acquisition = p.resolved.get("acquisition")!;
  assert.deepEqual(acquisition.symbols, ["AAPL", "MSFT"]);
  assert.equal(acquisition.start, "2012-01-01");
  for (const name of ["features", "labeling", "training", "analysis", "backtest"]) {
    assert.ok(!("symbols" in p.resolved.get(name)!), name);
  }
});

Deno.test("a selection without step 01 refuses symbols, start and end, naming where they belong", () => {
  const message = refusal(
    ...["--steps", "features,labeling", "--param", "symbols=AAPL,MSFT"],
    ...["--param", "start=2012-01-01", "--param", "end=2020-12-31"],
  );
  for (const key of ["symbols", "start", "end"]) {
    assert.match(
      message,
      new RegExp(
        `--param ${key}: belongs to step 01 \\(acquisition\\), which this run does not include ` +
          `\\(it runs features, labeling\\), so the value would change nothing; ` +
          `rerun with --from acquisition in place of --steps, or add acquisition to --steps`,
      ),
    );
  }
});

Deno.test("--from after step 01 refuses symbols and suggests --from acquisition", () => {
  assert.match(
    refusal("--from", "training", "--param", "symbols=AAPL"),
    /--param symbols: belongs to step 01 \(acquisition\), which this run does not include \(it runs training, analysis, backtest\), so the value would change nothing; rerun with --from acquisition$/,
  );
});

Deno.test("a step-qualified value for a step left out is refused the same way", () => {
  assert.match(
    refusal("--from", "features", "--param", "acquisition.source=yahoo"),
    /--param acquisition\.source: belongs to step 01 \(acquisition\), which this run does not include .*rerun with --from acquisition/,
  );
  assert.match(
    refusal("--to", "labeling", "--param", "candidates=ols"),
    /--param candidates: belongs to step 04 \(training\), which this run does not include \(it runs acquisition, features, labeling\), .*rerun with --to training/,
  );
});

Deno.test("a value some selected step reads is set there and nowhere else", () => {
  const p = plan("--from", "training", "--param", "seed=7", "--param", "horizons=5");
  assert.deepEqual(p.steps.map((s) => s.name), ["training", "analysis", "backtest"]);
  assert.equal(p.resolved.get("training")!.seed, 7);
  assert.equal(p.resolved.get("backtest")!.seed, 7);
  assert.equal(
    p.resolved.get("acquisition")!.seed,
    42,
    "a step that does not run keeps its default",
  );
  assert.deepEqual(p.resolved.get("analysis")!.horizons, [5]);
});

Deno.test("an unknown key is still refused as unknown, not as out of the run", () => {
  assert.match(
    refusal("--steps", "features", "--param", "symbol=AAPL"),
    /--param symbol: no step has a parameter "symbol"/,
  );
});

Deno.test("--force refetches in step 01 only when step 01 runs", () => {
  assert.deepEqual(
    parseRunArgs(["--force"]).params.map((a) => `${a.step}.${a.key}=${a.raw}`),
    ["acquisition.refetch=true"],
  );
  assert.deepEqual(parseRunArgs(["--force", "--from", "features"]).params, []);
  assert.deepEqual(plan("--force", "--from", "features").steps.length, 5);
  assert.equal(plan("--force").resolved.get("acquisition")!.refetch, true);
});

Deno.test("a resumed run keeps the parameters it started with", () => {
  const p = planRun(research, {
    resume: {
      key: "20260101-000000-abcd",
      pipeline: "research",
      startedAt: "2026-01-01T00:00:00.000Z",
      status: "failed",
      overrides: { symbols: "AAPL,MSFT" },
      steps: ["acquisition", "features", "labeling", "training"].map((name, i) => ({
        name,
        notebook: researchSteps[i].notebook,
        status: i < 3 ? "ok" as const : "failed" as const,
        seconds: 1,
        metrics: {},
      })),
    },
  });
  assert.deepEqual(p.resolved.get("acquisition")!.symbols, ["AAPL", "MSFT"]);
});

Deno.test("notebooks 02 to 06 do not read symbols, start or end from their parameters", () => {
  for (const step of researchSteps.slice(1)) {
    const notebook = JSON.parse(Deno.readTextFileSync(projectPath(step.notebook)));
    const code = notebook.cells.filter((c: { cell_type: string }) => c.cell_type === "code")
      .map((c: { source: string[] }) => c.source.join("")).join("\n");
    assert.doesNotMatch(code, /\bp\.(symbols|start|end)\b/, step.notebook);
  }
});
