import assert from "node:assert/strict";
import {
  probabilisticSharpeRatio,
  sharpeStandardError,
} from "@lib/performance/sharpe_inference.ts";
import { normalCdf } from "@lib/stats/normal.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// Reference values from numpy 2 / scipy (Python 3.11):
//   sr = r.mean() / r.std(ddof=1); g3 = scipy.stats.skew(r); g4 = scipy.stats.kurtosis(r, fisher=False)
//   se = sqrt((1 + sr**2 / 2 - g3 * sr + (g4 - 3) / 4 * sr**2) / len(r)) * sqrt(252)
const r = new Float64Array([
  0.01,
  -0.02,
  0.015,
  0.003,
  -0.007,
  0.022,
  -0.011,
  0.004,
  0.009,
  -0.03,
  0.018,
  0.006,
]);

Deno.test("sharpeStandardError matches the Lo-Mertens formula computed with numpy", () => {
  close(sharpeStandardError(r), 4.745155233751718, 1e-12);
  close(sharpeStandardError(r, { periodsPerYear: 1 }), 0.2989166828786574, 1e-13);
  close(sharpeStandardError(r, { riskFree: 0.02 / 252 }), 4.736739247121507, 1e-12);
});

Deno.test("sharpeStandardError of a two-point series is sqrt((1 + SR²/2 - SR²/2) / n)", () => {
  // skew 0, kurtosis 1: the variance is (1 + SR²/2 - SR²/2) / n = 1 / n
  const two = Float64Array.from({ length: 4 }, (_, i) => (i % 2 === 0 ? 0.03 : -0.01));
  close(sharpeStandardError(two, { periodsPerYear: 1 }), Math.sqrt(1 / 4));
});

Deno.test("the probabilistic Sharpe ratio is Φ(SR / SE) with n - 1 in place of n", () => {
  const sr = (r.reduce((s, x) => s + x, 0) / r.length) /
    Math.sqrt(r.reduce((s, x) => s + (x - r.reduce((a, b) => a + b, 0) / r.length) ** 2, 0) / 11);
  const se = sharpeStandardError(r, { periodsPerYear: 1 }) * Math.sqrt(12 / 11);
  close(probabilisticSharpeRatio(r, { periodsPerYear: 1 }), normalCdf(sr / se), 1e-12);
});

Deno.test("sharpeStandardError is NaN below 3 returns and for constant returns", () => {
  assert.ok(Number.isNaN(sharpeStandardError(new Float64Array([0.01, 0.02]))));
  assert.ok(Number.isNaN(sharpeStandardError(new Float64Array([0.01, 0.01, 0.01]))));
  assert.throws(() => sharpeStandardError(new Float64Array([0.01, NaN, 0])), /NaN/);
});
