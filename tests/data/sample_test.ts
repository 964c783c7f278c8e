import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SAMPLE_DIR, SAMPLE_FILES, sampleSource } from "@lib/data/mod.ts";
import { assertNoFailures, checkBars, type QualityConfigInput } from "@lib/data/quality/mod.ts";
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

/**
 * The structural rules under policy `fail` (rows kept and listed), and no rule ahead of them that
 * drops or changes a row, so every rule judges every row of the file as loaded.
 */
const STRUCTURAL: QualityConfigInput = {
  unsorted_key: { policy: "fail" },
  duplicate_key: { policy: "fail" },
  null_values: { policy: "fail" },
  non_trading_day: { policy: "warn" },
  positive_prices: { policy: "fail" },
  non_negative_volume: { policy: "fail" },
  high_ge_low: { policy: "fail" },
};

Deno.test({
  name: "the bundled sample passes every structural quality rule",
  ignore: !bundled,
  async fn() {
    for (const dataset of ["daily", "benchmark"] as const) {
      // checkBars throws on missing or mistyped columns (required_columns).
      const { report } = checkBars(await sampleSource(dataset).load(), STRUCTURAL, {
        origin: dataset,
      });
      const failing = Object.fromEntries(
        report.rules.filter((r) => r.policy === "fail").map((r) => [r.rule, r.failures]),
      );
      assert.deepEqual(failing, {
        required_columns: 0,
        unsorted_key: 0,
        duplicate_key: 0,
        null_values: 0,
        positive_prices: 0,
        non_negative_volume: 0,
        high_ge_low: 0,
      }, dataset);
      assertNoFailures(report);
    }
  },
});
