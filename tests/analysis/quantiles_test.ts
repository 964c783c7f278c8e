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
  assert.deepEqual(dropped.getColumn("rows").toArray().map(Number), [0, 0, 0, 0, 0]);
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

/** Three dates x five symbols; symbol i has factor i and return r[d][i]. */
function threeDates(returns: number[][], group?: string[]) {
  const symbol: string[] = [];
  const days: number[] = [];
  const f: number[] = [];
  const ret: number[] = [];
  const sector: string[] = [];
  returns.forEach((row, d) =>
    row.forEach((r, i) => {
      symbol.push(`s${i}`);
      days.push(d);
      f.push(i);
      ret.push(r);
      sector.push(group?.[i] ?? "all");
    })
  );
  return {
    factors: frame({ symbol, f, sector }, days),
    labels: frame({ symbol, fwd_ret_1: ret }, days),
  };
}

Deno.test("quantileReturns: std_err is the std over dates of the bucket mean / sqrt(dates); the spread's from per-date spreads", () => {
  // one symbol per bucket; bucket 5 earns 0.01, 0.03, 0.05, bucket 1 earns 0, 0.01, 0
  const { factors, labels } = threeDates([
    [0, 0, 0, 0, 0.01],
    [0.01, 0, 0, 0, 0.03],
    [0, 0, 0, 0, 0.05],
  ]);
  const { table, spread, daily } = quantileReturns(factors, labels, {
    factors: ["f"],
    horizons: [1],
  });
  const top = table.filter(pl.col("quantile").eq(5)).toRecords()[0];
  assert.ok(Math.abs(Number(top.mean_return) - 0.03) < 1e-15);
  assert.ok(Math.abs(Number(top.std_err) - 0.02 / Math.sqrt(3)) < 1e-15); // std 0.02
  const s = spread.toRecords()[0];
  // per-date spreads 0.01, 0.02, 0.05: mean 0.08 / 3, std sqrt(((1-8/3)^2 + (2-8/3)^2 + (5-8/3)^2) / 2) / 100
  const mean = 0.08 / 3;
  const std = Math.sqrt(((0.01 - mean) ** 2 + (0.02 - mean) ** 2 + (0.05 - mean) ** 2) / 2);
  assert.ok(Math.abs(Number(s.top_minus_bottom) - mean) < 1e-15);
  assert.ok(Math.abs(Number(s.std_err) - std / Math.sqrt(3)) < 1e-15);
  assert.ok(Math.abs(Number(s.t_stat) - mean / (std / Math.sqrt(3))) < 1e-12);
  assert.equal(s.n_dates, 3);
  assert.equal(daily.height, 15);
  assert.deepEqual(daily.filter(pl.col("quantile").eq(5)).getColumn("mean_return").toArray(), [
    0.01,
    0.03,
    0.05,
  ]);
});

Deno.test("quantileReturns by group reports each group's bucket means; binningByGroup cuts within the group", () => {
  const { factors, labels } = threeDates(
    [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]].map((r) => r.map((v) => v / 100)),
    ["a", "a", "b", "b", "b"],
  );
  const pooled = quantileReturns(factors, labels, {
    factors: ["f"],
    horizons: [1],
    groupBy: "sector",
  });
  const rows = pooled.byGroup!.toRecords() as Record<string, unknown>[];
  const a = rows.filter((r) => r.group === "a" && Number(r.n_dates) > 0).map((r) => r.quantile);
  assert.deepEqual(a, [1, 2]); // pooled buckets: s0 -> 1, s1 -> 2 are group a's
  const within = quantileReturns(factors, labels, {
    factors: ["f"],
    horizons: [1],
    quantiles: 2,
    groupBy: "sector",
    binningByGroup: true,
  });
  // group b (factors 2, 3, 4) cut in two: edges 2, 3, 4, so 2 and 3 in bucket 1, 4 in bucket 2
  const b = (within.byGroup!.toRecords() as Record<string, unknown>[])
    .filter((r) => r.group === "b").map((r) => [r.quantile, r.n_obs]);
  assert.deepEqual(b, [[1, 6], [2, 3]]);
  assert.throws(
    () => quantileReturns(factors, labels, { factors: ["f"], horizons: [1], binningByGroup: true }),
    /binningByGroup needs a groupBy column/,
  );
});

Deno.test("quantileReturns with binning rank splits ties by row order; qcut keeps them together", () => {
  const days = Array(10).fill(0);
  const symbol = Array.from({ length: 10 }, (_, i) => `s${i}`);
  const f = frame({ symbol, f: [1, 1, 1, 1, 2, 3, 4, 5, 6, 7] }, days);
  const l = frame({ symbol, fwd_ret_1: symbol.map((_, i) => i / 100) }, days);
  const rank = quantileReturns(f, l, { factors: ["f"], horizons: [1], binning: "rank" });
  assert.deepEqual(rank.table.getColumn("n_obs").toArray(), [2, 2, 2, 2, 2]);
  const qcut = quantileReturns(f, l, { factors: ["f"], horizons: [1] });
  // edges 1, 1, 1.6, 3.4, 5.2, 7 repeat: pandas raises, the date is dropped
  const tied = qcut.dropped.filter(pl.col("reason").eq(pl.lit("tied_edges"))).getColumn("rows").get(
    0,
  );
  assert.equal(Number(tied), 10);
  assert.throws(
    () => quantileReturns(f, l, { factors: ["f"], horizons: [1], binning: "nope" as "rank" }),
    /binning must be "qcut" or "rank"/,
  );
});

Deno.test("quantileReturns with quantileColumn uses the given buckets and rejects values outside 1..q", () => {
  const days = [0, 0, 0, 0];
  const symbol = ["a", "b", "c", "d"];
  const f = frame({ symbol, f: [4, 3, 2, 1], q: [1, 1, 2, 2] }, days);
  const l = frame({ symbol, fwd_ret_1: [0.1, 0.3, 0.5, 0.7] }, days);
  const { table } = quantileReturns(f, l, {
    factors: ["f"],
    horizons: [1],
    quantiles: 2,
    quantileColumn: "q",
  });
  assert.deepEqual(table.getColumn("mean_return").toArray(), [0.2, 0.6]);
  assert.throws(
    () =>
      quantileReturns(f, l, { factors: ["f"], horizons: [1], quantiles: 1, quantileColumn: "q" }),
    /quantiles must be an integer >= 2/,
  );
  const bad = frame({ symbol, f: [4, 3, 2, 1], q: [1, 1, 2, 3] }, days);
  assert.throws(
    () =>
      quantileReturns(bad, l, { factors: ["f"], horizons: [1], quantiles: 2, quantileColumn: "q" }),
    /column "q" has 3 outside 1..2/,
  );
});
