import assert from "node:assert/strict";
import {
  conditionalValueAtRisk,
  excessKurtosis,
  quantile,
  skewness,
  tailRatio,
  valueAtRisk,
} from "@lib/performance/tails.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

Deno.test("quantile interpolates linearly between order statistics (numpy's default)", () => {
  const x = new Float64Array([4, 1, 3, 2]);
  close(quantile(x, 0), 1);
  close(quantile(x, 1), 4);
  close(quantile(x, 0.5), 2.5);
  close(quantile(x, 0.1), 1.3);
  assert.ok(Number.isNaN(quantile(new Float64Array(), 0.5)));
  assert.throws(() => quantile(x, 2), /q must be in \[0, 1\]; got 2/);
});

Deno.test("valueAtRisk and conditionalValueAtRisk of 1..21% losses by hand", () => {
  // returns -0.21 .. -0.01 and 0.01 .. 0.79: 100 values
  const r = Float64Array.from({ length: 100 }, (_, i) => (i < 21 ? -(i + 1) : i - 20) / 100);
  const sorted = Float64Array.from(r).sort();
  // (n - 1) x 0.05 = 4.95: between the 5th and 6th lowest
  close(valueAtRisk(r), sorted[4] + 0.95 * (sorted[5] - sorted[4]));
  // floor(4.95) + 1 = 5 lowest: -0.21 .. -0.17
  close(conditionalValueAtRisk(r), -0.19);
  // floor(99 x 0.01) + 1 = 1: the single worst return
  close(conditionalValueAtRisk(r, { cutoff: 0.01 }), -0.21);
  close(conditionalValueAtRisk(r, { cutoff: 0.1 }), -0.165); // 10 lowest: -0.21 .. -0.12
  assert.throws(() => valueAtRisk(r, { cutoff: 0 }), /cutoff must be in \(0, 1\); got 0/);
  assert.ok(conditionalValueAtRisk(r) <= valueAtRisk(r));
});

Deno.test("tailRatio is |p95| / |p5|; skewness and excessKurtosis of a two-point sample", () => {
  const r = Float64Array.from({ length: 101 }, (_, i) => (i - 50) / 100);
  close(tailRatio(r), 1);
  close(tailRatio(r.map((x) => (x > 0 ? 2 * x : x))), 2);
  // a symmetric two-point distribution: skew 0, kurtosis 1 (excess -2)
  const two = new Float64Array([-1, 1, -1, 1]);
  close(skewness(two), 0);
  close(excessKurtosis(two), -2);
  // [0, 0, 3]: m2 = 2, m3 = 2, skew = 2 / 2^1.5
  close(skewness(new Float64Array([0, 0, 3])), 2 / 2 ** 1.5);
  assert.ok(Number.isNaN(skewness(new Float64Array([1, 1]))));
});
