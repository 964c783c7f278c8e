import assert from "node:assert/strict";
import fc from "fast-check";
import {
  incompleteBeta,
  logGamma,
  normalTwoSidedP,
  studentCdf,
  studentTwoSidedP,
} from "@lib/analysis/t_dist.ts";

// 2 * scipy.stats.t.sf(|t|, df) and 2 * scipy.stats.norm.sf(|z|), scipy 1.17
const T_CASES: [number, number, number][] = [
  [2.0, 10, 0.07338803477074037],
  [0.5, 3, 0.651447964848151],
  [-1.3, 7, 0.23476783539237725],
  [5.0, 200, 1.2501981277715407e-06],
  [30, 5, 7.718648620496053e-07],
  [0.01, 1, 0.993634014470186],
  [2.5, 4999, 0.012451122561203074],
  [12, 40, 7.82417130425598e-15],
  [3.3, 1, 0.18731554186375868],
];
const Z_CASES: [number, number][] = [
  [0.1, 0.920344325445942],
  [1.0, 0.31731050786291415],
  [3, 0.0026997960632601866],
  [6, 1.973175290075389e-09],
  [10, 1.523970604832094e-23],
  [25, 6.113393412765122e-138],
];

Deno.test("studentTwoSidedP matches scipy's t survival function to 1e-11 relative", () => {
  for (const [t, df, p] of T_CASES) {
    const got = studentTwoSidedP(t, df);
    assert.ok(Math.abs(got - p) <= 1e-11 * p, `t ${t}, df ${df}: ${got} vs ${p}`);
  }
});

Deno.test("normalTwoSidedP matches scipy's normal survival function to 1e-13 relative", () => {
  for (const [z, p] of Z_CASES) {
    const got = normalTwoSidedP(z);
    assert.ok(Math.abs(got - p) <= 1e-13 * p, `z ${z}: ${got} vs ${p}`);
    assert.equal(normalTwoSidedP(-z), got);
  }
  assert.equal(normalTwoSidedP(0), 1);
  assert.equal(normalTwoSidedP(Infinity), 0);
  assert.ok(Number.isNaN(normalTwoSidedP(NaN)));
});

Deno.test("studentCdf is a CDF: symmetric, increasing, tends to the normal for large df", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -50, max: 50, noNaN: true }),
      fc.double({ min: 0, max: 5, noNaN: true }),
      fc.integer({ min: 1, max: 500 }),
      (t, step, df) => {
        const a = studentCdf(t, df);
        const b = studentCdf(t + step, df);
        return Math.abs(a + studentCdf(-t, df) - 1) < 1e-12 && b >= a - 1e-15;
      },
    ),
    { endOnFailure: true },
  );
  assert.ok(Math.abs(studentTwoSidedP(1.96, 1e7) - normalTwoSidedP(1.96)) < 1e-7);
  assert.ok(Number.isNaN(studentTwoSidedP(1, 0)));
  assert.equal(studentTwoSidedP(Infinity, 3), 0);
});

Deno.test("incompleteBeta and logGamma on closed forms; bad arguments throw", () => {
  // I_x(1, 1) = x; I_x(a, 1) = x^a; ln Γ(5) = ln 24; Γ(1/2) = sqrt(pi)
  assert.ok(Math.abs(incompleteBeta(0.3, 1, 1) - 0.3) < 1e-15);
  assert.ok(Math.abs(incompleteBeta(0.6, 3, 1) - 0.216) < 1e-15);
  assert.ok(Math.abs(logGamma(5) - Math.log(24)) < 1e-13);
  assert.ok(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI)) < 1e-14);
  assert.throws(() => logGamma(0), /logGamma needs x > 0/);
  assert.throws(() => incompleteBeta(1.5, 1, 1), /0 <= x <= 1/);
  assert.throws(() => incompleteBeta(0.5, 0, 1), /a, b > 0/);
});
