import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { constituentScores } from "@lib/signals/constituent_scores.ts";
import { scoresFromExpected, scoresFromReturns } from "@lib/signals/action_scores.ts";

const date = (d: number) => new Date(Date.UTC(2020, 0, d));

const regression = pl.DataFrame({
  symbol: ["a", "b", "a", "b", "a"],
  date: [date(2), date(2), date(2), date(2), date(3)],
  horizon: [5, 5, 5, 5, 1],
  model: ["ols", "ols", "tree", "tree", "ols"],
  prediction: [0.03, -0.006, -0.03, 0.0, 0.5],
});

Deno.test("constituentScores without an action model cuts the champion's returns at its horizon", () => {
  const scores = constituentScores(undefined, regression, { model: "ols", horizon: 5 });
  assert.deepEqual(scores.getColumn("symbol").toArray(), ["a", "b"]);
  assert.deepEqual(scores.getColumn("score").toArray(), [2, -1]);
  const champion = regression.filter(
    pl.col("model").eq(pl.lit("ols")).and(pl.col("horizon").eq(pl.lit(5))),
  );
  const byHand = scoresFromReturns(champion, "prediction", { weak: 0.005, strong: 0.02 });
  assert.ok(scores.frameEqual(byHand));
  const wide = constituentScores(undefined, regression, {
    model: "ols",
    horizon: 5,
    thresholds: { weak: 0.01, strong: 0.05 },
  });
  assert.deepEqual(wide.getColumn("score").toArray(), [1, 0]);
});

Deno.test("constituentScores prefers the action model's expected scores", () => {
  const action = pl.DataFrame({
    symbol: ["a", "b"],
    date: [date(2), date(2)],
    horizon: [5, 5],
    model: ["lightgbm_action", "lightgbm_action"],
    prediction: [1.5, -0.25],
  });
  const scores = constituentScores(action, regression, { model: "ols", horizon: 5 });
  assert.ok(scores.frameEqual(scoresFromExpected(action, "prediction")));
  assert.deepEqual(scores.getColumn("score").toArray(), [1.5, -0.25]);
});
