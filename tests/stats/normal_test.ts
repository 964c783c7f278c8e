import assert from "node:assert/strict";
import fc from "fast-check";
import { erf, erfc, normalCdf, normalQuantile } from "@lib/stats/normal.ts";

const close = (a: number, b: number, tol: number) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b} (tol ${tol})`);

Deno.test("normalCdf(x) equals scipy.stats.norm.cdf at tabulated points to 1e-16", () => {
  // values printed by scipy 1.17 (norm.cdf)
  const table: [number, number][] = [
    [-10, 7.61985302416047e-24],
    [-3, 0.0013498980316300933],
    [-1.2, 0.11506967022170822],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1.5, 0.9331927987311419],
    [5, 0.9999997133484281],
  ];
  for (const [x, p] of table) close(normalCdf(x), p, 1e-16 * Math.max(1e-8, p) + 1e-30);
  assert.equal(normalCdf(-40), 0);
  assert.equal(normalCdf(40), 1);
  assert.ok(Number.isNaN(normalCdf(NaN)));
});

Deno.test("erf and erfc are complementary and odd/even as defined", () => {
  for (const x of [-3, -0.7, 0, 0.2, 0.99, 1.01, 4, 9]) {
    close(erf(x) + erfc(x), 1, 1e-15);
    close(erf(-x), -erf(x), 0);
  }
  close(erf(0.5), 0.5204998778130465, 1e-16);
});

Deno.test("normalQuantile inverts normalCdf, matching scipy's norm.ppf", () => {
  // scipy 1.17 norm.ppf
  close(normalQuantile(0.975), 1.959963984540054, 1e-14);
  close(normalQuantile(0.01), -2.3263478740408408, 1e-14);
  close(normalQuantile(1e-20), -9.262340089798409, 1e-13);
  close(normalQuantile(1 - 1e-8), 5.612001243305505, 1e-12);
  assert.equal(normalQuantile(0.5), 0);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.throws(() => normalQuantile(1.5), /p must be in \[0, 1\]; got 1.5/);
  fc.assert(
    fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
      const x = normalQuantile(p);
      return Math.abs(normalCdf(x) - p) <= 1e-15 + 1e-13 * p;
    }),
  );
});
