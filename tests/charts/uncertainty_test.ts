import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { calibrationChart, intervalFan } from "@lib/charts/uncertainty.ts";
import { calibrationTable, quantileMetrics } from "@lib/models/quantile_metrics.ts";
import { markCount } from "./snapshot.ts";

const f = (...v: number[]) => Float64Array.from(v);

Deno.test("calibrationChart draws the diagonal, a dot and a label per level and interval, per model", () => {
  const y = f(0, 1, -1, 0.5);
  const predictions = {
    levels: [0.1, 0.25, 0.5, 0.75, 0.9],
    values: [
      f(-1, -1, -1, -1),
      f(-0.5, -0.5, -0.5, -0.5),
      f(0, 0, 0, 0),
      f(0.5, 0.5, 0.5, 0.5),
      f(1, 1, 1, 1),
    ],
  };
  const m = quantileMetrics(y, predictions);
  const table = pl.concat([calibrationTable(m, "raw"), calibrationTable(m, "conformal")]);
  const html = calibrationChart(table).html;
  assert.match(html, /<h2>Calibration of quantile predictions<\/h2>/);
  assert.equal(markCount(html, "line"), 1);
  assert.equal(markCount(html, "dot"), 14); // (5 levels + 2 intervals) x 2 models
  assert.equal(markCount(html, "text", "text"), 14);
  assert.match(html, /Nominal frequency \(share of rows\)/);
  assert.match(html, /Observed frequency \(share of rows\)/);
  assert.match(html, />q10</);
  assert.match(html, />10-90</);
  assert.match(html, /swatch[^>]*>.*?conformal/s);
  assert.match(html, /interval coverage/);
  assert.throws(() => calibrationChart(pl.DataFrame({ kind: ["level"] })), /no "label" column/);
});

Deno.test("intervalFan draws two bands, the median line and realised dots of one symbol", () => {
  const day = (d: number) => new Date(Date.UTC(2020, 0, 1 + d));
  const n = 6;
  const frame = pl.DataFrame({
    symbol: [...Array(n).fill("AAA"), ...Array(n).fill("BBB")],
    date: [
      ...Array.from({ length: n }, (_, i) => day(i)),
      ...Array.from({ length: n }, (_, i) => day(i)),
    ],
    q10: Array(2 * n).fill(-0.04),
    q25: Array(2 * n).fill(-0.02),
    q50: Array(2 * n).fill(0),
    q75: Array(2 * n).fill(0.02),
    q90: Array(2 * n).fill(0.04),
    actual: [0.01, -0.05, null, 0.03, 0, 0.02, 1, 1, 1, 1, 1, 1],
  }).withColumns(pl.col("date").cast(pl.Date));
  const html = intervalFan(frame, { symbol: "AAA" }).html;
  assert.match(html, /<h2>Predicted quantiles of AAA<\/h2>/);
  assert.equal(markCount(html, "area"), 2);
  assert.equal(markCount(html, "line"), 1);
  assert.equal(markCount(html, "dot", "circle"), 5); // one realised value is null
  assert.match(html, /Forward return \(fraction\)/);
  assert.match(html, /swatch[^>]*>.*?10-90 interval/s);
  assert.match(html, /swatch[^>]*>.*?25-75 interval/s);
  assert.match(html, /swatch[^>]*>.*?realised/s);
  // without realised values there are no dots and no "realised" legend entry
  const noActual = intervalFan(frame.drop("actual")).html;
  assert.equal(markCount(noActual, "dot", "circle"), 0);
  assert.doesNotMatch(noActual, /realised/);
  assert.throws(
    () => intervalFan(frame, { symbol: "ZZZ" }),
    /no quantile predictions for symbol "ZZZ"/,
  );
  assert.throws(
    () => intervalFan(frame.drop("q25"), { inner: [0.25, 0.75] }),
    /no "q25" column/,
  );
  // training.quantiles=0.25,0.5,0.75 gives one pair: one band, the levels the frame has.
  const threeLevels = intervalFan(frame.drop("q10", "q90"), { symbol: "AAA" }).html;
  assert.equal(markCount(threeLevels, "area"), 1);
  assert.match(threeLevels, /swatch[^>]*>.*?25-75 interval/s);
  assert.doesNotMatch(threeLevels, /10-90/);
});
