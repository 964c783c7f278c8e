import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { meanCoverage, readRunSeries, seriesFromFrames } from "@lib/reports/series.ts";
import { runRecord } from "./fixtures.ts";

const day = (d: number) => new Date(Date.UTC(2020, 0, d));

Deno.test("seriesFromFrames rebases equity on the cash before the first return", () => {
  const equity = pl.DataFrame({
    strategy: ["b", "a", "a"],
    date: [day(2), day(3), day(2)],
    equity: [200, 11_000, 9_900],
    returns: [0, 11_000 / 9_900 - 1, -0.01],
  });
  assert.deepEqual(seriesFromFrames({ equity }).equity, [
    { strategy: "a", date: "2020-01-02", value: 99 },
    { strategy: "a", date: "2020-01-03", value: 110 },
    { strategy: "b", date: "2020-01-02", value: 100 },
  ]);
});

Deno.test("seriesFromFrames keeps Spearman IC by factor and horizon for the decay", () => {
  const icSummary = pl.DataFrame({
    factor: ["f", "f", "f", "g"],
    horizon: [5, 1, 1, 1],
    method: ["spearman", "spearman", "pearson", "spearman"],
    mean: [0.01, 0.04, 0.9, 0.02],
  });
  assert.deepEqual(seriesFromFrames({ icSummary }).icDecay, [
    { factor: "f", horizon: 1, ic: 0.04 },
    { factor: "f", horizon: 5, ic: 0.01 },
    { factor: "g", horizon: 1, ic: 0.02 },
  ]);
});

Deno.test("seriesFromFrames counts coverage of the chosen prediction over the universe", () => {
  const icDaily = pl.DataFrame({
    factor: ["pred_tree_5", "pred_ridge_5", "pred_ridge_5", "ret_20"],
    horizon: [5, 5, 5, 1],
    date: [day(2), day(3), day(2), day(2)],
    n: [2, 4, 3, 4],
  });
  const s = seriesFromFrames({ icDaily }, { universe: 4, factor: "pred_ridge_5" });
  assert.equal(s.coverageFactor, "pred_ridge_5");
  assert.deepEqual(s.coverage, [{ date: "2020-01-02", share: 0.75 }, {
    date: "2020-01-03",
    share: 1,
  }]);
  assert.equal(meanCoverage(s), 0.875);
  // Without a choice: the first prediction factor, over the largest daily count.
  assert.deepEqual(seriesFromFrames({ icDaily }).coverageFactor, "pred_ridge_5");
});

Deno.test("readRunSeries says which data is gone instead of failing", () => {
  const run = { ...runRecord("k", "2026-01-01T00:00:00Z", 3, 1), dataDir: "/nonexistent/ws-data" };
  const s = readRunSeries(run);
  assert.deepEqual(s.equity, []);
  assert.ok(
    s.missing.includes("/nonexistent/ws-data/backtest/equity.parquet is gone"),
    s.missing.join(),
  );
});
