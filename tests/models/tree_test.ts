import assert from "node:assert/strict";
import { DecisionTree, tree } from "@lib/models/tree.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import { loadModel } from "@lib/models/registry.ts";
import { sampleRows, seededRandom } from "@lib/models/sample.ts";

// A step in x (0 below 50, 5 from 50) plus a pure-noise column; y has a little noise so
// ml-cart's children never have exactly zero error (see the quirk in lib/models/tree.ts).
function stepData(n: number): { x: FeatureMatrix; y: Float64Array } {
  const random = seededRandom(7);
  const data = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i * 100) / n;
    data[i * 2] = x;
    data[i * 2 + 1] = random();
    y[i] = (x < 50 ? 0 : 5) + 0.01 * (random() - 0.5);
  }
  return { x: { data, rows: n, cols: 2, features: ["x", "noise"] }, y };
}

Deno.test("DecisionTree fits a step: predictions near 0 below it and near 5 above", () => {
  const { x, y } = stepData(200);
  const m = new DecisionTree({ maxDepth: 2, minNumSamples: 5 });
  m.fit(x, y);
  const p = m.predict(x);
  assert.ok(Math.abs(p[10]) < 0.05, String(p[10]));
  assert.ok(Math.abs(p[190] - 5) < 0.05, String(p[190]));
  assert.ok(m.depth() >= 1 && m.depth() <= 2);
});

Deno.test("DecisionTree importance is the share of squared-error decrease, all on the informative feature at depth 1", () => {
  const { x, y } = stepData(200);
  const m = new DecisionTree({ maxDepth: 1, minNumSamples: 5 });
  m.fit(x, y);
  const [informative, noise] = m.importance();
  assert.equal(informative.feature, "x");
  // A depth-1 tree has one split, on x: all of the decrease is x's.
  assert.equal(informative.importance, 1);
  assert.equal(noise.importance, 0);
});

Deno.test("DecisionTree trains on at most maxRows rows, the same rows for the same seed", () => {
  const { x, y } = stepData(300);
  const a = new DecisionTree({ maxRows: 50, seed: 1 });
  const b = new DecisionTree({ maxRows: 50, seed: 1 });
  a.fit(x, y);
  b.fit(x, y);
  assert.equal(a.trainedRows(), 50);
  assert.deepEqual(a.save(), b.save());
  assert.deepEqual(sampleRows(10, 4, 3), sampleRows(10, 4, 3));
  assert.equal(new Set(sampleRows(10, 4, 3)).size, 4);
  assert.deepEqual([...sampleRows(3, 5, 3)], [0, 1, 2]);
});

Deno.test("DecisionTree save -> JSON -> loadModel predicts the same", () => {
  const { x, y } = stepData(120);
  const m = tree({ maxDepth: 3, minNumSamples: 5 }).create();
  m.fit(x, y);
  const loaded = loadModel(JSON.parse(JSON.stringify(m.save())));
  assert.deepEqual(loaded.predict(x), m.predict(x));
  assert.deepEqual(loaded.importance(), m.importance());
});

Deno.test("DecisionTree errors: constant label, no rows, missing column, bad options", () => {
  const { x, y } = stepData(20);
  const m = new DecisionTree();
  assert.throws(() => m.fit(x, new Float64Array(20).fill(1)), /label is constant/);
  assert.throws(
    () =>
      m.fit(
        { data: new Float64Array(), rows: 0, cols: 2, features: ["x", "noise"] },
        new Float64Array(),
      ),
    /no rows/,
  );
  m.fit(x, y);
  assert.throws(
    () => m.predict({ data: new Float64Array([1]), rows: 1, cols: 1, features: ["x"] }),
    /"noise" missing/,
  );
  assert.throws(() => new DecisionTree({ maxDepth: 0 }), /maxDepth must be an integer >= 1/);
  assert.throws(() => new DecisionTree({ maxRows: 1 }), /maxRows must be an integer >= 2/);
});
