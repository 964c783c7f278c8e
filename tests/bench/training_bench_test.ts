import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { type FitCost, fitCosts, growthRows } from "../../bench/training_bench.ts";
import { universeFiles } from "../fixtures/universe.ts";

const cost = (symbols: number, model: string, seconds: number, boosted: number): FitCost => ({
  symbols,
  model,
  trainRows: symbols * 100,
  seconds,
  cpuSeconds: seconds * 2,
  boosted,
  kept: boosted - 20,
});

Deno.test("growthRows compares each fit with the same model at the previous size", () => {
  const rows = growthRows([
    cost(100, "lightgbm_action", 10, 50),
    cost(100, "lightgbm", 2, 40),
    cost(200, "lightgbm_action", 30, 75),
  ]);
  assert.equal(rows.length, 3);
  // 20 CPU s over 50 rounds
  assert.match(rows[0].note, /^50 rounds boosted, 30 kept, 0\.400 CPU s\/round$/);
  assert.doesNotMatch(rows[1].note, /vs/);
  // 60 CPU s over 75 rounds = 0.8 CPU s/round, twice the 0.4 at 100 symbols.
  assert.match(
    rows[2].note,
    /vs 100 symbols: rows x2\.00, time x3\.00, rounds x1\.50, CPU s\/round x2\.00$/,
  );
  assert.equal(rows[2].rows, 20_000);
});

Deno.test("fitCosts fits every LightGBM candidate of step 04 on the last fold", () => {
  const frames = [...universeFiles({ symbols: 3, days: 1500, benchmark: false })].map(
    ([name, text]) =>
      pl.readCSV(text).select(
        pl.lit(name.replace(/\.csv$/, "")).alias("symbol"),
        pl.col("Date").str.strptime(pl.Date, "%Y-%m-%d").alias("date"),
        ...["Open", "High", "Low", "Close", "Volume"].map((c) =>
          pl.col(c).cast(pl.Float64).alias(c.toLowerCase())
        ),
      ),
  );
  const bars = pl.concat(frames);
  const costs = fitCosts(bars, 2);
  assert.deepEqual(costs.map((c) => c.model), [
    "lightgbm",
    "lightgbm_rf",
    "lightgbm_et",
    "lightgbm_direction",
    "lightgbm_rf_direction",
    "lightgbm_et_direction",
    "lightgbm_action",
  ]);
  for (const c of costs) {
    assert.equal(c.symbols, 2);
    assert.ok(c.trainRows > 0 && c.trainRows < 2 * 1500, `${c.model}: ${c.trainRows} rows`);
    assert.ok(c.boosted >= c.kept && c.boosted > 0, `${c.model}: ${c.boosted} / ${c.kept}`);
  }
});
