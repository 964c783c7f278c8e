import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { plot, takeChartWarnings } from "@lib/charts/chart.ts";

Deno.test("plot() keeps Plot's warning out of the figure and records it on the chart", () => {
  takeChartWarnings();
  const years = [{ x: 1, y: "2019" }, { x: 2, y: "2020" }];
  const chart = plot({ marks: [Plot.dot(years, { x: "x", y: "y" })] });
  assert.match(chart.warnings.join("\n"), /y scale are strings that appear to be numbers/);
  assert.equal(takeChartWarnings().length, 1);
  assert.doesNotMatch(chart.html, /check the console|\u26a0/);
  const typed = plot({ y: { type: "band" }, marks: [Plot.dot(years, { x: "x", y: "y" })] });
  assert.deepEqual(typed.warnings, []);
});
