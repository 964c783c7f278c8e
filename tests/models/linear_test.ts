import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { projectPath } from "@lib/paths.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import { seededRandom } from "@lib/models/sample.ts";
import {
  coefficientFrame,
  elasticNet,
  ElasticNetRegression,
  lasso,
  ols,
  OlsRegression,
  RidgeRegression,
} from "@lib/models/linear/mod.ts";

/** Runs tests/models/linear_reference.py MODE on `job` and returns its JSON answer. */
async function reference<T>(mode: string, job: unknown): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "linear-ref-" });
  const input = join(dir, "in.json");
  const output = join(dir, "out.json");
  await Deno.writeTextFile(input, JSON.stringify(job));
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "models", "linear_reference.py"), mode, input, output],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const answer = JSON.parse(await Deno.readTextFile(output)) as T;
  await Deno.remove(dir, { recursive: true });
  return answer;
}

const matrix = (rows: number[][], features: string[]): FeatureMatrix => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: features.length,
  features,
});
const toRows = (x: FeatureMatrix) =>
  Array.from(
    { length: x.rows },
    (_, i) => Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)),
  );

/** |a - b| <= tol * max(1, |b|): absolute below 1, relative above. */
function close(a: number, b: number | null, tol: number, what = ""): void {
  const expected = b ?? NaN;
  if (Number.isNaN(expected)) return assert.ok(Number.isNaN(a), `${what}: ${a} is not NaN`);
  assert.ok(
    Math.abs(a - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: ${a} != ${expected} (diff ${a - expected})`,
  );
}

/**
 * Seeded regression data: 4 correlated features on different scales (a return, an RSI-like
 * level, a volume-like count, noise), y linear in two of them plus noise.
 */
function seeded(n: number, seed: number): { x: FeatureMatrix; y: Float64Array } {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const data = new Float64Array(n * 4);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = 0.01 * normal();
    const b = 50 + 10 * normal() + 300 * a;
    const c = 1e5 * (1 + 0.2 * normal());
    const d = normal();
    data.set([a, b, c, d], i * 4);
    y[i] = 0.002 + 0.5 * a - 0.0001 * (b - 50) + 0.01 * normal();
  }
  return { x: { data, rows: n, cols: 4, features: ["ret", "rsi", "volume", "noise"] }, y };
}

interface OlsReference {
  params: number[];
  bse: number[];
  tvalues: number[];
  pvalues: number[];
  rsquared: number;
  rsquared_adj: number;
  fvalue: number;
  f_pvalue: number;
  df_resid: number;
  sigma: number;
}

Deno.test("ols() matches statsmodels OLS params, bse, t, p, R², F to 1e-8 on seeded data", async () => {
  const { x, y } = seeded(300, 11);
  const ref = await reference<OlsReference>("ols", { x: toRows(x), y: Array.from(y) });
  const m = new OlsRegression();
  m.fit(x, y);
  const rows = [m.interceptCoefficient(), ...m.coefficients()];
  rows.forEach((r, j) => {
    close(r.coefficient, ref.params[j], 1e-8, `param ${r.feature}`);
    close(r.stdError, ref.bse[j], 1e-8, `bse ${r.feature}`);
    close(r.tStat, ref.tvalues[j], 1e-8, `t ${r.feature}`);
    close(r.pValue, ref.pvalues[j], 1e-8, `p ${r.feature}`);
  });
  // At least one p-value is far from 0 and 1, so the check is not trivially passing on tails.
  assert.ok(ref.pvalues.some((p) => p > 0.01 && p < 0.99), ref.pvalues.join());
  const s = m.summary();
  close(s.rSquared, ref.rsquared, 1e-8, "R²");
  close(s.adjRSquared, ref.rsquared_adj, 1e-8, "adj R²");
  close(s.fStat, ref.fvalue, 1e-8, "F");
  close(s.fPValue, ref.f_pvalue, 1e-8, "F p");
  close(s.sigma, ref.sigma, 1e-8, "sigma");
  assert.equal(s.dfResid, ref.df_resid);
});

Deno.test("ols() on y = 1 + 2a - 3b recovers it; simple regression SE matches the formula", () => {
  const x = matrix([[0, 1], [1, 0], [2, 3], [3, 1], [4, 5], [5, 2]], ["a", "b"]);
  const y = Float64Array.from(toRows(x), ([a, b]) => 1 + 2 * a - 3 * b);
  const m = ols().create() as OlsRegression;
  m.fit(x, y);
  close(m.intercept(), 1, 1e-10);
  close(m.coefficients()[0].coefficient, 2, 1e-10);
  close(m.coefficients()[1].coefficient, -3, 1e-10);
  // x = 1..4, y = 1, 3, 2, 5: beta = 1.1, RSS = 2.7, sigma² = 1.35, se = sqrt(1.35 / 5), df 2.
  const s = new OlsRegression();
  s.fit(matrix([[1], [2], [3], [4]], ["x"]), Float64Array.from([1, 3, 2, 5]));
  const [c] = s.coefficients();
  close(c.stdError, Math.sqrt(1.35 / 5), 1e-12);
  // t with 2 df: P(|T| > t) = 1 - t / sqrt(2 + t²).
  close(c.pValue, 1 - c.tStat / Math.sqrt(2 + c.tStat ** 2), 1e-12);
  // Intercept se: sigma² (1/n + x̄² / Sxx) = 1.35 (1/4 + 6.25/5).
  close(s.interceptCoefficient().stdError, Math.sqrt(1.35 * (0.25 + 6.25 / 5)), 1e-12);
  assert.equal(s.interceptCoefficient().feature, "(intercept)");
});

Deno.test("ols() inference is NaN without residual degrees of freedom", () => {
  const m = new OlsRegression();
  m.fit(matrix([[1], [2]], ["x"]), Float64Array.from([1, 3]));
  const [c] = m.coefficients();
  assert.ok(Number.isNaN(c.stdError) && Number.isNaN(c.pValue));
  assert.ok(Number.isNaN(m.summary().fStat));
});

Deno.test("ols() rescaling a feature by c divides its coefficient by c and keeps predictions", () => {
  const { x, y } = seeded(60, 3);
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.integer({ min: 0, max: 3 }),
      (c, j) => {
        const scaled = { ...x, data: x.data.map((v, k) => (k % 4 === j ? v * c : v)) };
        const a = new OlsRegression();
        const b = new OlsRegression();
        a.fit(x, y);
        b.fit(scaled, y);
        close(b.coefficients()[j].coefficient * c, a.coefficients()[j].coefficient, 1e-7);
        close(b.coefficients()[j].tStat, a.coefficients()[j].tStat, 1e-7);
        const pa = a.predict(x);
        b.predict(scaled).forEach((p, i) => close(p, pa[i], 1e-9));
      },
    ),
    { numRuns: 25, seed: 5 },
  );
});

Deno.test("ols() errors: collinear, constant feature, NaN feature, unfitted", () => {
  const m = new OlsRegression();
  assert.throws(() => m.coefficients(), /ols model is not fitted/);
  assert.throws(
    () => m.fit(matrix([[0, 0], [1, 2], [2, 4]], ["a", "twice_a"]), Float64Array.from([1, 2, 4])),
    /collinear/,
  );
  assert.throws(
    () => m.fit(matrix([[0, 7], [1, 7], [2, 7]], ["a", "flat"]), Float64Array.from([1, 2, 4])),
    /"flat" constant in the training rows/,
  );
  assert.throws(
    () => m.fit(matrix([[NaN], [1]], ["a"]), Float64Array.from([1, 2])),
    /feature "a" is NaN at row 0/,
  );
});

Deno.test("OlsRegression save -> JSON -> load predicts the same and keeps NaN inference", () => {
  const { x, y } = seeded(50, 4);
  const m = new OlsRegression();
  m.fit(x, y);
  const loaded = OlsRegression.load(JSON.parse(JSON.stringify(m.save())));
  assert.deepEqual(loaded.predict(x), m.predict(x));
  assert.deepEqual(loaded.coefficients(), m.coefficients());
  const tiny = new OlsRegression();
  tiny.fit(matrix([[1], [2]], ["x"]), Float64Array.from([1, 3]));
  const back = OlsRegression.load(JSON.parse(JSON.stringify(tiny.save())));
  assert.ok(Number.isNaN(back.coefficients()[0].stdError));
  assert.throws(() => OlsRegression.load({ ...m.save(), kind: "ridge" }), /as ols v1/);
});

interface EnetReference {
  coef: number[];
  intercept: number;
}

for (const standardize of [true, false]) {
  for (
    const [alpha, l1Ratio] of [[standardize ? 0.002 : 1e-5, 1], [standardize ? 0.003 : 2e-5, 0.5]]
  ) {
    Deno.test(`ElasticNetRegression({ alpha: ${alpha}, l1Ratio: ${l1Ratio}, standardize: ${standardize} }) matches sklearn ElasticNet to 1e-8`, async () => {
      const { x, y } = seeded(400, 21);
      const ref = await reference<EnetReference>("enet", {
        x: toRows(x),
        y: Array.from(y),
        alpha,
        l1_ratio: l1Ratio,
        standardize,
      });
      const m = new ElasticNetRegression({ alpha, l1Ratio, standardize });
      m.fit(x, y);
      assert.ok(m.convergence().converged);
      const coefs = m.coefficients();
      coefs.forEach((c, j) => {
        // Relative to the coefficient's scale: raw coefficients range over 1e-8 .. 0.5.
        const scale = Math.max(Math.abs(ref.coef[j]), 1e-300);
        if (ref.coef[j] === 0) assert.equal(c.coefficient, 0, `${c.feature} should be dropped`);
        else close(c.coefficient / scale, ref.coef[j] / scale, 1e-8, c.feature);
      });
      close(m.intercept(), ref.intercept, 1e-10, "intercept");
      // The penalty is strong enough to drop or shrink something: not an OLS fit in disguise.
      const o = new OlsRegression();
      o.fit(x, y);
      assert.ok(
        coefs.some((c, j) =>
          Math.abs(c.coefficient) < 0.9 * Math.abs(o.coefficients()[j].coefficient)
        ),
      );
    });
  }
}

Deno.test("lasso() drops every feature at alpha >= max |Zᵀy| / n and reports no inference", () => {
  const { x, y } = seeded(100, 8);
  const probe = new ElasticNetRegression({ alpha: 1e-12, l1Ratio: 1 });
  probe.fit(x, y);
  // alpha_max for standardised features.
  let alphaMax = 0;
  const ym = y.reduce((s, v) => s + v, 0) / y.length;
  for (let j = 0; j < 4; j++) {
    const col = Array.from({ length: 100 }, (_, i) => x.data[i * 4 + j]);
    const mean = col.reduce((s, v) => s + v, 0) / 100;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / 100);
    alphaMax = Math.max(
      alphaMax,
      Math.abs(col.reduce((s, v, i) => s + ((v - mean) / sd) * (y[i] - ym), 0)) / 100,
    );
  }
  const above = lasso({ alpha: alphaMax * 1.0001 }).create() as ElasticNetRegression;
  above.fit(x, y);
  assert.ok(above.coefficients().every((c) => c.coefficient === 0));
  close(above.intercept(), ym, 1e-15);
  const below = lasso({ alpha: alphaMax * 0.9 }).create() as ElasticNetRegression;
  below.fit(x, y);
  assert.equal(below.coefficients().filter((c) => c.coefficient !== 0).length, 1);
  const c = below.coefficients()[0];
  assert.ok(Number.isNaN(c.stdError) && Number.isNaN(c.tStat) && Number.isNaN(c.pValue));
  assert.ok(Number.isNaN(below.interceptCoefficient().pValue));
});

Deno.test("elasticNet({ alpha: a, l1Ratio: 0 }) equals RidgeRegression({ alpha: n a })", () => {
  const { x, y } = seeded(120, 9);
  for (const standardize of [true, false]) {
    const a = standardize ? 0.05 : 1e-3;
    const e = new ElasticNetRegression({ alpha: a, l1Ratio: 0, standardize, tol: 1e-14 });
    const r = new RidgeRegression({ alpha: 120 * a, standardize });
    e.fit(x, y);
    r.fit(x, y);
    e.coefficients().forEach((c, j) => {
      const ref = r.coefficients()[j].coefficient;
      close(c.coefficient / Math.abs(ref), ref / Math.abs(ref), 1e-8, c.feature);
    });
  }
});

Deno.test("elasticNet() and lasso() specs: names, bad options, save -> load", () => {
  assert.equal(lasso({ alpha: 0.1 }).name, "lasso");
  assert.equal(elasticNet({ alpha: 0.1 }).name, "elastic_net");
  assert.throws(() => elasticNet({ alpha: 0 }), /alpha must be a finite number > 0/);
  assert.throws(() => elasticNet({ alpha: 1, l1Ratio: 1.5 }), /l1Ratio must be in \[0, 1\]/);
  const { x, y } = seeded(80, 2);
  const m = elasticNet({ alpha: 0.001, l1Ratio: 0.3 }).create() as ElasticNetRegression;
  m.fit(x, y);
  const saved = JSON.parse(JSON.stringify(m.save()));
  assert.equal(saved.kind, "elastic_net");
  assert.equal(saved.params.l1Ratio, 0.3);
  const loaded = ElasticNetRegression.load(saved);
  assert.deepEqual(loaded.predict(x), m.predict(x));
  assert.deepEqual(loaded.importance(), m.importance());
});

Deno.test("coefficientFrame(ols) has the intercept first and one row per feature", () => {
  const { x, y } = seeded(40, 6);
  const m = new OlsRegression();
  m.fit(x, y);
  const f = coefficientFrame(m);
  assert.deepEqual(f.columns, ["feature", "coefficient", "std_error", "t_stat", "p_value"]);
  assert.deepEqual(f.getColumn("feature").toArray(), [
    "(intercept)",
    "ret",
    "rsi",
    "volume",
    "noise",
  ]);
  assert.equal(f.getColumn("p_value").toArray()[1], m.coefficients()[0].pValue);
});
