import assert from "node:assert/strict";
import {
  columnStatistics,
  crossings,
  gridCells,
  maCrossGrid,
  rollingMean,
  windowPairs,
} from "@lib/backtest/grid.ts";
import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
import { simulationTotalReturn } from "@lib/backtest/simulation.ts";
import { randomOhlc } from "./vectorbt_harness.ts";

Deno.test("rollingMean(x, 3) is NaN for 2 bars, then the mean of the last 3 (NaN windows stay NaN)", () => {
  const x = Float64Array.from([1, 2, 3, 4, NaN, 6, 7, 8, 9]);
  const m = rollingMean(x, 1, 0, 3);
  assert.ok(Number.isNaN(m[0]) && Number.isNaN(m[1]));
  assert.deepEqual(Array.from(m.subarray(2, 4)), [2, 3]);
  assert.ok([4, 5, 6].every((i) => Number.isNaN(m[i])));
  assert.deepEqual(Array.from(m.subarray(7)), [7, 8]);
  assert.throws(() => rollingMean(x, 1, 0, 0), /window must be/);
});

Deno.test("crossings marks only the first bar above (below) after a bar below (above)", () => {
  const a = Float64Array.from([1, 3, 3, 2, 2, 1, NaN, 3, 1]);
  const b = Float64Array.from([2, 2, 2, 2, 3, 2, 2, 2, 2]);
  const up = new Uint8Array(9);
  const down = new Uint8Array(9);
  crossings(a, b, up, down, 1, 0);
  // bar 3 is equal: no signal; the NaN restarts the history, so bar 7 is no cross up, while
  // bar 8 crosses down from bar 7
  assert.deepEqual(Array.from(up), [0, 1, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(down), [0, 0, 0, 0, 1, 0, 0, 0, 1]);
});

Deno.test("maCrossGrid lays columns out pair-major with assets inner, like MA.run_combs", () => {
  const px = randomOhlc(200, 2, 1);
  const pairs = windowPairs([5, 10, 20]);
  const grid = maCrossGrid(px.close, 2, pairs);
  assert.equal(grid.nCols, 6);
  assert.deepEqual(Array.from(grid.assetOf), [0, 1, 0, 1, 0, 1]);
  assert.deepEqual(Array.from(grid.pairOf), [0, 0, 1, 1, 2, 2]);
  // column 3 = pair (5, 20) on asset 1: its entries equal a single-pair grid on that asset
  const alone = maCrossGrid(px.close.filter((_, k) => k % 2 === 1), 1, [pairs[1]]);
  for (let i = 0; i < 200; i++) assert.equal(grid.entries[i * 6 + 3], alone.entries[i]);
  assert.throws(() => maCrossGrid(px.close, 2, [{ fast: 10, slow: 5 }]), /must be below/);
});

Deno.test("columnStatistics and gridCells fold one statistic per column into (fast, slow) cells", () => {
  const px = randomOhlc(300, 1, 2);
  const grid = maCrossGrid(px.close, 1, windowPairs([3, 6, 12]));
  const sim = simulateSignals({ ...px, ...grid }, { fees: 0.001, initCash: 1000 });
  const stats = columnStatistics(sim);
  assert.deepEqual(Array.from(stats.totalReturn), Array.from(simulationTotalReturn(sim)));
  assert.ok(stats.maxDrawdown.every((d) => d <= 0 && d > -1));
  assert.ok(stats.trades.every((n) => n > 0));
  const cells = gridCells(grid, stats.sharpe);
  assert.deepEqual(cells.map((c) => `${c.fast}/${c.slow}`), ["3/6", "3/12", "6/12"]);
  assert.throws(() => gridCells(grid, stats.sharpe, 1), /asset 1 has no columns/);
});
