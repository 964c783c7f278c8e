import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { informationCoefficient } from "@lib/analysis/ic.ts";
import { icMetrics, icStats, icSummary } from "@lib/analysis/summary.ts";
import { factorColumns } from "@lib/analysis/factors.ts";
import { frame, ordered } from "./fixtures.ts";

const dropCounts = (dropped: pl.DataFrame, factor: string, horizon: number) =>
  Object.fromEntries(
    (dropped.filter(pl.col("factor").eq(pl.lit(factor)).and(pl.col("horizon").eq(pl.lit(horizon))))
      .toRecords() as { reason: string; rows: number }[]).map((r) => [r.reason, Number(r.rows)]),
  );

Deno.test("informationCoefficient: a perfectly ordered factor has rank IC 1 on every date, its reverse -1", () => {
  const { factors, labels } = ordered();
  const { daily } = informationCoefficient(factors, labels, {
    factors: ["f", "r"],
    horizons: [1, 5],
  });
  const pick = (factor: string, h: number) =>
    daily.filter(pl.col("factor").eq(pl.lit(factor)).and(pl.col("horizon").eq(pl.lit(h))))
      .getColumn("spearman").toArray();
  assert.deepEqual(pick("f", 1), [1, 1, 1, 1]);
  assert.deepEqual(pick("r", 1), [-1, -1, -1, -1]);
  assert.deepEqual(pick("f", 5), [-1, -1, -1, -1]);
  // returns are quadratic in rank: pearson below 1 but positive
  const p = daily.filter(pl.col("factor").eq(pl.lit("f")).and(pl.col("horizon").eq(pl.lit(1))))
    .getColumn("pearson").toArray() as number[];
  assert.ok(p.every((v) => v > 0.9 && v < 1));
  assert.deepEqual(daily.getColumn("n").toArray().slice(0, 4), [5, 5, 5, 5]);
});

Deno.test("informationCoefficient counts every dropped row by reason", () => {
  // date 0: 4 usable rows; date 1: one missing factor, one missing return -> 2 usable (thin); date 2: constant factor
  const factors = frame({
    symbol: ["a", "b", "c", "d", "a", "b", "c", "d", "a", "b", "c"],
    f: [1, 2, 3, 4, null, 2, 3, 4, 7, 7, 7],
  }, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
  const labels = frame({
    symbol: ["a", "b", "c", "d", "a", "b", "c", "d", "a", "b", "c"],
    fwd_ret_1: [0.1, 0.3, 0.2, 0.4, 0.1, null, 0.3, 0.2, 0.1, 0.2, 0.3],
  }, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
  const { daily, dropped } = informationCoefficient(factors, labels, {
    factors: ["f"],
    horizons: [1],
    minAssets: 3,
  });
  assert.equal(daily.height, 1);
  assert.equal(daily.getColumn("spearman").get(0), 0.8); // ranks 1,3,2,4 vs 1,2,3,4: 1 - 6 x 2 / (4 x 15)
  assert.deepEqual(dropCounts(dropped, "f", 1), {
    missing_factor: 1,
    missing_return: 1,
    thin_date: 2,
    constant_date: 3,
  });
});

Deno.test("informationCoefficient treats a factor row without a label row as a missing return", () => {
  const { factors, labels } = ordered();
  const { dropped } = informationCoefficient(
    factors,
    labels.filter(pl.col("symbol").neq(pl.lit("s0"))),
    { factors: ["f"], horizons: [1] },
  );
  assert.equal(dropCounts(dropped, "f", 1).missing_return, 4);
});

Deno.test("informationCoefficient errors name the missing factor or return column", () => {
  const { factors, labels } = ordered();
  assert.throws(
    () => informationCoefficient(factors, labels, { factors: ["nope"], horizons: [1] }),
    /factor column "nope" is not in the frame/,
  );
  assert.throws(
    () => informationCoefficient(factors, labels, { factors: ["f"], horizons: [20] }),
    /no column "fwd_ret_20"/,
  );
  assert.throws(
    () => informationCoefficient(factors, labels, { factors: ["f"], horizons: [1], minAssets: 1 }),
    /minAssets must be an integer >= 2/,
  );
});

Deno.test("icStats on hand-computed values", () => {
  const s = icStats([0.1, 0.3, -0.1]);
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);
  close(s.mean, 0.1);
  close(s.std, 0.2); // deviations 0, 0.2, -0.2: sum of squares 0.08 / 2
  close(s.icir, 0.5);
  close(s.tStat, 0.5 * Math.sqrt(3));
  close(s.hitRate, 2 / 3);
  assert.equal(s.n, 3);
  assert.ok(Number.isNaN(icStats([0.2]).std));
  assert.throws(() => icStats([]), /at least one date/);
});

Deno.test("icSummary gives one row per factor, horizon and method", () => {
  const { factors, labels } = ordered();
  const { daily } = informationCoefficient(factors, labels, { factors: ["f", "r"], horizons: [1] });
  const summary = icSummary(daily);
  assert.equal(summary.height, 4);
  const row =
    summary.filter(pl.col("factor").eq(pl.lit("f")).and(pl.col("method").eq(pl.lit("spearman"))))
      .toRecords()[0];
  assert.equal(row.mean, 1);
  assert.equal(row.hit_rate, 1);
  assert.equal(row.n_dates, 4);
});

Deno.test("icSummary stacks several daily frames; icMetrics flattens one method and skips non-finite values", () => {
  const { factors, labels } = ordered();
  const a = informationCoefficient(factors, labels, { factors: ["f"], horizons: [1] }).daily;
  const b = informationCoefficient(factors, labels, { factors: ["r"], horizons: [1] }).daily;
  const summary = icSummary(a, b.head(1));
  assert.equal(summary.height, 4);
  const metrics = icMetrics(summary);
  assert.equal(metrics.f_h1_ic_mean, 1);
  assert.equal(metrics.f_h1_hit_rate, 1);
  assert.equal(metrics.r_h1_ic_mean, -1);
  // f's IC is 1 every date (std 0) and r has one date (std NaN): no finite ICIR for either
  assert.ok(!("f_h1_icir" in metrics) && !("r_h1_icir" in metrics));
  assert.deepEqual(factorColumns(factors), ["f", "r", "flat"]);
});

Deno.test("informationCoefficient with requireAllHorizons drops rows missing any horizon's return", () => {
  const { factors, labels } = ordered();
  // s0 has no 5-day return on any date
  const gappy = labels.withColumns(
    pl.when(pl.col("symbol").eq(pl.lit("s0"))).then(pl.lit(null)).otherwise(pl.col("fwd_ret_5"))
      .alias("fwd_ret_5"),
  );
  const each = informationCoefficient(factors, gappy, { factors: ["f"], horizons: [1, 5] });
  const all = informationCoefficient(factors, gappy, {
    factors: ["f"],
    horizons: [1, 5],
    requireAllHorizons: true,
  });
  const n1 = (r: typeof each) => r.daily.filter(pl.col("horizon").eq(1)).getColumn("n").toArray();
  assert.deepEqual(n1(each), [5, 5, 5, 5]);
  assert.deepEqual(n1(all), [4, 4, 4, 4]);
  assert.equal(dropCounts(all.dropped, "f", 1).missing_return, 4);
});

Deno.test("informationCoefficient joins labels by symbol and date even when rows are in another order", () => {
  const { factors, labels } = ordered();
  const a = informationCoefficient(factors, labels, { factors: ["f"], horizons: [1] }).daily;
  const b =
    informationCoefficient(factors, labels.sort("symbol", true), { factors: ["f"], horizons: [1] })
      .daily;
  assert.deepEqual(b.getColumn("pearson").toArray(), a.getColumn("pearson").toArray());
  assert.deepEqual(b.getColumn("spearman").toArray(), [1, 1, 1, 1]);
});
