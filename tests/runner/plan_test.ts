import assert from "node:assert/strict";
import { z } from "zod";
import { projectPath } from "@lib/paths.ts";
import type { RunRecord } from "@lib/reports/history.ts";
import { ParamError, parseAssignment } from "@lib/runner/params.ts";
import type { PipelineDef } from "@lib/runner/pipeline.ts";
import { planRun } from "@lib/runner/plan.ts";
import { checkResumeTracking, finishedStep } from "@lib/runner/resume.ts";

const params = z.object({ k: z.number().default(3), dataDir: z.string().default("data/work") })
  .strict();
const pipeline: PipelineDef = {
  name: "p",
  description: "",
  steps: ["01_a", "02_b", "03_c"].map((stem) => ({
    name: stem.slice(3),
    notebook: `notebooks/${stem}.ipynb`,
    params,
    inputs: [],
    outputs: [],
  })),
};

function failedRun(overrides: Record<string, unknown> = { "b.k": "7" }): RunRecord {
  return {
    key: "20260101-000000-abcd",
    pipeline: "p",
    startedAt: "2026-01-01T00:00:00.000Z",
    status: "failed",
    overrides,
    steps: [
      { name: "b", notebook: "notebooks/02_b.ipynb", status: "ok", seconds: 1, metrics: {} },
      { name: "c", notebook: "notebooks/03_c.ipynb", status: "failed", seconds: 1, metrics: {} },
    ],
    mlflow: { uri: "http://127.0.0.1:5000/", experimentId: "1", runId: "parent" },
  };
}

Deno.test("planRun sets a bare key only in the selected steps and refuses one none of them reads", () => {
  const plan = planRun(pipeline, { from: "b", params: [parseAssignment("k=5")] });
  assert.deepEqual([1, 2].map((i) => plan.resolved.get(["a", "b", "c"][i])!.k), [5, 5]);
  assert.equal(plan.resolved.get("a")!.k, 3);
  assert.throws(
    () => planRun(pipeline, { from: "b", params: [parseAssignment("a.k=5")] }),
    /--param a\.k: belongs to step 01 \(a\), which this run does not include \(it runs b, c\), so the value would change nothing; rerun with --from a/,
  );
  assert.throws(
    () => planRun(pipeline, { steps: ["c"], params: [parseAssignment("b.k=5")] }),
    /rerun with --from b in place of --steps, or add b to --steps/,
  );
});

Deno.test("planRun resolves a resumed run's parameters over every step, as when it started", () => {
  const plan = planRun(pipeline, { resume: failedRun({ "a.k": "9" }) });
  assert.equal(plan.resolved.get("a")!.k, 9);
});

Deno.test("planRun selects the steps and resolves every step's parameters", () => {
  const plan = planRun(pipeline, { from: "b", params: [parseAssignment("b.k=5")] });
  assert.deepEqual(plan.steps.map((s) => s.name), ["b", "c"]);
  assert.deepEqual([...plan.resolved.keys()], ["a", "b", "c"]);
  assert.deepEqual(plan.resolved.get("b"), { k: 5, dataDir: "data/work" });
  assert.deepEqual(plan.resolved.get("c"), { k: 3, dataDir: "data/work" });
  assert.deepEqual(plan.assignments, [parseAssignment("b.k=5")]);
  assert.deepEqual(plan.dataDirs, [projectPath("data/work")]);
  assert.equal(plan.resume, undefined);
});

Deno.test("planRun lists each data folder of the selected steps once, in step order", () => {
  const plan = planRun(pipeline, {
    steps: ["a", "c"],
    params: ["dataDir=/tmp/x", "c.dataDir=/tmp/y"].map(parseAssignment),
  });
  assert.deepEqual(plan.dataDirs, ["/tmp/x", "/tmp/y"]);
});

Deno.test("planRun fails on an unknown step or a bad parameter", () => {
  assert.throws(() => planRun(pipeline, { steps: ["zz"] }), /--steps "zz" is not a step/);
  assert.throws(() => planRun(pipeline, { params: [parseAssignment("k=x")] }), ParamError);
});

Deno.test("planRun continues a failed run with its own steps and parameters", () => {
  const resume = failedRun();
  const plan = planRun(pipeline, { resume });
  assert.equal(plan.resume, resume);
  assert.deepEqual(plan.steps.map((s) => s.name), ["b", "c"]);
  assert.deepEqual(plan.assignments, [parseAssignment("b.k=7")]);
  assert.equal(plan.resolved.get("b")!.k, 7);
  assert.equal(finishedStep(resume, plan.steps[0]), resume.steps[0]);
  assert.equal(finishedStep(resume, plan.steps[1]), undefined);
});

Deno.test("planRun refuses a resume of a finished run, another pipeline, or with new arguments", () => {
  assert.throws(
    () => planRun(pipeline, { resume: { ...failedRun(), status: "ok" } }),
    /did not fail; there is nothing to resume/,
  );
  assert.throws(
    () => planRun(pipeline, { resume: { ...failedRun(), pipeline: "q" } }),
    /belongs to pipeline "q"/,
  );
  assert.throws(
    () => planRun(pipeline, { resume: failedRun(), params: [parseAssignment("k=1")] }),
    /drop --steps\/--from\/--to\/--param/,
  );
  assert.throws(() => planRun(pipeline, { resume: failedRun(), from: "b" }), /drop --steps/);
});

Deno.test("checkResumeTracking accepts the same server and refuses another", () => {
  checkResumeTracking(failedRun(), "http://127.0.0.1:5000");
  assert.throws(
    () => checkResumeTracking(failedRun(), "http://127.0.0.1:5001"),
    /was tracked at http:\/\/127\.0\.0\.1:5000\/, not http:\/\/127\.0\.0\.1:5001/,
  );
});
