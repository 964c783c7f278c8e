import assert from "node:assert/strict";
import { champion, headlineMetrics } from "@lib/reports/headline.ts";
import { runRecord } from "./fixtures.ts";

Deno.test("champion is step 04's recorded choice, not the best IC found afterwards", () => {
  assert.deepEqual(champion(runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5)), {
    model: "ridge",
    horizon: 5,
    rule: "rmse (lower wins)",
    icMean: 0.08,
    icT: 1.75,
    rankIcMean: 0.1,
    rankIcT: 2.25,
  });
});

Deno.test("a run whose training step recorded no champion has no champion headline", () => {
  const run = runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5);
  const steps = run.steps.map((s) => s.name === "training" ? { ...s, tags: {} } : s);
  assert.equal(champion({ ...run, steps }), undefined);
  assert.ok(!headlineMetrics({ ...run, steps }).some((h) => h.label === "Champion model"));
});

Deno.test("headlineMetrics formats IC, Sharpe against the benchmark, returns and coverage", () => {
  const rows = headlineMetrics(runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5), 0.975)
    .map((h) => [h.label, h.value]);
  assert.deepEqual(rows, [
    ["Champion model", "ridge (5d)"],
    ["Rank IC", "0.100 (t 2.3)"],
    ["IC", "0.080 (t 1.8)"],
    ["Direction accuracy", "53.8%"],
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
