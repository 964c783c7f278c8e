import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  SAMPLE_DIR,
  SAMPLE_FILES,
  sampleSource,
  totalFailures,
  validateBars,
} from "@lib/data/mod.ts";
import { projectPath } from "@lib/paths.ts";

const FIXTURES = projectPath("tests", "fixtures");

Deno.test("sampleSource('daily') lists and loads the folder's stock bars", async () => {
  const source = sampleSource("daily", FIXTURES);
  assert.equal(source.name, join(FIXTURES, "ohlcv_daily.csv"));
  assert.deepEqual(await source.symbols(), ["AAA", "BBB"]);
  const bars = await source.load({ symbols: ["AAA"], end: "2024-01-04" });
  assert.equal(bars.height, 3);
});

Deno.test("sampleSource('benchmark') loads the index bars", async () => {
  const bars = await sampleSource("benchmark", FIXTURES).load({ start: "2024-01-08" });
  assert.equal(bars.height, 1);
  assert.equal(bars.getColumn("close").get(0), 4763);
});

Deno.test("sampleSource errors name the file that is missing", async () => {
  const source = sampleSource("daily", "/nonexistent/sample");
  await assert.rejects(
    () => source.load(),
    /\/nonexistent\/sample\/ohlcv_daily\.csv: file not found/,
  );
});

const bundled = Object.values(SAMPLE_FILES).every((f) => existsSync(join(SAMPLE_DIR, f)));

Deno.test({
  name: "the bundled sample passes every validation rule",
  ignore: !bundled,
  async fn() {
    for (const dataset of ["daily", "benchmark"] as const) {
      const report = validateBars(await sampleSource(dataset).load());
      assert.equal(totalFailures(report), 0, `${dataset}:\n${report}`);
    }
  },
});
