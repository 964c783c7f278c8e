import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { cumulativeQuantileReturns } from "@lib/analysis/cumulative.ts";
import { quantileReturns } from "@lib/analysis/quantiles.ts";
import { frame } from "./fixtures.ts";

Deno.test("cumulativeQuantileReturns compounds each bucket's daily mean 1-day return", () => {
  const symbol = ["a", "b", "a", "b", "a", "b"];
  const days = [0, 0, 1, 1, 2, 2];
  const f = frame({ symbol, f: [1, 2, 1, 2, 1, 2] }, days);
  const l = frame({
    symbol,
    fwd_ret_1: [0.1, 0.2, -0.1, 0.5, 0, -0.5],
    fwd_ret_5: [0, 0, 0, 0, 0, 0],
  }, days);
  const { daily } = quantileReturns(f, l, { factors: ["f"], horizons: [1, 5], quantiles: 2 });
  const cum = cumulativeQuantileReturns(daily);
  const top = cum.filter(pl.col("quantile").eq(2)).getColumn("cumulative").toArray() as number[];
  [1.2, 1.8, 0.9].forEach((v, i) => assert.ok(Math.abs(top[i] - v) < 1e-12, `${top[i]} != ${v}`));
  const bottom = cum.filter(pl.col("quantile").eq(1)).getColumn("cumulative").toArray() as number[];
  assert.ok(Math.abs(bottom[2] - 1.1 * 0.9) < 1e-12);
  // no horizon-1 rows (too few assets, or horizon 1 not analysed): empty, with the columns
  const none = cumulativeQuantileReturns(daily.filter(pl.col("horizon").eq(5)));
  assert.equal(none.height, 0);
  assert.deepEqual(none.columns, ["factor", "date", "quantile", "cumulative"]);
});

Deno.test("cumulativeQuantileReturns carries the value over a date where the bucket is empty", () => {
  const daily = pl.DataFrame({
    factor: ["f", "f", "f", "f"],
    horizon: [1, 1, 1, 1],
    quantile: [1, 2, 2, 1],
    date: ["2020-01-01", "2020-01-01", "2020-01-02", "2020-01-03"].map((d) => new Date(d)),
    mean_return: [0.1, 0.2, 0.5, 0.1],
  }).withColumns(pl.col("date").cast(pl.Date));
  const q1 = cumulativeQuantileReturns(daily).filter(pl.col("quantile").eq(1))
    .getColumn("cumulative").toArray() as number[];
  assert.equal(q1.length, 3);
  assert.ok(Math.abs(q1[1] - 1.1) < 1e-15 && Math.abs(q1[2] - 1.21) < 1e-12);
});
