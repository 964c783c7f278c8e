import assert from "node:assert/strict";
import { orderRecordsFrame, tradeRecordsFrame, valueFrame } from "@lib/backtest/sim_frames.ts";
import { simulateSignals } from "@lib/backtest/simulate_signals.ts";

const sim = simulateSignals({
  nAssets: 1,
  close: new Float64Array([10, 12, 11, 9]),
  nCols: 2,
  entries: new Uint8Array([1, 0, 0, 0, 0, 0, 0, 1]),
  exits: new Uint8Array([0, 1, 1, 0, 0, 0, 0, 0]),
  assetOf: new Int32Array([0, 0]),
}, { direction: "both", initCash: 120 });
const labels = { dates: new Float64Array([19_723, 19_724, 19_725, 19_726]), columns: ["x", "y"] };

Deno.test("orderRecordsFrame has one row per fill with dates and column names", () => {
  const f = orderRecordsFrame(sim, labels);
  assert.deepEqual(f.columns, ["col", "bar", "side", "size", "price", "fees"]);
  // x: long 12 at 10, reversed at 12 (sell 24); y: an exit from flat shorts 12 at 10 (direction
  // both), the entry on the last bar reverses it with all 240 of cash at 9
  assert.deepEqual(f.column("bar").values, [
    "2024-01-01",
    "2024-01-02",
    "2024-01-01",
    "2024-01-04",
  ]);
  assert.deepEqual(f.column("col").values, ["x", "x", "y", "y"]);
  assert.deepEqual(f.column("side").values, ["buy", "sell", "sell", "buy"]);
  assert.deepEqual(f.column("size").values, [12, 24, 12, 240 / 9]);
});

Deno.test("tradeRecordsFrame lists exit trades with direction, status and pnl", () => {
  const f = tradeRecordsFrame(sim);
  assert.deepEqual(f.column("direction").values, ["long", "short", "short", "long"]);
  assert.deepEqual(f.column("status").values, ["closed", "open", "closed", "open"]);
  assert.deepEqual(f.column("pnl").values, [24, 12 * (12 - 9), 12, 0]);
  assert.deepEqual(f.column("position").values, [0, 1, 2, 3]);
  assert.throws(() => tradeRecordsFrame(sim, { columns: ["x"] }), /1 names for 2 columns/);
});

Deno.test("valueFrame has value, returns and drawdown per bar and column", () => {
  const f = valueFrame(sim, { groups: ["x", "y"] });
  assert.equal(f.shape[0], 8);
  assert.deepEqual(f.column("value").values.slice(0, 4), [
    120,
    144,
    144 + 12 * (12 - 11),
    144 + 12 * 3,
  ]);
  assert.deepEqual(f.column("group").values.slice(3, 5), ["x", "y"]);
});
