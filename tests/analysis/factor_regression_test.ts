import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { factorRegression, rollingFactorRegression } from "@lib/analysis/factor_regression.ts";

const months = Array.from(
  { length: 24 },
  (_, i) => `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
);
const wave = (k: number) => months.map((_, i) => Math.sin(i * k) / 50);
const factors = pl.DataFrame({
  month: months,
  mkt_rf: wave(1),
  smb: wave(2.3),
  hml: wave(0.7),
  rf: months.map(() => 0.001),
});

Deno.test("factorRegression recovers a known FF3 loading and annualises alpha", () => {
  const noise = months.map((_, i) => ((i * 7919) % 13 - 6) / 10_000);
  const ret = months.map((_, i) =>
    0.001 + 0.004 + 1.2 * wave(1)[i] + 0.5 * wave(2.3)[i] - 0.3 * wave(0.7)[i] + noise[i]
  );
  const fit = factorRegression(pl.DataFrame({ month: months, ret }), factors);
  const coef = fit.table.getColumn("coef").toArray() as number[];
  assert.deepEqual(fit.table.getColumn("term").toArray(), ["alpha", "mkt_rf", "smb", "hml"]);
  [0.004, 1.2, 0.5, -0.3].forEach((c, i) =>
    assert.ok(Math.abs(coef[i] - c) < 0.05, `${coef[i]} vs ${c}`)
  );
  assert.equal(fit.alphaAnnualised, fit.alpha * 12);
  assert.equal(fit.alphaAnnualisedStdErr, fit.fit.stdErr[0] * 12);
  assert.ok(Math.abs(fit.alphaCompounded - ((1 + fit.alpha) ** 12 - 1)) < 1e-15);
  assert.equal(fit.lags, 2); // floor(4 (24 / 100)^(2/9))
  assert.ok(fit.r2 > 0.9);
});

Deno.test("factorRegression counts months without factors or with a null return", () => {
  const ret = months.map((_, i) => (i === 3 ? null : wave(1)[i]));
  const returns = pl.DataFrame({ month: [...months, "2030-01"], ret: [...ret, 0.01] });
  const fit = factorRegression(returns, factors, { model: "capm" });
  assert.deepEqual(fit.dropped, { noFactors: 1, missingReturn: 1 });
  assert.equal(fit.n, 23);
  assert.throws(
    () => factorRegression(returns, factors.drop("hml")),
    /factors frame has no "hml" column/,
  );
  assert.throws(
    () => factorRegression(returns, factors, { value: "x" }),
    /returns frame has no "x" column/,
  );
  assert.throws(
    () => factorRegression(returns, factors, { model: "ff6" as "ff3" }),
    /model must be "capm", "ff3" or "ff5"/,
  );
});

Deno.test("rollingFactorRegression is null for the first window - 1 months, then refits each window", () => {
  const ret = months.map((_, i) => 0.001 + (i < 12 ? 1 : 2) * wave(1)[i]);
  const rolling = rollingFactorRegression(pl.DataFrame({ month: months, ret }), factors, {
    model: "capm",
    window: 6,
  });
  const beta = rolling.getColumn("beta_mkt_rf").toArray() as (number | null)[];
  assert.equal(beta.filter((b) => b === null).length, 5);
  assert.ok(
    Math.abs((beta[8] as number) - 1) < 1e-10 && Math.abs((beta[23] as number) - 2) < 1e-10,
  );
  assert.throws(
    () => rollingFactorRegression(pl.DataFrame({ month: months, ret }), factors, { window: 4 }),
    /window must be an integer above the 4 coefficients/,
  );
});
