import assert from "node:assert/strict";
import {
  calibrationTable,
  crossingRate,
  intervalCoverage,
  intervalScore,
  meanIntervalWidth,
  pinballLoss,
  quantileMetricRecord,
  quantileMetrics,
} from "@lib/models/quantile_metrics.ts";
import { rearrangeQuantiles } from "@lib/models/quantiles.ts";

const f = (...v: number[]) => Float64Array.from(v);
const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

Deno.test("pinballLoss(y, q, level) weighs misses above by level and below by 1 - level", () => {
  // level 0.25; errors y - q = 4, -2, 0: 0.25 x 4 = 1, 0.75 x 2 = 1.5, 0
  close(pinballLoss([5, 1, 3], [1, 3, 3], 0.25), (1 + 1.5 + 0) / 3, "pinball 0.25");
  // at level 0.5 it is half the mean absolute error
  close(pinballLoss([5, 1, 3], [1, 3, 3], 0.5), 0.5 * (4 + 2 + 0) / 3, "pinball 0.5");
  assert.throws(() => pinballLoss([1], [1], 1), /level must be in \(0, 1\); got 1/);
  assert.throws(() => pinballLoss([1, 2], [1], 0.5), /differ in length/);
  assert.throws(() => pinballLoss([], [], 0.5), /at least one row/);
});

Deno.test("intervalCoverage counts the bounds as covered; meanIntervalWidth averages hi - lo", () => {
  // y = lo (covered), y = hi (covered), below, above
  assert.equal(intervalCoverage([0, 2, -1, 3], [0, 0, 0, 0], [2, 2, 2, 2]), 0.5);
  assert.equal(meanIntervalWidth([0, 1], [2, 5]), 3);
});

Deno.test("intervalScore(y, lo, hi, 0.2) adds 2/0.2 x the miss to the width", () => {
  // widths 2, 2, 4; misses: none, below by 0.5, above by 1
  const s = intervalScore([0, -1.5, 4], [-1, -1, -1], [1, 1, 3], 0.2);
  close(s, (2 + (2 + 10 * 0.5) + (4 + 10 * 1)) / 3, "interval score");
  assert.throws(() => intervalScore([0], [0], [0], 0), /miscoverage must be in \(0, 1\)/);
});

Deno.test("crossingRate counts rows with any level below the previous one", () => {
  const raw = {
    levels: [0.1, 0.5, 0.9],
    values: [f(0, 0, 2, 1), f(1, 1, 1, 1), f(2, 0.5, 3, 1)],
  };
  // row 0 monotone, row 1 crosses at 0.9, row 2 crosses at 0.5, row 3 ties (not a crossing)
  assert.equal(crossingRate(raw), 0.5);
  assert.equal(crossingRate(rearrangeQuantiles(raw)), 0);
});

Deno.test("quantileMetrics(y, predictions) scores levels and symmetric intervals", () => {
  const y = f(0, 2, -3, 0.5);
  const predictions = {
    levels: [0.1, 0.25, 0.5, 0.75, 0.9],
    values: [f(-2, -2, -2, -2), f(-1, -1, -1, -1), f(0, 0, 0, 0), f(1, 1, 1, 1), f(2, 2, 2, 2)],
  };
  const m = quantileMetrics(y, predictions);
  assert.equal(m.n, 4);
  assert.deepEqual(m.levels.map((l) => l.level), [0.1, 0.25, 0.5, 0.75, 0.9]);
  // share of y <= q: q10 = -2 -> {-3} = 1/4; q50 = 0 -> {0, -3} = 2/4; q90 = 2 -> all 4
  assert.deepEqual(m.levels.map((l) => l.observed), [0.25, 0.25, 0.5, 0.75, 1]);
  close(m.levels[2].pinball, pinballLoss(y, predictions.values[2], 0.5), "median pinball");
  close(m.meanPinball, m.levels.reduce((s, l) => s + l.pinball, 0) / 5, "mean pinball");
  assert.deepEqual(m.intervals.map((i) => [i.lower, i.upper]), [[0.1, 0.9], [0.25, 0.75]]);
  // 10-90 = [-2, 2]: covers 0, 2, 0.5 -> 3/4; 25-75 = [-1, 1]: covers 0, 0.5 -> 2/4
  assert.equal(m.intervals[0].coverage, 0.75);
  assert.equal(m.intervals[1].coverage, 0.5);
  close(m.intervals[0].nominal, 0.8, "nominal 80");
  assert.equal(m.intervals[0].meanWidth, 4);
  // 10-90, a = 0.2: widths 4, one miss below by 1 -> (4 x 4 + 10 x 1) / 4
  close(m.intervals[0].intervalScore, (16 + 10) / 4, "interval score 80");
  // 25-75, a = 0.5: widths 2; misses: above by 1, below by 2 -> (8 + 4 x 1 + 4 x 2) / 4
  close(m.intervals[1].intervalScore, (8 + 4 + 8) / 4, "interval score 50");
  assert.equal(m.crossingRate, 0);
  assert.throws(
    () => quantileMetrics(y, predictions, { pairs: [[0.05, 0.95]] }),
    /level 0.05 is not among/,
  );
});

Deno.test("quantileMetricRecord names interval metrics by nominal coverage in percent", () => {
  const y = f(0, 1);
  const m = quantileMetrics(y, { levels: [0.1, 0.5, 0.9], values: [f(-1, -1), f(0, 0), f(1, 1)] });
  const r = quantileMetricRecord(m);
  assert.deepEqual(Object.keys(r).sort(), [
    "coverage_80",
    "crossing_rate",
    "interval_score_80",
    "mean_pinball",
    "pinball_q10",
    "pinball_q50",
    "pinball_q90",
    "width_80",
  ]);
  assert.equal(r.coverage_80, 1);
  assert.equal(r.width_80, 2);
});

Deno.test("calibrationTable(metrics, model) lists levels then intervals with nominal and observed", () => {
  const y = f(0, 1);
  const m = quantileMetrics(y, { levels: [0.1, 0.5, 0.9], values: [f(-1, -1), f(0, 0), f(1, 1)] });
  const table = calibrationTable(m, "raw");
  assert.deepEqual(table.columns, ["model", "kind", "label", "nominal", "observed"]);
  const rows = table.toRecords();
  assert.deepEqual(rows.map((r) => r.label), ["q10", "q50", "q90", "10-90"]);
  assert.deepEqual(rows.map((r) => r.kind), ["level", "level", "level", "interval"]);
  assert.deepEqual(rows.map((r) => r.observed), [0, 0.5, 1, 1]);
  assert.ok(rows.every((r) => r.model === "raw"));
  assert.deepEqual(calibrationTable(m).columns, ["kind", "label", "nominal", "observed"]);
});
