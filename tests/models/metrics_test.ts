import assert from "node:assert/strict";
import { directionAccuracy, mae, r2, regressionMetrics, rmse } from "@lib/models/metrics.ts";

Deno.test("regressionMetrics on hand-computed values", () => {
  const actual = [1, -2, 3, 0];
  const predicted = [2, -1, -1, 0];
  // errors 1, 1, -4, 0: squared 1, 1, 16, 0.
  assert.equal(rmse(actual, predicted), Math.sqrt(18 / 4));
  assert.equal(mae(actual, predicted), 6 / 4);
  // mean 0.5; SS_tot = 0.25 + 6.25 + 6.25 + 0.25 = 13
  assert.equal(r2(actual, predicted), 1 - 18 / 13);
  // signs agree at rows 0, 1, 3 (0 and 0)
  assert.equal(directionAccuracy(actual, predicted), 3 / 4);
  const all = regressionMetrics(actual, predicted);
  assert.equal(all.n, 4);
  assert.equal(all.rmse, Math.sqrt(4.5));
});

Deno.test("r2 is 1 for a perfect fit, 0 for the mean, NaN for constant actuals", () => {
  assert.equal(r2([1, 2, 3], [1, 2, 3]), 1);
  assert.equal(r2([1, 2, 3], [2, 2, 2]), 0);
  assert.ok(Number.isNaN(r2([2, 2], [1, 3])));
});

Deno.test("metrics reject mismatched lengths and empty input", () => {
  assert.throws(() => rmse([1], [1, 2]), /differ in length/);
  assert.throws(() => regressionMetrics([], []), /at least one row/);
});
