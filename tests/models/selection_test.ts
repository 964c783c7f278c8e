import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { ACTION_SELECTION, selectActionChampion, selectChampion } from "@lib/models/selection.ts";

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

Deno.test("selectChampion with a tie-break ranks equal values by the second metric", () => {
  const tied = selectChampion(
    summary,
    { metric: "rmse", direction: "lower" },
    { metric: "direction_accuracy", direction: "higher" },
  );
  assert.deepEqual(tied.ranking.getColumn("model").toArray(), ["lightgbm", "ridge", "ols", "tree"]);
  assert.deepEqual(tied.ranking.columns, ["rank", "model", "rmse", "direction_accuracy"]);
  assert.throws(
    () =>
      selectChampion(summary, { metric: "rmse", direction: "lower" }, {
        metric: "accuracy",
        direction: "higher",
      }),
    /cannot select by "accuracy"/,
  );
});

Deno.test("selectActionChampion takes the highest macro F1, accuracy breaking ties", () => {
  const classifiers = pl.DataFrame({
    horizon: [5, 5, 5],
    model: ["lightgbm_action", "lightgbm_rf_action", "lightgbm_et_action"],
    accuracy: [0.41, 0.44, 0.46],
    macro_f1: [0.30, 0.32, 0.32],
  });
  const chosen = selectActionChampion(classifiers);
  assert.equal(chosen.champion, "lightgbm_et_action");
  assert.equal(chosen.value, 0.32);
  const clear = classifiers.withColumns(pl.Series("macro_f1", [0.35, 0.32, 0.32]));
  assert.equal(selectActionChampion(clear).champion, "lightgbm_action");
  assert.deepEqual(ACTION_SELECTION.rule, { metric: "macro_f1", direction: "higher" });
});
