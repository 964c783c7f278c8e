import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { quantileBuckets, quantileReturns } from "@lib/analysis/quantiles.ts";
import { predictionFactorName, predictionFactors } from "@lib/analysis/factors.ts";
import { frame } from "./fixtures.ts";

Deno.test("quantileBuckets cuts ranks into equal-count buckets, ties in input order", () => {
  assert.deepEqual([...quantileBuckets([5, 1, 4, 2, 3], 5)], [5, 1, 4, 2, 3]);
  assert.deepEqual([...quantileBuckets([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5)], [
    1,
    1,
    2,
    2,
    3,
    3,
    4,
    4,
    5,
    5,
  ]);
  assert.deepEqual([...quantileBuckets([1, 1, 1, 1], 2)], [1, 1, 2, 2]);
});

Deno.test("quantileReturns: mean forward return per bucket, averaged over dates", () => {
  // Two dates x ten symbols, factor = i, return = i / 100 on day 0 and i / 50 on day 1.
  const symbols = Array.from({ length: 20 }, (_, i) => `s${i % 10}`);
  const days = symbols.map((_, i) => (i < 10 ? 0 : 1));
  const f = symbols.map((_, i) => i % 10);
  const ret = symbols.map((_, i) => (i % 10) / (i < 10 ? 100 : 50));
  const { table, spread, dropped } = quantileReturns(
    frame({ symbol: symbols, f }, days),
    frame({ symbol: symbols, fwd_ret_1: ret }, days),
    { factors: ["f"], horizons: [1] },
  );
  // bucket 1 = {0, 1}: day 0 mean 0.005, day 1 mean 0.01 -> 0.0075; bucket 5 = {8, 9}: 0.085, 0.17 -> 0.1275
  const means = table.getColumn("mean_return").toArray() as number[];
  const expected = [0, 1, 2, 3, 4].map((q) => ((2 * q + 0.5) / 100 + (2 * q + 0.5) / 50) / 2);
  means.forEach((m, i) => assert.ok(Math.abs(m - expected[i]) < 1e-12, `${m} != ${expected[i]}`));
  assert.deepEqual(table.getColumn("quantile").toArray(), [1, 2, 3, 4, 5]);
  assert.deepEqual(table.getColumn("n_obs").toArray(), [4, 4, 4, 4, 4]);
  assert.ok(
    Math.abs(
      (spread.getColumn("top_minus_bottom").get(0) as number) - (expected[4] - expected[0]),
    ) < 1e-12,
  );
  assert.deepEqual(dropped.getColumn("rows").toArray().map(Number), [0, 0, 0, 0]);
});

Deno.test("quantileReturns drops dates with fewer assets than buckets as thin_date", () => {
  const f = frame({ symbol: ["a", "b", "c"], f: [1, 2, 3] }, [0, 0, 0]);
  const l = frame({ symbol: ["a", "b", "c"], fwd_ret_1: [0.1, 0.2, 0.3] }, [0, 0, 0]);
  const { table, dropped } = quantileReturns(f, l, { factors: ["f"], horizons: [1], quantiles: 5 });
  assert.deepEqual(table.getColumn("n_dates").toArray(), [0, 0, 0, 0, 0]);
  const thin = dropped.filter(pl.col("reason").eq(pl.lit("thin_date"))).getColumn("rows").get(0);
  assert.equal(Number(thin), 3);
  assert.throws(
    () => quantileReturns(f, l, { factors: ["f"], horizons: [1], quantiles: 1 }),
    /quantiles must be an integer >= 2/,
  );
});

Deno.test("quantileReturns drops dates where the factor is constant instead of bucketing by symbol", () => {
  const symbols = ["a", "b", "c", "d", "e", "a", "b", "c", "d", "e"];
  const days = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  const f = frame({ symbol: symbols, f: [0.1, 0.1, 0.1, 0.1, 0.1, 1, 2, 3, 4, 5] }, days);
  const l = frame({
    symbol: symbols,
    fwd_ret_1: [0.5, 0.4, 0.3, 0.2, 0.1, 0.01, 0.02, 0.03, 0.04, 0.05],
  }, days);
  const { table, dropped } = quantileReturns(f, l, { factors: ["f"], horizons: [1] });
  assert.deepEqual(table.getColumn("mean_return").toArray(), [0.01, 0.02, 0.03, 0.04, 0.05]);
  assert.deepEqual(table.getColumn("n_dates").toArray(), [1, 1, 1, 1, 1]);
  assert.equal(
    Number(dropped.filter(pl.col("reason").eq(pl.lit("constant_date"))).getColumn("rows").get(0)),
    5,
  );
});

Deno.test("predictionFactors pivots one horizon's predictions to a column per model", () => {
  const predictions = frame({
    symbol: ["a", "a", "b", "a"],
    horizon: [5, 5, 5, 1],
    model: ["ridge", "tree", "ridge", "ridge"],
    prediction: [0.1, 0.2, 0.3, 0.4],
  }, [0, 0, 0, 0]).withColumns(pl.col("horizon").cast(pl.Int32));
  const wide = predictionFactors(predictions, 5);
  assert.deepEqual(wide.columns, ["symbol", "date", "pred_ridge_5", "pred_tree_5"]);
  assert.deepEqual(wide.getColumn("pred_ridge_5").toArray(), [0.1, 0.3]);
  assert.deepEqual(wide.getColumn("pred_tree_5").toArray(), [0.2, null]);
  assert.equal(predictionFactorName("ridge", 5), "pred_ridge_5");
  assert.throws(
    () => predictionFactors(predictions, 20),
    /no predictions at horizon 20; horizons present: 5, 1/,
  );
});
