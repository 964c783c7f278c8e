import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { foldMetricBars, foldTimeline } from "@lib/charts/training.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const folds = pl.DataFrame({
  horizon: [5, 5],
  fold: [0, 1],
  train_start: [d("2020-01-01"), d("2020-01-01")],
  train_end: [d("2020-06-30"), d("2020-09-30")],
  test_start: [d("2020-07-01"), d("2020-10-01")],
  test_end: [d("2020-09-30"), d("2020-12-31")],
}).withColumns(
  ...["train_start", "train_end", "test_start", "test_end"].map((c) => pl.col(c).cast(pl.Date)),
);

const metrics = pl.DataFrame({
  horizon: [5, 5, 5, 5, 1],
  model: ["ridge", "tree", "ridge", "tree", "ridge"],
  fold: [0, 0, 1, 1, 0],
  rmse: [0.031, 0.034, 0.029, 0.033, 0.5],
});

Deno.test("foldTimeline draws a train and a test bar per fold, with title, axis labels and legend", () => {
  const html = foldTimeline(folds).html;
  assert.match(html, /<h2>Walk-forward folds \(horizon 5 days\)<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 4);
  assert.match(html, /Date/);
  assert.match(html, /Fold/);
  assert.match(html, /swatch[^>]*>.*?train/s);
  assert.match(html, /swatch[^>]*>.*?test/s);
  assertSnapshot("fold_timeline", html);
});

Deno.test("foldMetricBars draws one bar per fold and model at the chosen horizon", () => {
  const html = foldMetricBars(metrics, { metric: "rmse", horizon: 5 }).html;
  assert.match(html, /<h2>RMSE by fold \(horizon 5 days\)<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 4);
  assert.match(html, /RMSE \(forward return, fraction\)/);
  assert.match(html, /swatch[^>]*>.*?ridge/s);
  assertSnapshot("fold_metric_bars", html);
  assert.throws(() => foldMetricBars(metrics, { metric: "sharpe" }), /no column "sharpe"/);
  assert.throws(() => foldTimeline(folds, { horizon: 20 }), /no folds at horizon 20/);
});
