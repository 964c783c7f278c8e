import assert from "node:assert/strict";
import { artifactPath, resolveDataDir } from "@lib/data/mod.ts";
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
