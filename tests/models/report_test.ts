import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { meanImportance, summaryMetrics } from "@lib/models/report.ts";

Deno.test("meanImportance averages over folds and sorts largest first within each model", () => {
  const importance = pl.DataFrame({
    horizon: [5, 5, 5, 5, 5, 5],
    model: ["ridge", "ridge", "ridge", "ridge", "tree", "tree"],
    fold: [0, 0, 1, 1, 0, 0],
    feature: ["a", "b", "a", "b", "a", "b"],
    importance: [1, 4, 3, 6, 0.9, 0.1],
  });
  const got = meanImportance(importance);
  assert.deepEqual(got.getColumn("model").toArray(), ["ridge", "ridge", "tree", "tree"]);
  assert.deepEqual(got.getColumn("feature").toArray(), ["b", "a", "a", "b"]);
  assert.deepEqual(got.getColumn("mean_importance").toArray(), [5, 2, 0.9, 0.1]);
  assert.throws(() => meanImportance(importance.head(0)), /no rows/);
});

Deno.test("summaryMetrics flattens the pooled summary to {model}_h{h}_{metric}", () => {
  const summary = pl.DataFrame({
    horizon: [1, 5],
    model: ["ridge", "tree"],
    n: [3, 3],
    rmse: [0.1, 0.2],
    mae: [0.05, 0.1],
    r2: [0.01, -0.2],
    direction_accuracy: [0.5, 0.6],
  });
  assert.deepEqual(summaryMetrics(summary), {
    ridge_h1_rmse: 0.1,
    ridge_h1_mae: 0.05,
    ridge_h1_r2: 0.01,
    ridge_h1_direction_accuracy: 0.5,
    tree_h5_rmse: 0.2,
    tree_h5_mae: 0.1,
    tree_h5_r2: -0.2,
    tree_h5_direction_accuracy: 0.6,
  });
});
