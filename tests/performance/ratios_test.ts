import assert from "node:assert/strict";
import fc from "fast-check";
import {
  annualReturn,
  annualVolatility,
  calmarRatio,
  downsideRisk,
  omegaRatio,
  sharpeRatio,
  sortinoRatio,
  stability,
  totalReturn,
} from "@lib/performance/ratios.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

const r = new Float64Array([0.02, -0.01, 0.03, -0.04, 0.01]);
const m = 0.002;
const sd = Math.sqrt(
  [0.02, -0.01, 0.03, -0.04, 0.01].reduce((s, x) => s + (x - m) ** 2, 0) / 4,
);

Deno.test("sharpeRatio(r) is mean / sample std x sqrt(252), by hand", () => {
  close(sharpeRatio(r), (m / sd) * Math.sqrt(252));
  close(sharpeRatio(r, { riskFree: 0.001 }), ((m - 0.001) / sd) * Math.sqrt(252));
  close(sharpeRatio(r, { periodsPerYear: 12 }), (m / sd) * Math.sqrt(12));
  assert.ok(Number.isNaN(sharpeRatio(new Float64Array([0.01]))), "one return: NaN");
  assert.equal(sharpeRatio(new Float64Array([0.01, 0.01, 0.01])), Infinity, "constant: infinite");
  assert.ok(Number.isNaN(sharpeRatio(new Float64Array([0, 0]))));
  assert.throws(() => sharpeRatio(new Float64Array([0.1, NaN])), /returns\[1\] is NaN/);
  assert.throws(() => sharpeRatio(r, { periodsPerYear: 0 }), /periodsPerYear must be a positive/);
});

Deno.test("annualVolatility, annualReturn and totalReturn by hand", () => {
  close(annualVolatility(r), sd * Math.sqrt(252));
  const wealth = 1.02 * 0.99 * 1.03 * 0.96 * 1.01;
  close(totalReturn(r), wealth - 1);
  close(annualReturn(r), wealth ** (252 / 5) - 1, 1e-9);
  close(annualReturn(r, { periodsPerYear: 5 }), wealth - 1);
  assert.ok(Number.isNaN(annualReturn(new Float64Array())));
  assert.equal(totalReturn(new Float64Array()), 0);
});

Deno.test("sortinoRatio uses the downside deviation over all periods (zeros above the target)", () => {
  const dd = Math.sqrt((0.01 ** 2 + 0.04 ** 2) / 5);
  close(downsideRisk(r), dd * Math.sqrt(252));
  close(sortinoRatio(r), (m * 252) / (dd * Math.sqrt(252)));
  // with a target of 1%, the 1% period is not below it
  const dd1 = Math.sqrt((0.02 ** 2 + 0.05 ** 2) / 5);
  close(sortinoRatio(r, { riskFree: 0.01 }), ((m - 0.01) * 252) / (dd1 * Math.sqrt(252)));
  assert.equal(sortinoRatio(new Float64Array([0.01, 0.02])), Infinity);
});

Deno.test("calmarRatio and omegaRatio by hand; NaN without a drawdown or a loss", () => {
  const wealth = 1.02 * 0.99 * 1.03 * 0.96 * 1.01;
  // deepest fall: from the peak 1.02 x 0.99 x 1.03 to that x 0.96
  close(calmarRatio(r), (wealth ** (252 / 5) - 1) / 0.04, 1e-9);
  close(omegaRatio(r), 0.06 / 0.05);
  close(omegaRatio(r, { riskFree: 0.01 }), (0.01 + 0.02) / (0.02 + 0.05));
  assert.ok(Number.isNaN(calmarRatio(new Float64Array([0.01, 0.02]))));
  assert.ok(Number.isNaN(omegaRatio(new Float64Array([0.01, 0.02]))));
});

Deno.test("stability is 1 for a constant growth rate and R² of a line otherwise", () => {
  close(stability(new Float64Array(50).fill(0.01)), 1);
  // cumulative log returns 0, log 2, log 2 against 0, 1, 2: R² = 0.75
  close(stability(new Float64Array([0, 1, 0])), 0.75);
});

Deno.test("sharpeRatio is unchanged by scaling returns and flips sign with them (property)", () => {
  fc.assert(
    fc.property(
      // Returns below 1e-150 in size are read as 0: their squares underflow to subnormals, where
      // scaling is no longer exact in floating point (fast-check found [-3.6e-162, 0, 0, 0]).
      fc.array(
        fc.double({ min: -0.2, max: 0.2, noNaN: true }).map((v) => Math.abs(v) < 1e-150 ? 0 : v),
        { minLength: 3, maxLength: 60 },
      ),
      fc.double({ min: 0.1, max: 10, noNaN: true }),
      (values, k) => {
        const x = Float64Array.from(values);
        const s = sharpeRatio(x);
        if (!Number.isFinite(s) || Math.abs(s) > 1e6) return true;
        const scaled = sharpeRatio(x.map((v) => k * v));
        const flipped = sharpeRatio(x.map((v) => -v));
        return Math.abs(scaled - s) <= 1e-6 * Math.max(1, Math.abs(s)) &&
          Math.abs(flipped + s) <= 1e-6 * Math.max(1, Math.abs(s));
      },
    ),
  );
});
