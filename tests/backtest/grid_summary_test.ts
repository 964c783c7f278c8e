import assert from "node:assert/strict";
import { gridSharpeFrame, trialSharpes } from "@lib/backtest/grid_summary.ts";

const cells = [
  { fast: 5, slow: 10, value: 0.2 },
  { fast: 5, slow: 20, value: NaN },
  { fast: 10, slow: 20, value: 0.9 },
  { fast: 10, slow: 50, value: -0.4 },
];

Deno.test("gridSharpeFrame(cells) drops NaN pairs and sorts by mean_sharpe, best first", () => {
  const f = gridSharpeFrame(cells);
  assert.deepEqual(f.columns, ["fast", "slow", "mean_sharpe"]);
  assert.deepEqual(f.getColumn("fast").toArray(), [10, 5, 10]);
  assert.deepEqual(f.getColumn("slow").toArray(), [20, 10, 50]);
  assert.deepEqual(f.getColumn("mean_sharpe").toArray(), [0.9, 0.2, -0.4]);
});

Deno.test("trialSharpes(cells) keeps the finite values in cell order", () => {
  assert.deepEqual(trialSharpes(cells), [0.2, 0.9, -0.4]);
  assert.deepEqual(trialSharpes([{ fast: 2, slow: 3, value: Infinity }]), []);
});
