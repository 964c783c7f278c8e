import assert from "node:assert/strict";
import { z } from "zod";
import { changedParams } from "@lib/reports/params.ts";
import type { PipelineDef } from "@lib/runner/pipeline.ts";
import { stepDefaults } from "@lib/runner/params.ts";

const schema = z.object({
  dataDir: z.string().default("data/work"),
  symbols: z.array(z.string()).default([]),
  k: z.number().default(3),
});
const pipeline: PipelineDef = {
  name: "p",
  description: "",
  steps: [
    { name: "a", notebook: "a.ipynb", params: schema, inputs: [], outputs: [] },
    { name: "b", notebook: "b.ipynb", params: schema, values: { k: 5 }, inputs: [], outputs: [] },
  ],
};

Deno.test("changedParams reports a value changed in every step once, by its key", () => {
  const resolved = new Map([
    ["a", { dataDir: "/tmp/d", symbols: ["AAPL"], k: 3 }],
    ["b", { dataDir: "/tmp/d", symbols: ["AAPL"], k: 5 }],
  ]);
  assert.deepEqual(changedParams(stepDefaults(pipeline.steps), resolved), {
    dataDir: "/tmp/d",
    symbols: ["AAPL"],
  });
});

Deno.test("changedParams counts the pipeline's own values as defaults and names single steps", () => {
  const resolved = new Map([
    ["a", { dataDir: "data/work", symbols: [], k: 4 }],
    ["b", { dataDir: "data/work", symbols: [], k: 3 }],
  ]);
  assert.deepEqual(changedParams(stepDefaults(pipeline.steps), resolved), { "a.k": 4, "b.k": 3 });
});

Deno.test("changedParams is empty for a run on the defaults", () => {
  const resolved = new Map([
    ["a", { dataDir: "data/work", symbols: [], k: 3 }],
    ["b", { dataDir: "data/work", symbols: [], k: 5 }],
  ]);
  assert.deepEqual(changedParams(stepDefaults(pipeline.steps), resolved), {});
});
