import assert from "node:assert/strict";
import { neweyWestLags, ols } from "@lib/analysis/ols.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

Deno.test("ols(y, [x], nonrobust) on a hand-computed line: slope, intercept, standard errors, R^2", () => {
  // x 1..5, y = 2.1 3.9 6.2 7.8 10.1: sxx 10, sxy 19.9 -> slope 1.99, intercept 6.02 - 5.97 = 0.05
  const x = [1, 2, 3, 4, 5];
  const y = [2.1, 3.9, 6.2, 7.8, 10.1];
  const fit = ols(y, [x], { names: ["x"], covariance: "nonrobust" });
  assert.deepEqual(fit.names, ["const", "x"]);
  close(fit.coef[1], 1.99);
  close(fit.coef[0], 0.05);
  const resid = y.map((v, i) => v - 0.05 - 1.99 * x[i]);
  const s2 = resid.reduce((a, r) => a + r * r, 0) / 3;
  close(fit.stdErr[1], Math.sqrt(s2 / 10));
  close(fit.stdErr[0], Math.sqrt(s2 * (1 / 5 + 9 / 10)));
  const tss = y.reduce((a, v) => a + (v - 6.02) ** 2, 0);
  close(fit.r2, 1 - (s2 * 3) / tss);
  close(fit.adjR2, 1 - (4 / 3) * (1 - fit.r2));
  assert.equal(fit.lags, 0);
});

Deno.test("ols HAC with 0 lags is White's HC0; with lags adds Bartlett-weighted autocovariances", () => {
  const x = [1, 2, 3, 4, 5, 6];
  const y = [1, 3, 2, 5, 4, 6];
  const white = ols(y, [x], { lags: 0 });
  // slope-only check: var(b1) = sum dx^2 u^2 / sxx^2 for a regression with intercept
  const mx = 3.5;
  const sxx = x.reduce((a, v) => a + (v - mx) ** 2, 0);
  const u = white.residuals;
  close(white.stdErr[1] ** 2, x.reduce((a, v, t) => a + (v - mx) ** 2 * u[t] ** 2, 0) / sxx ** 2);
  const hac = ols(y, [x], { lags: 1 });
  // slope part of the meat: w1 = 1/2 on the lag-1 cross products of dx u
  const g = x.map((v, t) => (v - mx) * u[t]);
  let s = g.reduce((a, v) => a + v * v, 0);
  for (let t = 1; t < 6; t++) s += 2 * 0.5 * g[t] * g[t - 1];
  close(hac.stdErr[1] ** 2, s / sxx ** 2);
  const corrected = ols(y, [x], { lags: 1, useCorrection: true });
  close(corrected.stdErr[1] ** 2, hac.stdErr[1] ** 2 * 6 / 4);
  assert.ok(hac.pValue[1] < ols(y, [x], { lags: 1, useT: true }).pValue[1], "t tails are heavier");
});

Deno.test("neweyWestLags is floor(4 (n / 100)^(2/9))", () => {
  assert.equal(neweyWestLags(100), 4);
  assert.equal(neweyWestLags(102), 4);
  assert.equal(neweyWestLags(1000), 6);
  assert.equal(neweyWestLags(20), 2);
});

Deno.test("ols rejects collinear or missing regressors, too few rows and bad lags", () => {
  assert.throws(() => ols([1, 2, 3, 4], [[1, 2, 3, 4], [2, 4, 6, 8]]), /collinear/);
  assert.throws(() => ols([1, 2, NaN, 4], [[1, 2, 3, 4]]), /y has a missing or infinite value/);
  assert.throws(() => ols([1, 2], [[1, 2]]), /more observations \(2\) than coefficients \(2\)/);
  assert.throws(() => ols([1, 2, 3], [[1, 2]]), /regressor x1 has 2 values, y has 3/);
  assert.throws(
    () => ols([1, 2, 3, 5], [[1, 2, 3, 3]], { lags: -1 }),
    /lags must be an integer >= 0/,
  );
});

Deno.test("ols without intercept is regression through the origin: slope Σxy / Σx², n - 1 df", () => {
  const x = [1, 2, 3, 4];
  const y = [2.1, 3.9, 6.2, 7.8];
  const fit = ols(y, [x], { intercept: false, covariance: "nonrobust" });
  assert.deepEqual(fit.names, ["x1"]);
  const slope = (2.1 + 7.8 + 18.6 + 31.2) / 30;
  close(fit.coef[0], slope);
  const ssr = y.reduce((a, v, i) => a + (v - slope * x[i]) ** 2, 0);
  close(fit.stdErr[0], Math.sqrt(ssr / 3 / 30));
  close(fit.r2, 1 - ssr / y.reduce((a, v) => a + v * v, 0));
});
