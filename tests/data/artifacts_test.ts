import assert from "node:assert/strict";
import { artifactPath, resolveDataDir } from "@lib/data/mod.ts";
import { artifactFolders, ARTIFACTS, artifactsOf } from "@lib/data/artifacts.ts";
import { projectRoot } from "@lib/paths.ts";
import { join } from "node:path";

Deno.test("resolveDataDir resolves relative folders against the project root", () => {
  assert.equal(resolveDataDir("data/work"), join(projectRoot, "data", "work"));
  assert.equal(resolveDataDir("/tmp/run"), "/tmp/run");
});

Deno.test("artifactPath places each step output under dataDir", () => {
  assert.equal(artifactPath("/tmp/run", "panel"), "/tmp/run/panel/daily.parquet");
  assert.equal(artifactPath("/tmp/run", "benchmark"), "/tmp/run/panel/benchmark.parquet");
  assert.equal(artifactPath("/tmp/run", "features"), "/tmp/run/features/features.parquet");
  assert.equal(artifactPath("/tmp/run", "labels"), "/tmp/run/labels/labels.parquet");
});

Deno.test("every step's declared inputs are artifacts an earlier step writes", async () => {
  const { research } = await import("@pipelines/research.ts");
  const written = new Set<string>();
  for (const step of research.steps) {
    for (const name of step.reads ?? []) {
      assert.ok(written.has(name), `${step.name} reads ${name} before any step writes it`);
    }
    assert.deepEqual(step.writes, artifactsOf(step.name));
    for (const name of step.writes ?? []) written.add(name);
  }
  assert.deepEqual([...written].sort(), Object.keys(ARTIFACTS).sort());
});

Deno.test("artifactFolders keeps the first-seen order of distinct output folders", () => {
  assert.deepEqual(artifactFolders(["indexSignal", "panel", "benchmark", "inference"]), [
    "signals",
    "panel",
    "inference",
  ]);
});
