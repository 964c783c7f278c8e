import assert from "node:assert/strict";
import { rollingBeta, rollingSharpe } from "@lib/performance/rolling.ts";
import { sharpeRatio } from "@lib/performance/ratios.ts";
import { beta } from "@lib/performance/relative.ts";

const r = Float64Array.from({ length: 30 }, (_, i) => 0.01 * Math.sin(i) + 0.001);
const b = Float64Array.from({ length: 30 }, (_, i) => 0.008 * Math.cos(i / 2));

Deno.test("rollingSharpe(r, 10) is NaN for the first 9 periods, then the window's Sharpe", () => {
  const s = rollingSharpe(r, 10);
  assert.ok(s.subarray(0, 9).every(Number.isNaN));
  for (let t = 9; t < 30; t++) assert.equal(s[t], sharpeRatio(r.subarray(t - 9, t + 1)));
  assert.equal(rollingSharpe(r).length, 30);
  assert.ok(rollingSharpe(r).every(Number.isNaN), "30 periods fill no 126-period window");
  assert.throws(() => rollingSharpe(r, 1), /window must be an integer >= 2; got 1/);
});

Deno.test("rollingBeta(r, b, 10) equals beta over each trailing window", () => {
  const s = rollingBeta(r, b, 10);
  assert.ok(s.subarray(0, 9).every(Number.isNaN));
  for (let t = 9; t < 30; t++) {
    assert.equal(s[t], beta(r.subarray(t - 9, t + 1), b.subarray(t - 9, t + 1)));
  }
  assert.ok(Math.abs(rollingBeta(b.map((x) => 3 * x), b, 5)[20] - 3) < 1e-12);
  assert.throws(() => rollingBeta(r, b.subarray(1), 5), /differ in length/);
});
