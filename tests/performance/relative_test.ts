import assert from "node:assert/strict";
import { alignBenchmark, alphaBeta, beta, informationRatio } from "@lib/performance/relative.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

Deno.test("alignBenchmark compounds the benchmark over the portfolio's periods", () => {
  const bench = {
    dates: new Float64Array([10, 11, 12, 13, 14]),
    returns: new Float64Array([0.5, 0.1, 0.2, -0.5, 0.1]),
  };
  const r = alignBenchmark(new Float64Array([11, 13, 14]), bench);
  close(r[0], 0.1);
  close(r[1], 1.2 * 0.5 - 1);
  close(r[2], 0.1);
  assert.deepEqual([...alignBenchmark(bench.dates, bench)], [...bench.returns]);
  assert.throws(
    () => alignBenchmark(new Float64Array([11, 15]), bench),
    /benchmark ends on day 14, before the portfolio's last date \(day 15\)/,
  );
  assert.throws(
    () => alignBenchmark(new Float64Array([9, 11]), bench),
    /no return on the portfolio's first date \(day 9\)/,
  );
});

Deno.test("alphaBeta of r = 0.5 b + 0.001 is beta 0.5 and alpha (1.001)^252 - 1", () => {
  const b = new Float64Array([0.01, -0.02, 0.015, 0.003, -0.007]);
  const r = b.map((x) => 0.5 * x + 0.001);
  const ab = alphaBeta(r, b);
  close(ab.beta, 0.5);
  close(ab.alpha, 1.001 ** 252 - 1, 1e-10);
  // with a risk-free rate, alpha is what is left over rf + beta (b - rf)
  const rf = 0.0002;
  close(alphaBeta(r, b, { riskFree: rf }).alpha, (1 + 0.001 - 0.5 * rf) ** 252 - 1, 1e-10);
  assert.ok(Number.isNaN(beta(r, new Float64Array(5).fill(0.01))), "flat benchmark: NaN");
  assert.throws(() => beta(r, b.subarray(1)), /returns \(5\) and benchmark \(4\) differ/);
});

Deno.test("informationRatio is the annualised Sharpe ratio of active returns", () => {
  const b = new Float64Array([0.01, -0.02, 0.015]);
  const r = new Float64Array([0.02, -0.01, 0.015]);
  const active = [0.01, 0.01, 0];
  const m = 0.02 / 3;
  const sd = Math.sqrt(active.reduce((s, x) => s + (x - m) ** 2, 0) / 2);
  close(informationRatio(r, b), (m / sd) * Math.sqrt(252));
  assert.ok(Number.isNaN(informationRatio(b, b)), "no active return: NaN");
});
