import assert from "node:assert/strict";
import { join } from "node:path";
import { projectPath } from "@lib/paths.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { OlsRegression } from "@lib/models/linear/ols.ts";
import { ridge, RidgeRegression } from "@lib/models/linear/ridge.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import { loadModel } from "@lib/models/registry.ts";

const matrix = (rows: number[][], features: string[]): FeatureMatrix => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: features.length,
  features,
});
const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// y = 1 + 2a - 3b exactly, on non-collinear a, b.
const exact = matrix([[0, 1], [1, 0], [2, 3], [3, 1], [4, 5], [5, 2]], ["a", "b"]);
const exactY = Float64Array.from(
  [[0, 1], [1, 0], [2, 3], [3, 1], [4, 5], [5, 2]],
  ([a, b]) => 1 + 2 * a - 3 * b,
);

for (const standardize of [true, false]) {
  Deno.test(`RidgeRegression({ alpha: 0, standardize: ${standardize} }) recovers exact linear coefficients`, () => {
    const m = new RidgeRegression({ alpha: 0, standardize });
    m.fit(exact, exactY);
    close(m.intercept(), 1);
    const [a, b] = m.coefficients();
    close(a.coefficient, 2);
    close(b.coefficient, -3);
    assert.equal(a.feature, "a");
    m.predict(exact).forEach((p, i) => close(p, exactY[i]));
  });
}

Deno.test("RidgeRegression({ alpha: 1, standardize: false }) on one feature gives Sxy / (Sxx + alpha)", () => {
  // x = 1, 2, 3; y = 2, 4, 7: Sxx = 2, Sxy = 5, so beta = 5 / 3 and b = 13/3 - 2 x 5/3 = 1.
  const m = new RidgeRegression({ alpha: 1, standardize: false });
  m.fit(matrix([[1], [2], [3]], ["x"]), Float64Array.from([2, 4, 7]));
  close(m.coefficients()[0].coefficient, 5 / 3);
  close(m.intercept(), 1);
});

Deno.test("RidgeRegression({ alpha: 0 }) standard errors and t-stat match the simple-regression formula", () => {
  // x = 1..4, y = 1, 3, 2, 5: beta = 5.5 / 5 = 1.1, RSS = 2.7, sigma² = 1.35, se = sqrt(1.35 / 5).
  const m = new RidgeRegression({ alpha: 0 });
  m.fit(matrix([[1], [2], [3], [4]], ["x"]), Float64Array.from([1, 3, 2, 5]));
  const [c] = m.coefficients();
  close(c.coefficient, 1.1);
  close(c.stdError, Math.sqrt(1.35 / 5));
  close(c.tStat, 1.1 / Math.sqrt(1.35 / 5));
  close(m.intercept(), 0);
});

Deno.test("RidgeRegression standard errors are NaN without residual degrees of freedom", () => {
  const m = new RidgeRegression({ alpha: 0 });
  m.fit(matrix([[1], [2]], ["x"]), Float64Array.from([1, 3]));
  assert.ok(Number.isNaN(m.coefficients()[0].stdError));
});

Deno.test("RidgeRegression shrinks coefficients as alpha grows", () => {
  const fitted = [0, 1, 10, 100].map((alpha) => {
    const m = new RidgeRegression({ alpha });
    m.fit(exact, exactY);
    return Math.abs(m.coefficients()[0].coefficient);
  });
  for (let i = 1; i < fitted.length; i++) assert.ok(fitted[i] < fitted[i - 1], fitted.join());
});

Deno.test("RidgeRegression.importance() is |coefficient| x training std", () => {
  const m = new RidgeRegression({ alpha: 0 });
  m.fit(exact, exactY);
  const stdA = Math.sqrt([0, 1, 2, 3, 4, 5].reduce((s, v) => s + (v - 2.5) ** 2, 0) / 6);
  assert.equal(m.importance()[0].feature, "a");
  close(m.importance()[0].importance, 2 * stdA);
});

Deno.test("RidgeRegression save -> loadModel predicts the same", () => {
  const m = ridge({ alpha: 0.5 }).create();
  m.fit(exact, exactY);
  const saved = JSON.parse(JSON.stringify(m.save()));
  assert.equal(saved.kind, "ridge");
  assert.deepEqual(saved.features, ["a", "b"]);
  const loaded = loadModel(saved);
  assert.deepEqual(loaded.predict(exact), m.predict(exact));
});

Deno.test("RidgeRegression errors: constant label, no rows, missing or reordered columns, constant feature at alpha 0", () => {
  const m = new RidgeRegression({ alpha: 0 });
  assert.throws(
    () => m.fit(exact, new Float64Array(6).fill(0.01)),
    /label is constant \(every value is 0.01\)/,
  );
  assert.throws(() => m.fit(matrix([], ["a"]), new Float64Array()), /no rows/);
  assert.throws(() => m.predict(exact), /not fitted/);
  m.fit(exact, exactY);
  assert.throws(
    () => m.predict(matrix([[1]], ["a"])),
    /feature column\(s\) "b" missing from the input/,
  );
  assert.throws(() => m.predict(matrix([[1, 2]], ["b", "a"])), /differ from the fitted/);
  const withConstant = matrix([[0, 7], [1, 7], [2, 7]], ["a", "flat"]);
  assert.throws(
    () => m.fit(withConstant, Float64Array.from([1, 2, 4])),
    /"flat" constant in the training rows/,
  );
  const collinear = matrix([[0, 0], [1, 2], [2, 4]], ["a", "twice_a"]);
  assert.throws(() => m.fit(collinear, Float64Array.from([1, 2, 4])), /collinear/);
  assert.throws(
    () => m.fit(matrix([[NaN], [1]], ["a"]), Float64Array.from([1, 2])),
    /feature "a" is NaN at row 0/,
  );
  assert.throws(() => new RidgeRegression({ alpha: -1 }), /alpha must be a finite number >= 0/);
  // A constant feature is fine with a penalty: its coefficient is 0.
  const penalised = new RidgeRegression({ alpha: 1 });
  penalised.fit(withConstant, Float64Array.from([1, 2, 4]));
  assert.equal(penalised.coefficients()[1].coefficient, 0);
});

Deno.test("loadModel names an unknown kind and the known ones", () => {
  assert.throws(
    () => loadModel({ kind: "no_such_model", version: 1, features: [], params: {}, state: {} }),
    /unknown model kind "no_such_model"; known: (.*, )?ridge(, .*)?$/,
  );
});

async function sklearnRidge(
  x: FeatureMatrix,
  y: Float64Array,
  alpha: number,
  standardize: boolean,
): Promise<{ coef: number[]; intercept: number }> {
  const dir = await Deno.makeTempDir({ prefix: "ridge-ref-" });
  const input = join(dir, "in.json");
  const output = join(dir, "out.json");
  const rows = Array.from(
    { length: x.rows },
    (_, i) => Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)),
  );
  await Deno.writeTextFile(
    input,
    JSON.stringify({ x: rows, y: Array.from(y), alpha, standardize }),
  );
  const run = await new Deno.Command(projectPath(".venv", "bin", "python"), {
    args: [projectPath("tests", "models", "linear_reference.py"), "ridge", input, output],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  const answer = JSON.parse(await Deno.readTextFile(output));
  await Deno.remove(dir, { recursive: true });
  return answer;
}

/** Seeded features on very different scales (return, level, volume) and a noisy linear label. */
function seeded(n: number): { x: FeatureMatrix; y: Float64Array } {
  const random = seededRandom(13);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: number[][] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = 0.01 * normal();
    const b = 50 + 10 * normal() + 300 * a;
    const c = 1e5 * (1 + 0.2 * normal());
    rows.push([a, b, c]);
    y[i] = 0.5 * a - 0.0001 * b + 1e-8 * c + 0.01 * normal();
  }
  return { x: matrix(rows, ["ret", "level", "volume"]), y };
}

for (const standardize of [true, false]) {
  Deno.test(`RidgeRegression({ alpha: 5, standardize: ${standardize} }) matches sklearn Ridge to 1e-10`, async () => {
    const { x, y } = seeded(250);
    const ref = await sklearnRidge(x, y, 5, standardize);
    const m = new RidgeRegression({ alpha: 5, standardize });
    m.fit(x, y);
    m.coefficients().forEach((c, j) => {
      const scale = Math.abs(ref.coef[j]);
      assert.ok(
        Math.abs(c.coefficient - ref.coef[j]) <= 1e-10 * scale,
        `${c.feature}: ${c.coefficient} != ${ref.coef[j]}`,
      );
    });
    close(m.intercept(), ref.intercept, 1e-10);
  });
}

Deno.test("RidgeRegression p-values: classical t at alpha 0 (equal to ols()), NaN at alpha > 0", () => {
  const { x, y } = seeded(80);
  const r0 = new RidgeRegression({ alpha: 0 });
  const o = new OlsRegression();
  r0.fit(x, y);
  o.fit(x, y);
  const rows = [r0.interceptCoefficient(), ...r0.coefficients()];
  const expected = [o.interceptCoefficient(), ...o.coefficients()];
  rows.forEach((r, j) => {
    assert.ok(r.pValue > 0 && r.pValue <= 1);
    close(r.pValue, expected[j].pValue, 1e-9);
    close(r.stdError / expected[j].stdError, 1, 1e-9);
  });
  const r5 = new RidgeRegression({ alpha: 5 });
  r5.fit(x, y);
  for (const c of [r5.interceptCoefficient(), ...r5.coefficients()]) {
    assert.ok(Number.isNaN(c.pValue), c.feature);
    assert.ok(c.stdError > 0 && Number.isFinite(c.tStat), c.feature);
  }
});

Deno.test("RidgeRegression.load reads a v1 save from before intercept inference (p-values NaN)", () => {
  const old = {
    kind: "ridge",
    version: 1,
    features: ["x"],
    params: { alpha: 0, standardize: true },
    state: { intercept: 1, coefficients: [2], stdErrors: [0.5], featureStd: [1] },
  };
  const m = RidgeRegression.load(old);
  assert.equal(m.predict(matrix([[3]], ["x"]))[0], 7);
  assert.equal(m.coefficients()[0].tStat, 4);
  assert.ok(Number.isNaN(m.coefficients()[0].pValue));
  assert.ok(Number.isNaN(m.interceptCoefficient().stdError));
});
