import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { backtestMetrics } from "@lib/backtest/metrics.ts";
import { buyAndHold } from "@lib/backtest/benchmark.ts";
import { fromSignals } from "@lib/backtest/from_signals.ts";
import { runMaGrid } from "@lib/backtest/run_strategy.ts";
import { headlineMetrics, statsTable } from "@lib/backtest/stats.ts";
import { trialSharpes } from "@lib/backtest/grid_summary.ts";
import { metricRecord } from "@lib/metric_record.ts";

const n = 80;
const dates = Float64Array.from({ length: n }, (_, i) => 18_000 + i);
const close = {
  dates,
  symbols: ["a", "b"],
  values: Float64Array.from({ length: 2 * n }, (_, k) => 100 + 8 * Math.sin(k / 7) + k / 20),
};
const entries = Uint8Array.from({ length: 2 * n }, (_, k) => (k % 20 === 0 ? 1 : 0));
const exits = Uint8Array.from({ length: 2 * n }, (_, k) => (k % 20 === 10 ? 1 : 0));
const portfolios = {
  top_k: fromSignals(close, { entries, exits: entries.map((_, k) => (k % 30 === 15 ? 1 : 0)) }),
  model_signal: fromSignals(close, { entries, exits }, { feesBps: 10 }),
  benchmark: buyAndHold({
    dates,
    symbols: ["a"],
    values: close.values.filter((_, k) => k % 2 === 0),
  }),
};
const stats = statsTable(portfolios, { benchmark: "benchmark" });
const tearSheet = pl.DataFrame({
  statistic: ["Sharpe ratio", "Max drawdown", "Turnover (annual)", "Alpha"],
  model_signal: [1.25, -0.1, 3, NaN],
  benchmark: [0.5, -0.2, NaN, 0],
});
const grid = runMaGrid(close, [2, 5, 10]);
const trials = trialSharpes(grid.meanSharpe);

Deno.test("backtestMetrics equals the record the backtest notebook logged inline, key order too", () => {
  const slug = (text: unknown) =>
    String(text).toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  const inline: Record<string, number> = {
    ...metricRecord(stats, (r, c) => `${r.strategy}_${c}`),
    ...metricRecord(tearSheet, (r) => `tearsheet_${slug(r.statistic)}`, ["model_signal"]),
    ...headlineMetrics(portfolios),
    top_k_trades: portfolios.top_k.trades.length,
    model_signal_trades: portfolios.model_signal.trades.length,
    grid_pairs: grid.grid.pairs.length,
    grid_best_mean_sharpe: Math.max(...trials),
    model_signal_alpha_ff3: 0.031,
  };
  const got = backtestMetrics({
    stats,
    portfolios,
    strategy: "model_signal",
    tearSheet,
    tearSheetOf: "model_signal",
    tradesOf: ["top_k", "model_signal"],
    grid,
    trialSharpes: trials,
    alphaFf3: 0.031,
  });
  assert.deepEqual(got, inline);
  assert.deepEqual(Object.keys(got), Object.keys(inline));
  assert.equal(got.tearsheet_turnover_annual, 3);
  assert.equal(got.grid_pairs, 3);
  assert.ok(!("tearsheet_alpha" in got), "NaN is not logged");
});

Deno.test("backtestMetrics throws on a trade count of an unknown portfolio", () => {
  assert.throws(
    () =>
      backtestMetrics({
        stats,
        portfolios,
        strategy: "model_signal",
        tearSheet,
        tearSheetOf: "model_signal",
        tradesOf: ["nope"],
        grid,
        trialSharpes: trials,
        alphaFf3: 0,
      }),
    /no portfolio "nope"/,
  );
});
