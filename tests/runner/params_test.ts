import assert from "node:assert/strict";
import { z } from "zod";
import { ParamError, paramShape, parseAssignment, resolveParams } from "@lib/runner/params.ts";
import type { PipelineDef } from "@lib/runner/pipeline.ts";

const common = z.object({
  dataDir: z.string().default("data/work"),
  symbols: z.array(z.string()).default([]),
  seed: z.number().int().default(42),
});
const pipeline: PipelineDef = {
  name: "p",
  description: "test pipeline",
  steps: [
    {
      name: "features",
      notebook: "notebooks/02_features.ipynb",
      params: common.extend({ windows: z.array(z.number().int()).default([20, 50]) }).strict(),
      inputs: [],
      outputs: [],
    },
    {
      name: "training",
      notebook: "notebooks/04_training.ipynb",
      params: common.extend({ ridge: z.boolean().default(true) }).strict(),
      values: { seed: 7 },
      inputs: [],
      outputs: [],
    },
  ],
};

Deno.test("parseAssignment splits key=value and step.key=value", () => {
  assert.deepEqual(parseAssignment("seed=3"), { key: "seed", raw: "3" });
  assert.deepEqual(parseAssignment("features.windows=5,10"), {
    step: "features",
    key: "windows",
    raw: "5,10",
  });
  assert.deepEqual(parseAssignment("start="), { key: "start", raw: "" });
  assert.throws(() => parseAssignment("seed"), /--param "seed" is not of the form key=value/);
  assert.throws(() => parseAssignment("=3"), ParamError);
});

Deno.test("resolveParams applies schema defaults, then pipeline values, then the command line", () => {
  const none = resolveParams(pipeline, []);
  assert.deepEqual(none.get("features"), {
    dataDir: "data/work",
    symbols: [],
    seed: 42,
    windows: [20, 50],
  });
  assert.equal(none.get("training")!.seed, 7);

  const set = resolveParams(pipeline, [
    parseAssignment("seed=3"),
    parseAssignment("symbols=AAPL, MSFT"),
    parseAssignment("features.windows=5,10"),
    parseAssignment("training.ridge=false"),
  ]);
  assert.deepEqual(set.get("features"), {
    dataDir: "data/work",
    symbols: ["AAPL", "MSFT"],
    seed: 3,
    windows: [5, 10],
  });
  assert.deepEqual(set.get("training"), {
    dataDir: "data/work",
    symbols: ["AAPL", "MSFT"],
    seed: 3,
    ridge: false,
  });
});

Deno.test("resolveParams accepts JSON lists", () => {
  const set = resolveParams(pipeline, [parseAssignment("features.windows=[3, 4]")]);
  assert.deepEqual(set.get("features")!.windows, [3, 4]);
});

Deno.test("resolveParams names every bad step, key and value at once", () => {
  let message = "";
  try {
    resolveParams(pipeline, [
      parseAssignment("nope=1"),
      parseAssignment("training.windows=3"),
      parseAssignment("labels.x=1"),
      parseAssignment("seed=abc"),
      parseAssignment("features.windows=1.5"),
    ]);
  } catch (error) {
    assert.ok(error instanceof ParamError);
    message = error.message;
  }
  assert.match(message, /--param nope: no step has a parameter "nope"/);
  assert.match(
    message,
    /--param training\.windows: unknown parameter \(known: dataDir, symbols, seed, ridge\)/,
  );
  assert.match(message, /--param labels\.x: unknown step "labels" \(steps: features, training\)/);
  assert.match(message, /features\.seed: Expected number, received string/);
  assert.match(message, /training\.seed: Expected number, received string/);
  assert.match(message, /features\.windows\.0: Expected integer, received float/);
});

Deno.test("resolveParams sets a bare key in the selected steps only", () => {
  const [features] = pipeline.steps;
  const set = resolveParams(pipeline, [parseAssignment("seed=3")], { selected: [features] });
  assert.equal(set.get("features")!.seed, 3);
  assert.equal(set.get("training")!.seed, 7, "the step left out keeps the pipeline's value");
});

Deno.test("resolveParams refuses a value that no selected step has, naming its step", () => {
  const [features, training] = pipeline.steps;
  assert.throws(
    () => resolveParams(pipeline, [parseAssignment("ridge=false")], { selected: [features] }),
    /--param ridge: belongs to step 04 \(training\), which this run does not include \(it runs features\), so the value would change nothing; rerun with --to training/,
  );
  assert.throws(
    () =>
      resolveParams(pipeline, [parseAssignment("features.windows=5")], {
        selected: [training],
        listed: true,
      }),
    /--param features\.windows: belongs to step 02 \(features\), .*rerun with --from features in place of --steps, or add features to --steps/,
  );
});

Deno.test("resolveParams reads the fields of a schema under a cross-field check", () => {
  const checked = common.extend({ lo: z.number().default(0), hi: z.number().default(1) }).strict()
    .superRefine((p, ctx) => {
      if (p.lo > p.hi) ctx.addIssue({ code: "custom", path: ["lo"], message: "lo is above hi" });
    });
  const one: PipelineDef = {
    name: "q",
    description: "",
    steps: [{
      name: "s",
      notebook: "notebooks/01_s.ipynb",
      params: checked,
      inputs: [],
      outputs: [],
    }],
  };
  assert.deepEqual(Object.keys(paramShape(checked)), ["dataDir", "symbols", "seed", "lo", "hi"]);
  assert.equal(resolveParams(one, [parseAssignment("hi=5")]).get("s")!.hi, 5);
  assert.throws(() => resolveParams(one, [parseAssignment("lo=2")]), /s\.lo: lo is above hi/);
  assert.throws(() => resolveParams(one, [parseAssignment("x=2")]), /no step has a parameter "x"/);
});

Deno.test("resolveParams calls an unknown key of a step left out unknown, not out of the run", () => {
  const [features] = pipeline.steps;
  assert.throws(
    () => resolveParams(pipeline, [parseAssignment("training.nope=1")], { selected: [features] }),
    /--param training\.nope: unknown parameter \(known: dataDir, symbols, seed, ridge\)/,
  );
});
