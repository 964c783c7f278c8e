import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { factorData } from "@lib/analysis/factor_data.ts";
import { frame } from "./fixtures.ts";

const counts = (dropped: pl.DataFrame) =>
  Object.fromEntries(
    (dropped.toRecords() as { reason: string; rows: number }[]).map((
      r,
    ) => [r.reason, Number(r.rows)]),
  );

Deno.test("factorData keeps rows with the factor and every horizon's return, and counts the rest", () => {
  // date 0: e lacks the 5-day return, f lacks the factor; date 1: every factor tied -> edges repeat
  const symbol = ["a", "b", "c", "d", "e", "f", "a", "b", "c", "d", "e", "f"];
  const days = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
  const factors = frame({
    symbol,
    mom: [1, 2, 3, 4, 5, null, 7, 7, 7, 7, 7, 7],
    sector: ["x", "x", "y", "y", "y", "y", "x", "x", "y", "y", "y", "y"],
  }, days);
  const labels = frame({
    symbol,
    fwd_ret_1: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
    fwd_ret_5: [0.1, 0.2, 0.3, 0.4, null, 0.6, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
  }, days);
  const { data, dropped, dates } = factorData(factors, labels, {
    factor: "mom",
    horizons: [1, 5],
    quantiles: 2,
    groupBy: "sector",
  });
  assert.deepEqual(data.columns, [
    "symbol",
    "date",
    "factor",
    "fwd_ret_1",
    "fwd_ret_5",
    "quantile",
    "group",
  ]);
  assert.deepEqual(data.getColumn("symbol").toArray(), ["a", "b", "c", "d"]);
  assert.deepEqual(data.getColumn("quantile").toArray(), [1, 1, 2, 2]);
  assert.deepEqual(data.getColumn("group").toArray(), ["x", "x", "y", "y"]);
  assert.deepEqual(counts(dropped), { missing_factor: 1, missing_return: 1, tied_edges: 6 });
  assert.equal(dates.len(), 2);
});

Deno.test("factorData with binningByGroup cuts each sector on its own", () => {
  const symbol = ["a", "b", "c", "d"];
  const factors = frame({ symbol, mom: [1, 2, 30, 40], sector: ["x", "x", "y", "y"] }, [
    0,
    0,
    0,
    0,
  ]);
  const labels = frame({ symbol, fwd_ret_1: [0, 0, 0, 0] }, [0, 0, 0, 0]);
  const options = { factor: "mom", horizons: [1], quantiles: 2, groupBy: "sector" };
  const pooled = factorData(factors, labels, options).data.getColumn("quantile").toArray();
  const within = factorData(factors, labels, { ...options, binningByGroup: true }).data
    .getColumn("quantile").toArray();
  assert.deepEqual(pooled, [1, 1, 2, 2]);
  assert.deepEqual(within, [1, 2, 1, 2]);
  assert.throws(
    () => factorData(factors, labels, { factor: "mom", horizons: [1], binningByGroup: true }),
    /binningByGroup needs a groupBy column/,
  );
  assert.throws(
    () => factorData(factors, labels, { factor: "nope", horizons: [1] }),
    /factor column "nope" is not in the frame/,
  );
});
