import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { icSeries, quantileReturnBars } from "@lib/charts/analysis.ts";
import { assertSnapshot, markCount } from "./snapshot.ts";

const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2021, 0, 4 + i)));
const daily = pl.DataFrame({
  factor: days.map(() => "pred_ridge_5"),
  horizon: days.map(() => 5),
  date: days,
  spearman: days.map((_, i) => Math.round(Math.sin(i) * 100) / 1000),
  pearson: days.map((_, i) => Math.round(Math.cos(i) * 100) / 1000),
}).withColumns(pl.col("date").cast(pl.Date));

const table = pl.DataFrame({
  factor: Array(10).fill("ret_20"),
  horizon: [1, 1, 1, 1, 1, 5, 5, 5, 5, 5],
  quantile: [1, 2, 3, 4, 5, 1, 2, 3, 4, 5],
  mean_return: [-0.001, 0, 0.0005, 0.001, 0.002, -0.004, -0.001, 0.001, 0.003, 0.006],
});

Deno.test("icSeries draws the daily IC and its rolling mean with a legend", () => {
  const html = icSeries(daily, { window: 5 }).html;
  assert.match(html, /<h2>Rank IC of pred_ridge_5 vs 5-day forward return<\/h2>/);
  assert.equal(markCount(html, "line"), 2);
  assert.match(html, /Rank IC \(correlation\)/);
  assert.match(html, /swatch[^>]*>.*?daily spearman IC/s);
  assert.match(html, /swatch[^>]*>.*?5-date rolling mean/s);
  assertSnapshot("ic_series", html);
  assert.throws(() => icSeries(daily, { factor: "nope" }), /no IC for factor "nope"/);
});

Deno.test("quantileReturnBars draws a bar per quantile and horizon, in percent", () => {
  const html = quantileReturnBars(table).html;
  assert.match(html, /<h2>Mean forward return by quantile of ret_20<\/h2>/);
  assert.equal(markCount(html, "bar", "rect"), 10);
  assert.match(html, /Mean forward return \(%\)/);
  assert.match(html, /Factor quantile \(1 = lowest\)/);
  assert.match(html, /swatch[^>]*>.*?5-day/s);
  assertSnapshot("quantile_returns", html);
});
