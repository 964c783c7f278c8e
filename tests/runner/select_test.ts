import assert from "node:assert/strict";
import { z } from "zod";
import type { PipelineDef } from "@lib/runner/pipeline.ts";
import { selectSteps } from "@lib/runner/select.ts";

const pipeline: PipelineDef = {
  name: "p",
  description: "",
  steps: ["01_acquisition", "02_features", "03_labeling", "04_training"].map((stem) => ({
    name: stem.slice(3),
    notebook: `notebooks/${stem}.ipynb`,
    params: z.object({}),
    inputs: [],
    outputs: [],
  })),
};
const names = (sel: Parameters<typeof selectSteps>[1]) =>
  selectSteps(pipeline, sel).map((s) => s.name);

Deno.test("selectSteps keeps pipeline order whatever order --steps names them in", () => {
  assert.deepEqual(names({}), ["acquisition", "features", "labeling", "training"]);
  assert.deepEqual(names({ steps: ["training", "02"] }), ["features", "training"]);
});

Deno.test("selectSteps takes --from and --to inclusively, by name or number", () => {
  assert.deepEqual(names({ from: "features" }), ["features", "labeling", "training"]);
  assert.deepEqual(names({ from: "02", to: "03" }), ["features", "labeling"]);
  assert.deepEqual(names({ from: "02", to: "03", steps: ["labeling", "training"] }), ["labeling"]);
});

Deno.test("selectSteps names an unknown step and lists the known ones", () => {
  assert.throws(
    () => names({ steps: ["feature"] }),
    /--steps "feature" is not a step of pipeline "p" \(steps: acquisition, features, labeling, training\)/,
  );
  assert.throws(() => names({ from: "training", to: "features" }), /comes after --to/);
});
