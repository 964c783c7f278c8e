import assert from "node:assert/strict";
import { DecisionTree, surrogateTree, tree, treeRules, treeRulesText } from "@lib/models/tree.ts";
import { r2 } from "@lib/models/metrics.ts";
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

/** A hand-built depth-2 tree: split on ret at 0, then on rsi at 70 (left) or ret at 0.02 (right). */
function handBuilt(): DecisionTree {
  const leaf = (value: number, n: number) => ({ distribution: value, numberSamples: n });
  return DecisionTree.load({
    kind: "tree",
    version: 1,
    features: ["ret", "rsi"],
    params: { maxDepth: 2, minNumSamples: 1 },
    state: {
      cart: {
        name: "DTRegression",
        options: { kind: "regression", maxDepth: 2, minNumSamples: 1 },
        root: {
          splitColumn: 0,
          splitValue: 0,
          numberSamples: 100,
          left: {
            splitColumn: 1,
            splitValue: 70,
            numberSamples: 40,
            left: leaf(-0.0123456, 30),
            right: leaf(0.5, 10),
          },
          right: {
            splitColumn: 0,
            splitValue: 0.02,
            numberSamples: 60,
            left: leaf(0.001, 45),
            right: leaf(2, 15),
          },
        },
      },
      importance: [0.7, 0.3],
      trainedRows: 100,
    },
  });
}

Deno.test("treeRules(tree) on a hand-built tree gives one rule per leaf, ranges merged, with counts", () => {
  const rules = treeRules(handBuilt());
  assert.deepEqual(rules, [
    "if ret < 0 and rsi < 70 then -0.01235 (n = 30)",
    "if ret < 0 and rsi >= 70 then 0.5 (n = 10)",
    "if 0 <= ret < 0.02 then 0.001 (n = 45)",
    "if ret >= 0.02 then 2 (n = 15)",
  ]);
  assert.equal(
    treeRulesText(handBuilt(), { digits: 2 }).split("\n")[0],
    "if ret < 0 and rsi < 70 then -0.012 (n = 30)",
  );
  // The rules are the tree: each row's prediction is the value of the rule it satisfies.
  const x = {
    data: Float64Array.from([-1, 80, 0.01, 50, 0.5, 10]),
    rows: 3,
    cols: 2,
    features: ["ret", "rsi"],
  };
  assert.deepEqual(Array.from(handBuilt().predict(x)), [0.5, 0.001, 2]);
});

Deno.test("treeRules(tree) of a single-leaf tree is one unconditional rule", () => {
  const m = new DecisionTree({ maxDepth: 1, minNumSamples: 50 });
  const { x, y } = stepData(20);
  m.fit(x, y);
  const rules = treeRules(m);
  assert.equal(rules.length, 1);
  assert.match(rules[0], /^if true then [-0-9.e]+ \(n = 20\)$/);
});

Deno.test("treeRules(fitted tree) counts add up to the trained rows", () => {
  const { x, y } = stepData(300);
  const m = new DecisionTree({ maxDepth: 3, minNumSamples: 5, maxRows: 120 });
  m.fit(x, y);
  const counts = treeRules(m).map((r) => Number(r.match(/\(n = (\d+)\)$/)![1]));
  assert.equal(counts.reduce((a, b) => a + b, 0), 120);
});

Deno.test("surrogateTree(x, champion) fits the champion's predictions on a capped sample and reports R² fidelity", () => {
  const { x } = stepData(400);
  // A champion that is a step in x plus a small smooth part: a depth-2 tree mimics it closely.
  const champion = Float64Array.from({ length: 400 }, (_, i) => {
    const v = x.data[i * 2];
    return (v < 50 ? -1 : 1) + 0.01 * v;
  });
  const s = surrogateTree(x, champion, { maxDepth: 2, maxRows: 150, seed: 3 });
  assert.equal(s.trainedRows, 150);
  assert.ok(s.fidelity > 0.95 && s.fidelity < 1, String(s.fidelity));
  assert.equal(s.fidelity, r2(champion, s.tree.predict(x)));
  assert.equal(s.rules.length, 4);
  // The champion depends on x alone, so every rule does too.
  assert.ok(s.rules.every((r) => r.startsWith("if ") && !r.includes("noise")), s.rules.join("\n"));
  // A champion driven by a feature the tree cannot resolve in 1 split has low fidelity.
  const noisy = Float64Array.from({ length: 400 }, (_, i) => Math.sin(x.data[i * 2 + 1] * 40));
  assert.ok(surrogateTree(x, noisy, { maxDepth: 1 }).fidelity < 0.5);
});
