import assert from "node:assert/strict";
import { LightGbm, LightGbmClassifier } from "@lib/models/lightgbm/model.ts";
import { fitSharingDatasets } from "@lib/models/lightgbm/shared_fit.ts";

function rows(n: number) {
  const data = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    data[2 * i] = Math.sin(i * 0.37);
    data[2 * i + 1] = (i % 17) / 17;
    y[i] = data[2 * i] + 0.5 * data[2 * i + 1] + 0.1 * Math.cos(i * 1.3);
  }
  return { x: { data, rows: n, cols: 2, features: ["a", "b"] }, y };
}

const options = {
  numIterations: 40,
  minDataInLeaf: 10,
  numThreads: 1,
  earlyStoppingRounds: 5,
  objective: "quantile" as const,
};

Deno.test("fitSharingDatasets grows the trees separate fits grow, level by level", () => {
  const { x, y } = rows(2_000);
  const levels = [0.1, 0.5, 0.9];
  const shared = levels.map((alpha) => new LightGbm({ ...options, alpha }));
  fitSharingDatasets(shared, x, y);
  for (const [k, alpha] of levels.entries()) {
    const alone = new LightGbm({ ...options, alpha });
    alone.fit(x, y);
    assert.equal(shared[k].modelString(), alone.modelString(), `level ${alpha}`);
    assert.equal(shared[k].bestIteration, alone.bestIteration);
  }
});

Deno.test("fitSharingDatasets fits models that bin differently, or classifiers, one by one", () => {
  const { x, y } = rows(500);
  const differ = [
    new LightGbm({ ...options, alpha: 0.1 }),
    new LightGbm({ ...options, maxBin: 15 }),
  ];
  fitSharingDatasets(differ, x, y);
  const alone = new LightGbm({ ...options, maxBin: 15 });
  alone.fit(x, y);
  assert.equal(differ[1].modelString(), alone.modelString());
  const labels = y.map((v) => (v > 0.2 ? 1 : 0));
  const classifiers = [
    new LightGbmClassifier({ numIterations: 5, minDataInLeaf: 10, numThreads: 1 }),
  ];
  fitSharingDatasets(classifiers, x, labels);
  assert.deepEqual(classifiers[0].classes, [0, 1]);
});

Deno.test("fitSharingDatasets names the model whose fit failed", () => {
  const { x } = rows(50);
  const constant = new Float64Array(50).fill(1);
  const models = [0.1, 0.9].map((alpha) => new LightGbm({ ...options, alpha }));
  assert.throws(
    () => fitSharingDatasets(models, x, constant, (k) => `quantile ${[0.1, 0.9][k]}`),
    /^Error: quantile 0\.1: /,
  );
});
