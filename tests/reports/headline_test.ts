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
    ["Sharpe (top-k)", "1.50 vs benchmark 0.60, equal weight 0.90"],
    ["Annual return (top-k)", "11.8% vs benchmark 8.0%, equal weight 10.0%"],
    ["Max drawdown (top-k)", "-12.5%"],
    ["Out of fold", "2017-01-03 to 2018-12-31 (504 dates), 10 symbols"],
    ["Coverage", "97.5%"],
    [
      "Caveats",
      "short sample: 504 out-of-fold dates (2.0 years); 10 symbols: each of 5 quantiles holds " +
      "about 2 per date",
    ],
  ]);
});

Deno.test("headlineMetrics adds the Sharpe's standard error, always-up and survivorship", () => {
  const run = runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5);
  const steps = [
    { ...run.steps[0], name: "acquisition", params: { source: "sample" }, tags: {} },
    ...run.steps.map((s) => {
      if (s.name === "training") {
        return { ...s, metrics: { ...s.metrics, ridge_h5_always_up_accuracy: 0.527 } };
      }
      if (s.name === "backtest") {
        return { ...s, metrics: { ...s.metrics, top_k_sharpe_se: 0.45, top_k_psr: 0.974 } };
      }
      return s;
    }),
  ];
  const rows = Object.fromEntries(
    headlineMetrics({ ...run, steps }).map((h) => [h.label, h.value]),
  );
  assert.equal(rows["Direction accuracy"], "53.8% vs 52.7% always up");
  assert.equal(
    rows["Sharpe (top-k)"],
    "1.50 ± 0.45 (PSR 97.4%) vs benchmark 0.60, equal weight 0.90",
  );
  assert.match(rows.Caveats, /survivorship bias: the bundled sample holds today's survivors only$/);
});

Deno.test("headlineMetrics of a run without analysis or backtest is empty", () => {
  const run = { ...runRecord("k", "2026-01-01T00:00:00Z", 3, 1.5), steps: [] };
  assert.deepEqual(headlineMetrics(run), []);
});
