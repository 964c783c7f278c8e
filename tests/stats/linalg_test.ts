import assert from "node:assert/strict";
import { cholesky, choleskyInverse, choleskySolve, multiply } from "@lib/stats/linalg.ts";

Deno.test("cholesky([[4, 2], [2, 3]]) is [[2, 0], [1, sqrt 2]]; solve and inverse invert it", () => {
  const a = Float64Array.from([4, 2, 2, 3]);
  const l = cholesky(a, 2)!;
  assert.deepEqual(Array.from(l), [2, 0, 1, Math.SQRT2]);
  // a x = [8, 7] at x = [1.25, 1.5]
  const x = choleskySolve(l, 2, Float64Array.from([8, 7]));
  assert.ok(Math.abs(x[0] - 1.25) < 1e-15 && Math.abs(x[1] - 1.5) < 1e-15, String(x));
  const identity = multiply(a, choleskyInverse(l, 2), 2);
  [1, 0, 0, 1].forEach((v, i) => assert.ok(Math.abs(identity[i] - v) < 1e-15, String(identity)));
});

Deno.test("cholesky is undefined for a singular or indefinite matrix", () => {
  assert.equal(cholesky(Float64Array.from([1, 2, 2, 4]), 2), undefined);
  assert.equal(cholesky(Float64Array.from([1, 3, 3, 1]), 2), undefined);
});

Deno.test("multiply(a, b, 2) is the matrix product", () => {
  const out = multiply(Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 6, 7, 8]), 2);
  assert.deepEqual(Array.from(out), [19, 22, 43, 50]);
});
