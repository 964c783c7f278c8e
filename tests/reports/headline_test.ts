import assert from "node:assert/strict";
import { champion, headlineMetrics } from "@lib/reports/headline.ts";
import { runRecord } from "./fixtures.ts";

Deno.test("champion picks the prediction with the highest mean rank IC, ignoring raw features", () => {
  assert.deepEqual(champion(runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5)), {
    model: "tree",
    horizon: 5,
    icMean: 0.125,
  });
});

Deno.test("headlineMetrics formats IC, Sharpe against the benchmark, returns and coverage", () => {
  const rows = headlineMetrics(runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5), 0.975)
    .map((h) => [h.label, h.value]);
  assert.deepEqual(rows, [
    ["Champion model", "tree (5d)"],
    ["Rank IC", "0.125"],
    ["Sharpe (top-k)", "1.50 vs 0.60"],
    ["Return (top-k)", "25.0%"],
    ["Max drawdown", "-12.5%"],
    ["Coverage", "97.5%"],
  ]);
});

Deno.test("headlineMetrics of a run without analysis or backtest is empty", () => {
  const run = { ...runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5), steps: [] };
  assert.deepEqual(headlineMetrics(run), []);
});
