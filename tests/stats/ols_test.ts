import assert from "node:assert/strict";
import { interceptVariance, leastSquares, scaledInverse, unscaledInverse } from "@lib/stats/ols.ts";
import { ols as olsModel, type OlsRegression } from "@lib/models/linear/ols.ts";
import { ols as olsRegression } from "@lib/analysis/ols.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// y = 1 + 2a - 3b + noise on 6 rows
const a = [0, 1, 2, 3, 4, 5];
const b = [1, 0, 2, 1, 3, 1];
const noise = [0.1, -0.2, 0.05, 0.15, -0.1, 0.02];
const y = Float64Array.from(a, (v, i) => 1 + 2 * v - 3 * b[i] + noise[i]);
const x = { data: Float64Array.from(a.flatMap((v, i) => [v, b[i]])), rows: 6, cols: 2 };

Deno.test("leastSquares(x, y) solves the normal equations of [1, X]: Xᵀ(y - Xβ) = 0", () => {
  const fit = leastSquares(x, y)!;
  const resid = a.map((v, i) =>
    y[i] - fit.intercept - fit.coefficients[0] * v - fit.coefficients[1] * b[i]
  );
  close(resid.reduce((s, r) => s + r, 0), 0);
  close(resid.reduce((s, r, i) => s + r * a[i], 0), 0);
  close(resid.reduce((s, r, i) => s + r * b[i], 0), 0);
});

Deno.test("unscaledInverse(fit) is (XᵀX)⁻¹ of [1, X], its intercept entry interceptVariance()", () => {
  const fit = leastSquares(x, y)!;
  const inv = unscaledInverse(fit);
  const cols = [a.map(() => 1), a, b];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let m = 0; m < 3; m++) {
        const xtx = cols[i].reduce((acc, v, t) => acc + v * cols[m][t], 0);
        s += xtx * inv[m * 3 + j];
      }
      close(s, i === j ? 1 : 0, 1e-10);
    }
  }
  assert.equal(inv[0], interceptVariance(fit.design, scaledInverse(fit)));
});

Deno.test("leastSquares(x, y, false) is regression through the origin: slope Σxy / Σx²", () => {
  const one = { data: Float64Array.from([1, 2, 3, 4]), rows: 4, cols: 1 };
  const yy = Float64Array.from([2.1, 3.9, 6.2, 7.8]);
  const fit = leastSquares(one, yy, false)!;
  close(fit.coefficients[0], (2.1 + 7.8 + 18.6 + 31.2) / 30);
  assert.equal(fit.intercept, 0);
  close(unscaledInverse(fit, false)[0], 1 / 30);
});

Deno.test("leastSquares is undefined for a constant or collinear column", () => {
  const constant = { data: Float64Array.from([1, 5, 2, 5, 3, 5]), rows: 3, cols: 2 };
  assert.equal(leastSquares(constant, Float64Array.from([1, 2, 4])), undefined);
  const collinear = { data: Float64Array.from([1, 2, 2, 4, 3, 6, 4, 8]), rows: 4, cols: 2 };
  assert.equal(leastSquares(collinear, Float64Array.from([1, 2, 4, 3])), undefined);
});

Deno.test("the OLS model and the factor regressions' ols share one solver: equal coefficients bit for bit", () => {
  const model = olsModel().create() as OlsRegression;
  model.fit({ ...x, features: ["a", "b"] }, y);
  const fit = olsRegression(y, [a, b], { covariance: "nonrobust" });
  assert.equal(fit.coef[0], model.intercept());
  assert.deepEqual(
    Array.from(fit.coef.subarray(1)),
    model.coefficients().map((c) => c.coefficient),
  );
  // the classical standard errors agree to rounding (each side orders the products its own way)
  model.coefficients().forEach((c, j) => close(fit.stdErr[j + 1], c.stdError));
  close(fit.stdErr[0], model.interceptCoefficient().stdError);
});
