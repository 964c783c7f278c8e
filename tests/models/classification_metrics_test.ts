import assert from "node:assert/strict";
import { join } from "node:path";
import { projectPath } from "@lib/paths.ts";
import { seededRandom } from "@lib/models/sample.ts";
import {
  accuracy,
  confusionFrame,
  confusionMatrix,
  logLoss,
  macroF1,
  rocAuc,
  rocAucOvr,
} from "@lib/models/classification_metrics.ts";

async function reference<T>(mode: string, job: unknown): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "metrics-ref-" });
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

const close = (a: number, b: number, tol: number, what = "") =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} != ${b} (diff ${a - b})`);

interface MetricsReference {
  accuracy: number;
  f1_macro: number;
  accuracy_multi: number;
  f1_macro_multi: number;
  auc: number;
  auc_multi: number;
  log_loss: number;
  log_loss_multi: number;
  confusion: number[][];
  confusion_multi: number[][];
}

/**
 * Seeded predictions with ties (scores rounded to 2 decimals), a score of exactly 0 and 1 (log
 * loss clipping), five action classes where class 3 is never predicted (an F1 of 0).
 */
function seeded(n: number) {
  const random = seededRandom(17);
  const yTrue = new Int32Array(n);
  const score = new Float64Array(n);
  const yMulti = new Int32Array(n);
  const proba = new Float64Array(n * 5);
  const predMulti = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    yTrue[i] = random() < 0.45 ? 1 : 0;
    score[i] = Math.round(
      100 * Math.min(1, Math.max(0, 0.5 + 0.3 * (yTrue[i] - 0.5) + 0.4 * (random() - 0.5))),
    ) / 100;
    yMulti[i] = Math.floor(random() * 5);
    const w = Array.from({ length: 5 }, (_, k) => Math.exp((k === yMulti[i] ? 1 : 0) + random()));
    const total = w.reduce((a, b) => a + b, 0);
    w.forEach((v, k) => (proba[i * 5 + k] = v / total));
    let best = 0;
    for (let k = 1; k < 5; k++) if (proba[i * 5 + k] > proba[i * 5 + best]) best = k;
    predMulti[i] = best === 3 ? 2 : best;
  }
  score[0] = 0;
  score[1] = 1;
  yTrue[0] = 1; // a confident miss: log loss must clip, not return Infinity
  const yPred = score.map((s) => (s > 0.5 ? 1 : 0));
  return { yTrue, score, yPred: Int32Array.from(yPred), yMulti, proba, predMulti };
}

Deno.test("classification metrics match sklearn to 1e-12 on seeded labels (ties, clipping, an empty class)", async () => {
  const d = seeded(700);
  // Each probability row sums to 1, as sklearn's log_loss and roc_auc_score require.
  const rows = Array.from(
    { length: 700 },
    (_, i) => Array.from(d.proba.subarray(i * 5, i * 5 + 5)),
  );
  const ref = await reference<MetricsReference>("metrics", {
    y_true: Array.from(d.yTrue),
    y_pred: Array.from(d.yPred),
    score: Array.from(d.score),
    y_multi: Array.from(d.yMulti),
    pred_multi: Array.from(d.predMulti),
    proba_multi: rows,
  });
  close(accuracy(d.yTrue, d.yPred), ref.accuracy, 1e-12, "accuracy");
  close(macroF1(d.yTrue, d.yPred), ref.f1_macro, 1e-12, "f1");
  close(accuracy(d.yMulti, d.predMulti), ref.accuracy_multi, 1e-12, "accuracy multi");
  close(macroF1(d.yMulti, d.predMulti), ref.f1_macro_multi, 1e-12, "f1 multi");
  close(rocAuc(d.yTrue, d.score), ref.auc, 1e-12, "auc");
  close(rocAucOvr(d.yMulti, d.proba), ref.auc_multi, 1e-12, "auc ovr");
  close(logLoss(d.yTrue, d.score), ref.log_loss, 1e-12, "log loss");
  close(logLoss(d.yMulti, d.proba), ref.log_loss_multi, 1e-12, "log loss multi");
  assert.deepEqual(Array.from(confusionMatrix(d.yTrue, d.yPred).counts), ref.confusion.flat());
  assert.deepEqual(
    Array.from(confusionMatrix(d.yMulti, d.predMulti).counts),
    ref.confusion_multi.flat(),
  );
  assert.ok(ref.auc > 0.6 && ref.auc < 0.99, `auc ${ref.auc} should be informative, not perfect`);
});

Deno.test("rocAuc counts a tie between a positive and a negative as 1/2", () => {
  assert.equal(rocAuc(Int32Array.from([0, 1]), Float64Array.from([0.3, 0.3])), 0.5);
  assert.equal(rocAuc(Int32Array.from([0, 1, 1]), Float64Array.from([0.1, 0.1, 0.9])), 0.75);
  assert.equal(rocAuc(Int32Array.from([1, 0]), Float64Array.from([0.9, 0.1])), 1);
  assert.throws(
    () => rocAuc(Int32Array.from([1, 1]), Float64Array.from([0.2, 0.3])),
    /needs both class 1/,
  );
});

Deno.test("rocAuc is unchanged by any strictly increasing transform of the score", () => {
  const d = seeded(300);
  const auc = rocAuc(d.yTrue, d.score);
  close(rocAuc(d.yTrue, d.score.map((s) => Math.exp(5 * s) - 3)), auc, 1e-15);
});

Deno.test("confusionFrame(actual, predicted) has a row per actual class and pred_<class> columns", () => {
  const f = confusionFrame(Int32Array.from([0, 1, 2, 2]), Int32Array.from([0, 2, 2, 1]));
  assert.deepEqual(f.columns, ["actual", "pred_0", "pred_1", "pred_2"]);
  assert.deepEqual(f.toRecords(), [
    { actual: 0, pred_0: 1, pred_1: 0, pred_2: 0 },
    { actual: 1, pred_0: 0, pred_1: 0, pred_2: 1 },
    { actual: 2, pred_0: 0, pred_1: 1, pred_2: 1 },
  ]);
  const m = confusionMatrix(Int32Array.from([0, 1]), Int32Array.from([1, 1]), [0, 1, 4]);
  assert.deepEqual(m.labels, [0, 1, 4]);
  assert.deepEqual(Array.from(m.counts), [0, 1, 0, 0, 1, 0, 0, 0, 0]);
});

Deno.test("logLoss hand cases: perfect is ~0, 1/2 everywhere is ln 2, a certain miss is clipped to -ln(eps)", () => {
  close(logLoss(Int32Array.from([0, 1]), Float64Array.from([0.5, 0.5])), Math.LN2, 1e-15);
  close(
    logLoss(Int32Array.from([0, 1]), Float64Array.from([0, 1])),
    -Math.log1p(-Number.EPSILON),
    1e-30,
  );
  close(logLoss(Int32Array.from([1]), Float64Array.from([0])), -Math.log(Number.EPSILON), 1e-12);
  close(
    logLoss(Int32Array.from([2, 0]), Float64Array.from([0.1, 0.2, 0.7, 0.5, 0.25, 0.25]), [
      0,
      1,
      2,
    ]),
    -(Math.log(0.7) + Math.log(0.5)) / 2,
    1e-15,
  );
});

Deno.test("classification metrics errors name the bad input", () => {
  assert.throws(() => accuracy(Int32Array.from([0]), Int32Array.from([0, 1])), /differ in length/);
  assert.throws(
    () => accuracy(Float64Array.from([0.5]), Int32Array.from([0])),
    /actual at row 0 is 0.5/,
  );
  assert.throws(() => accuracy(Int32Array.from([]), Int32Array.from([])), /at least one row/);
  assert.throws(
    () => rocAucOvr(Int32Array.from([0, 1]), Float64Array.from([1, 0, 0])),
    /expected rows \(2\) x classes \(2\)/,
  );
  assert.throws(() => logLoss(Int32Array.from([2]), Float64Array.from([0.3])), /needs labels 0\/1/);
});
