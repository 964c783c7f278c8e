import assert from "node:assert/strict";
import { join } from "node:path";
import { projectPath } from "@lib/paths.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import { seededRandom } from "@lib/models/sample.ts";
import { isClassifier } from "@lib/models/model.ts";
import { logistic, LogisticRegression } from "@lib/models/linear/logistic.ts";

async function reference<T>(mode: string, job: unknown): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "logit-ref-" });
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

/** |a - b| <= tol * max(1, |b|). */
function close(a: number, b: number, tol: number, what = ""): void {
  assert.ok(
    Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)),
    `${what}: ${a} != ${b} (diff ${a - b})`,
  );
}

/** Seeded direction data: P(up) is logistic in a return and an RSI-like level; a noise column. */
function seeded(n: number, seed: number): { x: FeatureMatrix; y: Float64Array } {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: number[][] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ret = 0.02 * normal();
    const rsi = 50 + 12 * normal();
    const noise = normal();
    rows.push([ret, rsi, noise]);
    const eta = 0.2 + 30 * ret - 0.03 * (rsi - 50);
    y[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { x: matrix(rows, ["ret", "rsi", "noise"]), y };
}

interface LogitReference {
  params: number[];
  bse: number[];
  zvalues: number[];
  pvalues: number[];
  proba: number[];
}

Deno.test("LogisticRegression() without penalty matches statsmodels Logit params, bse, z, p to 1e-8", async () => {
  const { x, y } = seeded(600, 3);
  const ref = await reference<LogitReference>("logit", {
    x: toRows(x),
    y: Array.from(y),
    C: null,
  });
  for (const standardize of [true, false]) {
    const m = new LogisticRegression({ standardize });
    m.fit(x, y);
    [m.interceptCoefficient(), ...m.coefficients()].forEach((c, j) => {
      close(c.coefficient, ref.params[j], 1e-8, `param ${c.feature}`);
      close(c.stdError, ref.bse[j], 1e-8, `bse ${c.feature}`);
      close(c.tStat, ref.zvalues[j], 1e-8, `z ${c.feature}`);
      close(c.pValue, ref.pvalues[j], 1e-8, `p ${c.feature}`);
    });
    const proba = m.predictProba(x);
    ref.proba.forEach((p, i) => close(proba[2 * i + 1], p, 1e-10, `proba ${i}`));
  }
  assert.ok(ref.pvalues.some((p) => p > 0.05), "the noise column should not be significant");
});

for (const standardize of [true, false]) {
  Deno.test(`LogisticRegression({ C: 0.05, standardize: ${standardize} }) matches sklearn LogisticRegression(C=0.05) to 1e-6`, async () => {
    const { x, y } = seeded(500, 4);
    const ref = await reference<{ coef: number[]; intercept: number; proba: number[] }>(
      "logit",
      { x: toRows(x), y: Array.from(y), C: 0.05, standardize },
    );
    const m = new LogisticRegression({ C: 0.05, standardize });
    m.fit(x, y);
    m.coefficients().forEach((c, j) => close(c.coefficient, ref.coef[j], 1e-6, c.feature));
    close(m.intercept(), ref.intercept, 1e-6, "intercept");
    const proba = m.predictProba(x);
    ref.proba.forEach((p, i) => close(proba[2 * i + 1], p, 1e-8, `proba ${i}`));
    // The penalty bites: coefficients differ from the unpenalised fit.
    const free = new LogisticRegression({ standardize });
    free.fit(x, y);
    assert.ok(
      Math.abs(m.coefficients()[0].coefficient) <
        0.95 * Math.abs(free.coefficients()[0].coefficient),
    );
    for (const c of m.coefficients()) assert.ok(Number.isNaN(c.stdError) && Number.isNaN(c.pValue));
  });
}

Deno.test("LogisticRegression predictProba rows sum to 1 and predict is 1 exactly where P(1) > 0.5", () => {
  const { x, y } = seeded(200, 5);
  const m = logistic({ C: 1 }).create();
  assert.ok(isClassifier(m));
  m.fit(x, y);
  assert.deepEqual(m.classes, [0, 1]);
  const proba = m.predictProba(x);
  const pred = m.predict(x);
  assert.equal(proba.length, 400);
  for (let i = 0; i < 200; i++) {
    close(proba[2 * i] + proba[2 * i + 1], 1, 1e-15);
    assert.equal(pred[i], proba[2 * i + 1] > 0.5 ? 1 : 0);
  }
  assert.ok(pred.some((p) => p === 0) && pred.some((p) => p === 1));
});

Deno.test("LogisticRegression on one feature: the fitted probabilities match the class rates of a saturated model", () => {
  // A binary feature: the MLE reproduces each group's rate, 1/4 at x = 0 and 3/4 at x = 1.
  const x = matrix([[0], [0], [0], [0], [1], [1], [1], [1]], ["x"]);
  const y = Float64Array.from([0, 0, 0, 1, 0, 1, 1, 1]);
  const m = new LogisticRegression();
  m.fit(x, y);
  close(m.intercept(), Math.log(1 / 3), 1e-12);
  close(m.coefficients()[0].coefficient, 2 * Math.log(3), 1e-12);
  // Wald se of a log-odds ratio: sqrt(1/1 + 1/3 + 1/3 + 1/1).
  close(m.coefficients()[0].stdError, Math.sqrt(8 / 3), 1e-10);
  close(m.interceptCoefficient().stdError, Math.sqrt(1 + 1 / 3), 1e-10);
});

Deno.test("LogisticRegression errors: labels not 0/1, separated classes without penalty, bad C", () => {
  const m = new LogisticRegression();
  assert.throws(
    () => m.fit(matrix([[1], [2], [3]], ["x"]), Float64Array.from([0, 1, 2])),
    /label at row 2 is 2; labels must be 0 or 1/,
  );
  const separated = matrix([[1], [2], [3], [4]], ["x"]);
  const sy = Float64Array.from([0, 0, 1, 1]);
  assert.throws(() => m.fit(separated, sy), /perfectly separated/);
  const penalised = new LogisticRegression({ C: 1 });
  penalised.fit(separated, sy);
  assert.ok(penalised.coefficients()[0].coefficient > 0);
  assert.throws(() => new LogisticRegression({ C: 0 }), /C must be > 0/);
  assert.throws(() => m.predictProba(separated), /logistic model is not fitted/);
});

Deno.test("LogisticRegression save -> JSON -> load keeps C = Infinity and predicts the same", () => {
  const { x, y } = seeded(150, 6);
  for (const C of [Infinity, 0.5]) {
    const m = new LogisticRegression({ C });
    m.fit(x, y);
    const saved = JSON.parse(JSON.stringify(m.save()));
    assert.equal(saved.kind, "logistic");
    const loaded = LogisticRegression.load(saved);
    assert.equal(loaded.options.C, C);
    assert.deepEqual(loaded.predictProba(x), m.predictProba(x));
    assert.equal(loaded.coefficients()[1].pValue, m.coefficients()[1].pValue);
  }
});
