import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { factorRankAutocorrelation, quantileTurnover } from "@lib/analysis/turnover.ts";
import { frame } from "./fixtures.ts";

Deno.test("quantileTurnover: share of the quantile's names new since `period` dates earlier", () => {
  // top bucket (2): day 0 {a, b}, day 1 {b, c}, day 2 {c, d}
  const f = frame({
    symbol: ["a", "b", "c", "d", "a", "b", "c", "d", "a", "b", "c", "d"],
    quantile: [2, 2, 1, 1, 1, 2, 2, 1, 1, 1, 2, 2],
  }, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  const top = (period: number) =>
    quantileTurnover(f, { quantiles: [2], period }).getColumn("turnover").toArray();
  assert.deepEqual(top(1), [null, 0.5, 0.5]);
  assert.deepEqual(top(2), [null, null, 1]);
  const both = quantileTurnover(f);
  assert.deepEqual(both.getColumn("quantile").toArray(), [1, 1, 1, 2, 2, 2]);
  assert.throws(() => quantileTurnover(f, { period: 0 }), /period must be an integer >= 1/);
  assert.throws(() => quantileTurnover(f.drop("quantile")), /no "quantile" column/);
});

Deno.test("quantileTurnover and factorRankAutocorrelation are null across a calendar date without rows", () => {
  const f = frame({
    symbol: ["a", "b", "c", "a", "b", "c"],
    factor: [1, 2, 3, 3, 2, 1],
    quantile: [1, 1, 2, 2, 1, 1],
  }, [0, 0, 0, 2, 2, 2]);
  const calendar = pl.Series("date", [0, 1, 2], pl.Int32).cast(pl.Date);
  const t = quantileTurnover(f, { quantiles: [2], dates: calendar }).getColumn("turnover")
    .toArray();
  assert.deepEqual(t, [null, null, null]);
  assert.deepEqual(quantileTurnover(f, { quantiles: [2] }).getColumn("turnover").toArray(), [
    null,
    1,
  ]);
  const a = factorRankAutocorrelation(f, { dates: calendar }).getColumn("autocorrelation")
    .toArray();
  assert.deepEqual(a, [null, null, null]);
  assert.deepEqual(factorRankAutocorrelation(f).getColumn("autocorrelation").toArray(), [null, -1]);
});

Deno.test("factorRankAutocorrelation correlates ranks over the symbols of both dates", () => {
  // day 0 ranks a1 b2 c3 d4; day 1 (d missing, e new) values rank a1 b3 c2 e4 -> over a, b, c:
  // pearson((1, 2, 3), (1, 3, 2)) = 0.5
  const f = frame({
    symbol: ["a", "b", "c", "d", "a", "b", "c", "e"],
    factor: [10, 20, 30, 40, 1, 3, 2, 9],
  }, [0, 0, 0, 0, 1, 1, 1, 1]);
  const a = factorRankAutocorrelation(f).getColumn("autocorrelation")
    .toArray() as (number | null)[];
  assert.equal(a[0], null);
  assert.ok(Math.abs((a[1] as number) - 0.5) < 1e-15);
  assert.throws(() => factorRankAutocorrelation(f, { factor: "x" }), /no "x" column/);
});

Deno.test("quantileTurnover of a frame without quantiles (too few assets) is empty", () => {
  const none = pl.DataFrame({
    symbol: [] as string[],
    date: [] as number[],
    quantile: [] as number[],
  })
    .withColumns(pl.col("date").cast(pl.Int32).cast(pl.Date));
  const t = quantileTurnover(none);
  assert.equal(t.height, 0);
  assert.deepEqual(t.columns, ["date", "quantile", "turnover"]);
});
