import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { timeSeriesIc } from "@lib/analysis/time_series_ic.ts";

const date = (n: number) => pl.Series("date", Array.from({ length: n }, (_, i) => i), pl.Int32);

Deno.test("timeSeriesIc correlates each symbol's factor with its return over time", () => {
  // a: factor 1..4 against returns ranked 1,3,2,4 (spearman 0.8); b: perfectly reversed (-1)
  const symbol = ["a", "a", "a", "a", "b", "b", "b", "b"];
  const d = pl.Series("date", [0, 1, 2, 3, 0, 1, 2, 3], pl.Int32).cast(pl.Date);
  const factors = pl.DataFrame({ symbol, f: [1, 2, 3, 4, 1, 2, 3, 4] }).withColumns(d);
  const labels = pl.DataFrame({
    symbol,
    fwd_ret_1: [0.1, 0.3, 0.2, 0.4, 0.4, 0.3, 0.2, 0.1],
  }).withColumns(d);
  const ic = timeSeriesIc(factors, labels, { factors: ["f"], horizons: [1], minDates: 4 });
  assert.deepEqual(ic.getColumn("symbol").toArray(), ["a", "b"]);
  assert.deepEqual(ic.getColumn("n_dates").toArray(), [4, 4]);
  const s = ic.getColumn("spearman").toArray() as number[];
  assert.ok(Math.abs(s[0] - 0.8) < 1e-12 && Math.abs(s[1] + 1) < 1e-12, s.join());
  // pearson of (1,2,3,4) with (0.1,0.3,0.2,0.4): cov 0.25/3, sd 1.291 and 0.1291 -> 0.8
  assert.ok(Math.abs((ic.getColumn("pearson").get(0) as number) - 0.8) < 1e-12);
});

Deno.test("timeSeriesIc leaves out a symbol below minDates or with a constant series", () => {
  const symbol = ["a", "a", "a", "c", "c", "c"];
  const d = pl.Series("date", [0, 1, 2, 0, 1, 2], pl.Int32).cast(pl.Date);
  const factors = pl.DataFrame({ symbol, f: [1, null, 3, 5, 5, 5] }).withColumns(d);
  const labels = pl.DataFrame({ symbol, fwd_ret_1: [0.1, 0.2, 0.3, 0.1, 0.2, 0.3] })
    .withColumns(d);
  assert.equal(
    timeSeriesIc(factors, labels, { factors: ["f"], horizons: [1], minDates: 3 }).height,
    0,
  );
  const two = timeSeriesIc(factors, labels, { factors: ["f"], horizons: [1], minDates: 2 });
  assert.deepEqual(two.getColumn("symbol").toArray(), ["a"]);
  assert.equal(two.getColumn("n_dates").get(0), 2);
});

Deno.test("timeSeriesIc of an empty factor frame is empty, with its columns", () => {
  const empty = pl.DataFrame({ symbol: [] as string[], f: [] as number[] })
    .withColumns(date(0).cast(pl.Date));
  const ic = timeSeriesIc(empty, empty.rename({ f: "fwd_ret_1" }), {
    factors: ["f"],
    horizons: [1],
  });
  assert.equal(ic.height, 0);
  assert.deepEqual(ic.columns, ["factor", "horizon", "symbol", "n_dates", "pearson", "spearman"]);
});
