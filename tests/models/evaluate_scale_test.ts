import assert from "node:assert/strict";
import { scalePanel } from "./scale_panel.ts";
import { walkForwardEvaluate } from "@lib/models/evaluate.ts";
import { classificationScores } from "@lib/models/classification_scores.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import type { Classifier, ModelSpec } from "@lib/models/model.ts";

/**
 * A classifier that learns nothing: P(up) is a fixed logistic of the first feature. It keeps the
 * test about pooling 300,000 probabilities, not about fitting a model on 160,000 rows.
 */
function logisticOfFeature(): ModelSpec {
  return {
    name: "fixed",
    create(): Classifier {
      let features: string[] = [];
      const proba = (x: FeatureMatrix) => {
        const out = new Float64Array(x.rows * 2);
        for (let r = 0; r < x.rows; r++) {
          const p = 1 / (1 + Math.exp(-4 * x.data[r * x.cols]));
          out[2 * r] = 1 - p;
          out[2 * r + 1] = p;
        }
        return out;
      };
      return {
        kind: "fixed",
        classes: [0, 1],
        get features() {
          return features;
        },
        fit(x: FeatureMatrix) {
          features = [...x.features];
        },
        predictProba: proba,
        predict(x: FeatureMatrix) {
          const p = proba(x);
          return Float64Array.from({ length: x.rows }, (_, r) => p[2 * r + 1] > p[2 * r] ? 1 : 0);
        },
        importance: () => features.map((feature) => ({ feature, importance: 0 })),
        save: () => ({ kind: "fixed", version: 1, features, params: {}, state: null }),
      };
    },
  };
}

const SYMBOLS = 2_500;
const DAYS = 65;
const TEST_DAYS = 30;

/**
 * 2,500 symbols x 65 days with one feature f in [-0.5, 0.5) and fwd_ret_1 = f - 0.1 (so the
 * direction is not f's sign alone); the last day has no label. Two folds of 30 test days hold
 * 75,000 rows each, 150,000 probabilities per fold: more than one spread call can take.
 */
function frames() {
  return scalePanel(SYMBOLS, DAYS, (f) => f - 0.1);
}

Deno.test("walkForwardEvaluate pools 300,000 classifier probabilities and scores them as one reference pass does", () => {
  const { features, labels } = frames();
  const ev = walkForwardEvaluate(features, labels, {
    horizons: [1],
    models: [logisticOfFeature()],
    folds: { nFolds: 2, testSize: TEST_DAYS },
    task: "direction",
  });
  const rows = 2 * TEST_DAYS * SYMBOLS;
  assert.deepEqual(ev.metrics.getColumn("n_test").toArray(), [rows / 2, rows / 2]);
  const summary = ev.summary.toRecords()[0] as Record<string, number>;
  assert.equal(summary.n_test, rows);

  // The reference: the pooled rows rebuilt one at a time from the out-of-fold predictions (in
  // date, symbol order, the order the folds pool them in) and their labels.
  const joined = ev.predictions
    .join(labels, { on: ["symbol", "date"], how: "left" })
    .sort(["date", "symbol"]);
  const p = joined.getColumn("prediction").toArray() as number[];
  const forward = joined.getColumn("fwd_ret_1").toArray() as number[];
  assert.equal(p.length, rows);
  const actual = new Float64Array(rows);
  const proba = new Float64Array(2 * rows);
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    actual[i] = forward[i] > 0 ? 1 : 0;
    proba[2 * i] = 1 - p[i];
    proba[2 * i + 1] = p[i];
    if ((p[i] > 1 - p[i] ? 1 : 0) === actual[i]) correct++;
  }
  assert.equal(proba.length, 300_000);
  const reference = classificationScores(actual, proba, [0, 1]);
  assert.deepEqual(
    {
      accuracy: summary.accuracy,
      macro_f1: summary.macro_f1,
      auc: summary.auc,
      log_loss: summary.log_loss,
    },
    reference,
  );
  assert.equal(summary.accuracy, correct / rows);
  assert.ok(summary.accuracy > 0.5 && summary.accuracy < 1, `accuracy ${summary.accuracy}`);
  const counted = (ev.confusion.getColumn("count").toArray() as number[]).reduce((a, b) => a + b);
  assert.equal(counted, rows);
});
