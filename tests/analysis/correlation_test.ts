import assert from "node:assert/strict";
import * as ss from "simple-statistics";
import { averageRanks, pearson, spearman } from "@lib/analysis/correlation.ts";

Deno.test("averageRanks gives ties their average rank", () => {
  assert.deepEqual([...averageRanks([10, 30, 20, 30])], [1, 3.5, 2, 3.5]);
  assert.deepEqual([...averageRanks([5, 5, 5])], [2, 2, 2]);
});

Deno.test("pearson on hand-computed values and against simple-statistics", () => {
  // x = 1, 2, 3; y = 1, 3, 2: sxy = 1, sxx = 2, syy = 2 -> 0.5
  assert.equal(pearson([1, 2, 3], [1, 3, 2]), 0.5);
  const x = [0.3, -1.2, 2.2, 0.1, 0.9];
  const y = [1.1, -0.4, 1.9, -0.3, 0.2];
  assert.ok(Math.abs(pearson(x, y) - ss.sampleCorrelation(x, y)) < 1e-12);
  assert.ok(Math.abs(spearman(x, y) - ss.sampleRankCorrelation(x, y)) < 1e-12);
});

Deno.test("spearman of a monotone but non-linear relation is 1, pearson is below 1", () => {
  const x = [1, 2, 3, 4, 5];
  const y = x.map((v) => Math.exp(v));
  assert.equal(spearman(x, y), 1);
  assert.ok(pearson(x, y) < 0.95);
  assert.equal(spearman(x, y.map((v) => -v)), -1);
});

Deno.test("pearson is NaN for a constant input or fewer than 2 values", () => {
  // ten equal values whose floating-point mean is not exactly 0.1
  const flat = Array(10).fill(0.1);
  assert.notEqual(flat.reduce((a, b) => a + b, 0) / 10, 0.1);
  assert.ok(Number.isNaN(pearson(flat, flat.map((_, i) => i))));
  assert.ok(Number.isNaN(spearman(flat, flat.map((_, i) => i))));
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(pearson([1], [2])));
  assert.throws(() => pearson([1, 2], [1]), /differ in length/);
});
