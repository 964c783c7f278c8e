import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { selectChampion } from "@lib/models/selection.ts";

const summary = pl.DataFrame({
  horizon: [5, 5, 5, 5],
  model: ["ols", "ridge", "lightgbm", "tree"],
  rmse: [0.031, 0.031, 0.029, NaN],
  direction_accuracy: [0.52, 0.53, 0.51, 0.55],
});

Deno.test("selectChampion ranks by the metric in its direction; ties keep the earlier row, NaN ranks last", () => {
  const low = selectChampion(summary, { metric: "rmse", direction: "lower" });
  assert.equal(low.champion, "lightgbm");
  assert.deepEqual(low.ranking.getColumn("model").toArray(), ["lightgbm", "ols", "ridge", "tree"]);
  const high = selectChampion(summary, { metric: "direction_accuracy", direction: "higher" });
  assert.equal(high.champion, "tree");
  assert.equal(high.value, 0.55);
});

Deno.test("selectChampion errors name an unknown metric, mixed horizons and no finite value", () => {
  assert.throws(
    () => selectChampion(summary, { metric: "auc", direction: "higher" }),
    /cannot select by "auc": the summary has horizon, model, rmse, direction_accuracy/,
  );
  const mixed = summary.withColumns(pl.Series("horizon", [1, 5, 5, 5]));
  assert.throws(
    () => selectChampion(mixed, { metric: "rmse", direction: "lower" }),
    /several horizons/,
  );
  const none = pl.DataFrame({ model: ["a"], rmse: [NaN] });
  assert.throws(
    () => selectChampion(none, { metric: "rmse", direction: "lower" }),
    /no candidate has a finite rmse/,
  );
});
