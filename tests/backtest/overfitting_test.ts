import assert from "node:assert/strict";
import { runMaGrid } from "@lib/backtest/run_strategy.ts";
import { buyAndHold } from "@lib/backtest/benchmark.ts";
import {
  backtestOverfitting,
  gridPairReturns,
  headlineDeflatedSharpe,
  overfittingLine,
  overfittingMetrics,
} from "@lib/backtest/overfitting.ts";
import { probabilityOfBacktestOverfitting } from "@lib/performance/pbo.ts";
import { logitHistogram, overfittingChart } from "@lib/charts/overfitting.ts";

const n = 240;
const dates = Float64Array.from({ length: n }, (_, i) => 18_000 + i);
const values = new Float64Array(n * 2);
for (let t = 0; t < n; t++) {
  values[t * 2] = 100 + 10 * Math.sin(t / 7) + t / 10;
  values[t * 2 + 1] = 50 + 5 * Math.cos(t / 11);
}
const close = { dates, symbols: ["a", "b"], values };
const grid = runMaGrid(close, [3, 8, 20]);

Deno.test("gridPairReturns is the return of each pair's summed sleeves", () => {
  const r = gridPairReturns(grid);
  const pairs = 3;
  assert.equal(r.length, n * pairs);
  // pair 0 = columns 0 (a) and 1 (b); row 100
  const v = (i: number) =>
    grid.sim.value[i * grid.sim.nGroups] + grid.sim.value[i * grid.sim.nGroups + 1];
  assert.ok(Math.abs(r[100 * pairs] - (v(100) / v(99) - 1)) < 1e-15);
});

Deno.test("backtestOverfitting ranks grid pairs and named strategies on their common dates", () => {
  const late = {
    dates: dates.slice(40),
    symbols: ["a"],
    values: values.filter((_, i) => i % 2 === 0).slice(40),
  };
  const hold = buyAndHold(late, 10_000);
  const bench = buyAndHold(late, 10_000);
  const out = backtestOverfitting({
    grid,
    gridDates: dates,
    strategies: { hold, benchmark: bench },
    exclude: ["benchmark"],
    nPartitions: 4,
  });
  assert.equal(out.status, "ok");
  if (out.status !== "ok") return;
  assert.deepEqual(out.names, ["ma(3,8)", "ma(3,20)", "ma(8,20)", "hold"]);
  assert.equal(out.dates, n - 40);
  // the same matrix by hand
  const r = gridPairReturns(grid);
  const m = new Float64Array((n - 40) * 4);
  for (let i = 0; i < n - 40; i++) {
    for (let p = 0; p < 3; p++) m[i * 4 + p] = r[(i + 40) * 3 + p];
    m[i * 4 + 3] = hold.returns[i];
  }
  const direct = probabilityOfBacktestOverfitting(m, 4, { nPartitions: 4 });
  assert.equal(out.result.pbo, direct.pbo);
  assert.deepEqual(Array.from(out.result.logits), Array.from(direct.logits));
  assert.deepEqual(overfittingMetrics(out, { status: "skipped", reason: "x" }, 12), {
    pbo: direct.pbo,
    pbo_combinations: 6,
    dsr_trials: 12,
  });
  const html = logitHistogram(out.result).html;
  assert.match(html, /PBO \d\.\d{3} \(6 combinations\)/);
  assert.match(html, /aria-label="rect"/);
});

Deno.test("backtestOverfitting skips with the reason when the dates cannot fill the blocks", () => {
  const out = backtestOverfitting({ grid, gridDates: dates, strategies: {}, nPartitions: 200 });
  assert.deepEqual(out, {
    status: "skipped",
    reason: "240 common dates cannot fill 200 blocks of 2 (need 400)",
    dropped: [],
  });
  const dsr = headlineDeflatedSharpe(
    Float64Array.from({ length: 50 }, (_, i) => 0.01 * Math.sin(i) + 0.002),
    [0.5, 1, 1.5],
    40,
  );
  assert.equal(dsr.status, "ok");
  if (dsr.status !== "ok") return;
  assert.equal(dsr.dsr.trials, 40);
  assert.match(
    overfittingLine(out, dsr, "40 trials"),
    /^PBO skipped: 240 common dates .*deflated Sharpe of top_k 0\.\d{3} .* with 40 trials: 40 trials\.$/,
  );
  assert.deepEqual(headlineDeflatedSharpe(new Float64Array(10), [1], 5), {
    status: "skipped",
    reason: "1 finite grid Sharpe ratio(s)",
  });
});

Deno.test("overfittingChart says why there is no histogram when the PBO was skipped", () => {
  assert.equal(
    overfittingChart({ status: "skipped", reason: "3 common dates", dropped: [] }),
    "No logit histogram: 3 common dates.",
  );
});
