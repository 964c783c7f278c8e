import assert from "node:assert/strict";
import { drawdownChart, equityCurves, gridHeatmap } from "@lib/charts/backtest.ts";
import { buyAndHold } from "@lib/backtest/benchmark.ts";

import { assertSnapshot, markCount } from "./snapshot.ts";

const dates = Float64Array.from({ length: 20 }, (_, i) => 18_628 + i);
const strategy = buyAndHold({
  dates,
  symbols: ["s"],
  values: Float64Array.from(dates, (_, i) => 100 + 3 * Math.sin(i)),
}, 10_000);
const benchmark = buyAndHold({
  dates,
  symbols: ["^GSPC"],
  values: Float64Array.from(dates, (_, i) => 50 + i / 4),
}, 500);

Deno.test("equityCurves draws one line per portfolio, rebased to 100, with a legend", () => {
  const html = equityCurves({ "top-k": strategy, benchmark }).html;
  assert.match(html, /<h2>Equity vs benchmark<\/h2>/);
  assert.equal(markCount(html, "line"), 2);
  assert.match(html, /Equity \(start = 100\)/);
  assert.match(html, /swatch[^>]*>.*?top-k/s);
  assert.match(html, /swatch[^>]*>.*?benchmark/s);
  assertSnapshot("equity_curves", html);
});

Deno.test("drawdownChart draws drawdowns in percent; one series has no legend", () => {
  const html = drawdownChart({ "top-k": strategy }, { title: "DD" }).html;
  assert.match(html, /<h2>DD<\/h2>/);
  assert.equal(markCount(html, "line"), 1);
  assert.match(html, /Drawdown from peak \(%\)/);
  assert.doesNotMatch(html, /swatch/);
  assertSnapshot("drawdown", html);
  assert.throws(() => drawdownChart({}), /no portfolios given/);
});

Deno.test("gridHeatmap draws one cell per finite (fast, slow) pair with a diverging scale", () => {
  const cells = [
    { fast: 5, slow: 20, value: 0.25 },
    { fast: 5, slow: 50, value: -0.1 },
    { fast: 10, slow: 50, value: 0.05 },
    { fast: 10, slow: 20, value: NaN },
  ];
  const html = gridHeatmap(cells, { label: "Sharpe" }).html;
  assert.match(html, /<h2>Sharpe by moving-average windows<\/h2>/);
  assert.equal(markCount(html, "cell", "rect"), 3);
  assert.equal(markCount(html, "text", "text"), 3);
  assert.match(html, /Slow window/);
  assert.match(html, /Fast window/);
  assert.match(html, />0\.25</);
  assert.match(html, />-0\.10</);
  assert.match(html, /Sharpe: red below 0, blue above \(scale ±0\.250\)/);
  assert.throws(() => gridHeatmap([]), /no grid cells given/);
});
