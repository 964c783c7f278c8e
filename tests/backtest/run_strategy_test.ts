import assert from "node:assert/strict";
import { runMaGrid, runStrategy } from "@lib/backtest/run_strategy.ts";
import { columnStatistics, gridCells, maCrossGrid, windowPairs } from "@lib/backtest/grid.ts";
import { simulateSignals } from "@lib/backtest/simulate_signals.ts";
import { fromSignals } from "@lib/backtest/from_signals.ts";

const dates = new Float64Array([0, 1, 2, 3, 4]);
const close = {
  dates,
  symbols: ["a", "b"],
  values: new Float64Array([10, 20, 11, 19, 12, 18, 13, 17, 14, 16]),
};
const open = {
  dates,
  symbols: ["a", "b"],
  values: new Float64Array([10, 20, 10.5, 19.5, 11.5, 18.5, 12.5, 17.5, 13.5, 16.5]),
};
const signals = {
  entries: new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
  exits: new Uint8Array([0, 0, 0, 0, 0, 0, 1, 1, 0, 0]),
};

Deno.test("runStrategy with only fees equals fromSignals (the same engine, equal sleeves)", () => {
  const a = runStrategy({ close }, signals, { feesBps: 10, initialCash: 1_000 }).portfolio;
  const b = fromSignals(close, signals, { feesBps: 10, initialCash: 1_000 });
  assert.deepEqual(Array.from(a.equity), Array.from(b.equity));
});

Deno.test("runStrategy next_open fills a signal at the next bar's open, with slippage against the trader", () => {
  const { sim } = runStrategy({ close, open }, signals, {
    initialCash: 1_000,
    execution: "next_open",
    slippageBps: 100,
  });
  assert.equal(sim.execution, "next_open");
  // asset a: the entry of bar 0 fills at bar 1's open 10.5 x 1.01
  assert.equal(sim.orders.idx[0], 1);
  assert.ok(Math.abs(sim.orders.price[0] - 10.5 * 1.01) < 1e-12);
});

Deno.test("runStrategy next_close fills a signal at the next bar's close, without needing the open", () => {
  const { sim, portfolio } = runStrategy({ close }, signals, {
    initialCash: 1_000,
    execution: "next_close",
    slippageBps: 100,
  });
  assert.equal(sim.execution, "next_close");
  // asset a: the entry of bar 0 fills at bar 1's close 11 x 1.01; the exit of bar 3 at bar 4's
  // close 14 x 0.99 (records run asset by asset)
  assert.deepEqual(Array.from(sim.orders.idx), [1, 4, 1, 4]);
  assert.ok(Math.abs(sim.orders.price[0] - 11 * 1.01) < 1e-12);
  assert.ok(Math.abs(sim.orders.price[1] - 14 * 0.99) < 1e-12);
  const a = (500 / (11 * 1.01)) * 14 * 0.99;
  const b = (500 / (19 * 1.01)) * 16 * 0.99;
  assert.ok(Math.abs(portfolio.equity[4] - (a + b)) < 1e-9);
});

Deno.test("runStrategy errors name the bad cost and a missing open for next-open fills", () => {
  assert.throws(
    () => runStrategy({ close }, signals, { feesBps: -1 }),
    /feesBps must be in \[0, 10000\); got -1/,
  );
  assert.throws(
    () => runStrategy({ close }, signals, { stopLoss: 0 }),
    /stopLoss must be a positive fraction; got 0/,
  );
  assert.throws(
    () => runStrategy({ close }, signals, { execution: "next_open" }),
    /needs the open prices/,
  );
});

Deno.test("runMaGrid averages each pair's Sharpe over assets, the same as running the grid by hand", () => {
  const n = 120;
  const values = new Float64Array(n * 2);
  for (let t = 0; t < n; t++) {
    values[2 * t] = 100 + 10 * Math.sin(t / 6);
    values[2 * t + 1] = 50 + 4 * Math.cos(t / 9) + t / 20;
  }
  const history = {
    dates: Float64Array.from({ length: n }, (_, t) => t),
    symbols: ["a", "b"],
    values,
  };
  const run = runMaGrid(history, [3, 7, 15], { feesBps: 10, initialCash: 1_000 });
  const grid = maCrossGrid(values, 2, windowPairs([3, 7, 15]));
  const sim = simulateSignals({ nAssets: 2, close: values, ...grid }, {
    fees: 0.001,
    initCash: 500,
  });
  const sharpe = columnStatistics(sim).sharpe;
  const [a, b] = [0, 1].map((asset) => gridCells(grid, sharpe, asset));
  assert.deepEqual(
    run.meanSharpe,
    a.map((cell, k) => ({ ...cell, value: (cell.value + b[k].value) / 2 })),
  );
});

Deno.test("runMaGrid under next_open fills at the next bar's open, as the same grid simulated by hand", () => {
  const n = 120;
  const close = new Float64Array(n * 2);
  const open = new Float64Array(n * 2);
  for (let t = 0; t < n; t++) {
    close[2 * t] = 100 + 10 * Math.sin(t / 6);
    close[2 * t + 1] = 50 + 4 * Math.cos(t / 9) + t / 20;
    // a gap at every open, so a close fill and an open fill give different results
    open[2 * t] = close[2 * t] * (1 + 0.01 * Math.cos(t));
    open[2 * t + 1] = close[2 * t + 1] * (1 - 0.01 * Math.sin(t));
  }
  const dates = Float64Array.from({ length: n }, (_, t) => t);
  const panel = (values: Float64Array) => ({ dates, symbols: ["a", "b"], values });
  const costs = { feesBps: 10, initialCash: 1_000, execution: "next_open" as const };
  const run = runMaGrid(panel(close), [3, 7, 15], costs, panel(open));
  const grid = maCrossGrid(close, 2, windowPairs([3, 7, 15]));
  const byHand = simulateSignals({ nAssets: 2, close, open, ...grid }, {
    fees: 0.001,
    initCash: 500,
    execution: "next_open",
  });
  assert.deepEqual(columnStatistics(run.sim).sharpe, columnStatistics(byHand).sharpe);
  const atClose = runMaGrid(panel(close), [3, 7, 15], { ...costs, execution: "same_close" });
  assert.notDeepEqual(run.meanSharpe, atClose.meanSharpe);
  assert.throws(() => runMaGrid(panel(close), [3, 7, 15], costs), /needs the open prices/);
});
