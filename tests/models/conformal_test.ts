import assert from "node:assert/strict";
import {
  applyConformal,
  calibrateConformal,
  conformalQuantile,
  conformityScores,
  fitConformalQuantiles,
  splitCalibration,
} from "@lib/models/conformal.ts";
import { crossingRate, quantileMetrics } from "@lib/models/quantile_metrics.ts";
import {
  multiQuantile,
  MultiQuantileModel,
  quantileColumn,
  quantileFrame,
  rearrangeQuantiles,
  symmetricPairs,
} from "@lib/models/quantiles.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import type { FeatureImportance, Model, ModelSpec, SavedModel } from "@lib/models/model.ts";
import { ridge, RidgeRegression } from "@lib/models/linear/ridge.ts";
import { loadModel } from "@lib/models/registry.ts";
import { seededRandom } from "@lib/models/sample.ts";
import pl from "nodejs-polars";

/**
 * A linear quantile model for tests: least squares plus the `alpha` quantile of its training
 * residuals, times `shrink` (below 1 makes deliberately too narrow intervals).
 */
class ShiftedQuantile implements Model {
  readonly kind = "shifted_quantile";
  features: readonly string[] = [];
  private readonly base = new RidgeRegression({ alpha: 0 });
  private offset = 0;
  constructor(readonly alpha: number, readonly shrink = 1) {}
  fit(x: FeatureMatrix, y: Float64Array): void {
    this.base.fit(x, y);
    const fitted = this.base.predict(x);
    const residuals = y.map((v, i) => v - fitted[i]).sort();
    const pos = this.alpha * (residuals.length - 1);
    const lo = Math.floor(pos);
    const q = residuals[lo] + (residuals[Math.min(lo + 1, residuals.length - 1)] - residuals[lo]) *
        (pos - lo);
    this.offset = q * this.shrink;
    this.features = [...x.features];
  }
  predict(x: FeatureMatrix): Float64Array {
    return this.base.predict(x).map((v) => v + this.offset);
  }
  importance(): FeatureImportance[] {
    return this.base.importance();
  }
  save(): SavedModel {
    return { ...this.base.save(), kind: this.kind };
  }
}

const shifted = (shrink = 1) => (alpha: number): ModelSpec => ({
  name: `shifted_${alpha}`,
  create: () => new ShiftedQuantile(alpha, shrink),
});

/** Exchangeable rows: x ~ U(0, 1), y = 1 + 2x + (0.5 + x) z with z standard normal. */
function synthetic(n: number, random: () => number): { x: FeatureMatrix; y: Float64Array } {
  const data = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = random();
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    data[i] = x;
    y[i] = 1 + 2 * x + (0.5 + x) * z;
  }
  return { x: { data, rows: n, cols: 1, features: ["x"] }, y };
}

const f = (...v: number[]) => Float64Array.from(v);

Deno.test("conformityScores is max(lo - y, y - hi): positive outside, negative inside", () => {
  assert.deepEqual(Array.from(conformityScores([0, 0, 0], [2, 2, 2], [-1, 1, 3])), [1, -1, 1]);
  assert.throws(() => conformityScores([0], [1, 2], [0]), /differ in length/);
});

Deno.test("conformalQuantile takes the ceil((n+1)(1-a))-th smallest score, Infinity past n", () => {
  const five = f(5, 1, 4, 2, 3);
  // n = 4, a = 0.2: k = ceil(5 x 0.8) = 4 = n, the largest of four
  assert.equal(conformalQuantile(f(4, 1, 3, 2), 0.2), 4);
  // n = 3, a = 0.2: k = ceil(3.2) = 4 > 3: no finite correction
  assert.equal(conformalQuantile(f(1, 2, 3), 0.2), Infinity);
  // n = 9, a = 0.1: k = 9 = n; n = 8: k = ceil(8.1) = 9 > 8
  assert.equal(conformalQuantile(f(1, 2, 3, 4, 5, 6, 7, 8, 9), 0.1), 9);
  assert.equal(conformalQuantile(f(1, 2, 3, 4, 5, 6, 7, 8), 0.1), Infinity);
  // n = 1, a = 0.5: k = ceil(1) = 1
  assert.equal(conformalQuantile(f(7), 0.5), 7);
  // n = 5, a = 0.5: k = ceil(3) = 3
  assert.equal(conformalQuantile(five, 0.5), 3);
  assert.throws(() => conformalQuantile(f(), 0.2), /at least one score/);
  assert.throws(() => conformalQuantile(f(1), 0), /miscoverage must be strictly between 0 and 1/);
  assert.throws(() => conformalQuantile(f(1, NaN), 0.2), /score at row 1 is NaN/);
});

Deno.test("conformalQuantile covers a new exchangeable score with probability ceil((n+1)(1-a))/(n+1) >= 1-a", () => {
  // For n + 1 distinct exchangeable scores, the test score is equally likely to be any of them:
  // enumerate which one it is and count how often it is <= the correction from the others.
  for (let n = 1; n <= 30; n++) {
    for (const a of [0.05, 0.1, 0.2, 0.5]) {
      const scores = Array.from({ length: n + 1 }, (_, i) => (i * 7919) % (n + 1) + 0.5);
      let covered = 0;
      for (let t = 0; t <= n; t++) {
        const q = conformalQuantile(scores.filter((_, i) => i !== t), a);
        if (scores[t] <= q) covered++;
      }
      const k = Math.ceil((n + 1) * (1 - a) - 1e-9);
      const expected = k > n ? 1 : k / (n + 1);
      assert.equal(covered / (n + 1), expected, `n ${n}, a ${a}`);
      assert.ok(covered / (n + 1) >= 1 - a, `n ${n}, a ${a}: guarantee broken`);
      // and it is tight: never more than 1/(n+1) above the target when a finite Q exists
      if (k <= n) assert.ok(covered / (n + 1) < 1 - a + 1 / (n + 1) + 1e-12);
    }
  }
});

Deno.test("calibrateConformal + applyConformal widen each symmetric pair by its own Q and re-sort", () => {
  const levels = [0.1, 0.25, 0.5, 0.75, 0.9];
  const rows = 4;
  const constant = (v: number) => new Float64Array(rows).fill(v);
  const cal = { levels, values: [-2, -1, 0, 1, 2].map(constant) };
  const y = f(-3, 0.5, 1.5, 5);
  // 10-90 = [-2, 2], a = 0.2, n = 4: k = 4, scores 1, -1.5, -0.5, 3 -> Q = 3
  // 25-75 = [-1, 1], a = 0.5, n = 4: k = ceil(2.5) = 3, scores 2, -0.5, 0.5, 4 -> Q = 2
  const c = calibrateConformal(cal, y);
  assert.deepEqual(c.pairs.map((p) => [p.lower, p.upper, p.correction, p.n]), [
    [0.1, 0.9, 3, 4],
    [0.25, 0.75, 2, 4],
  ]);
  assert.equal(c.pairs[0].rawCoverage, 0.5);
  // test rows: 10-90 [-1.1, 1.1] -> [-4.1, 4.1]; 25-75 [-1, 1] -> [-3, 3]
  const test = { levels, values: [f(-1.1), f(-1), f(0), f(1), f(1.1)] };
  const out = applyConformal(test, c);
  assert.deepEqual(out.values.map((v) => v[0]), [-4.1, -3, 0, 3, 4.1]);
  // widening 25-75 by more than its gap to 10-90 crosses them; rearrangement restores the order
  const crossing = applyConformal(test, {
    pairs: [{ ...c.pairs[0], correction: 0 }, { ...c.pairs[1], correction: 1 }],
  });
  // raw: q10 -1.1, q25 -2, q50 0, q75 2, q90 1.1 -> sorted
  assert.deepEqual(crossing.values.map((v) => v[0]), [-2, -1.1, 0, 1.1, 2]);
  assert.equal(crossingRate(crossing), 0);
  // the input is not modified
  assert.equal(test.values[0][0], -1.1);
});

Deno.test("applyConformal narrows an interval that was too wide (negative Q) and keeps Infinity", () => {
  const levels = [0.1, 0.5, 0.9];
  const wide = { levels, values: [f(-10, -10, -10, -10), f(0, 0, 0, 0), f(10, 10, 10, 10)] };
  const y = f(-1, 0, 1, 0.5);
  const c = calibrateConformal(wide, y);
  assert.equal(c.pairs[0].correction, -9); // scores -9, -10, -9, -9.5; k = 4 -> -9
  assert.deepEqual(applyConformal(wide, c).values.map((v) => v[0]), [-1, 0, 1]);
  const tiny = calibrateConformal({ levels, values: [f(-1, -1), f(0, 0), f(1, 1)] }, f(0, 3));
  assert.equal(tiny.pairs[0].correction, Infinity); // n = 2 < 1/0.2 - 1
  const out = applyConformal({ levels, values: [f(-1), f(0), f(1)] }, tiny);
  assert.deepEqual(out.values.map((v) => v[0]), [-Infinity, 0, Infinity]);
});

Deno.test("calibrateConformal throws on a missing level, mismatched rows or no pairs", () => {
  const p = { levels: [0.1, 0.5, 0.9], values: [f(0), f(1), f(2)] };
  assert.throws(() => calibrateConformal(p, f(1, 2)), /1 rows; actual has 2/);
  assert.throws(
    () => calibrateConformal(p, f(1), { pairs: [[0.25, 0.75]] }),
    /level 0.25 is not among/,
  );
  assert.throws(
    () => calibrateConformal({ levels: [0.5], values: [f(0)] }, f(1)),
    /no pair of levels to calibrate/,
  );
});

Deno.test("conformalised 10-90 interval reaches 80% held-out coverage over 200 seeds; a too-narrow raw one does not", () => {
  const seeds = 200;
  let rawNarrow = 0;
  let cqrNarrow = 0;
  let cqrNarrow50 = 0;
  let cqrGood = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const random = seededRandom(seed);
    const train = synthetic(200, random);
    const cal = synthetic(100, random);
    const test = synthetic(200, random);
    for (const shrink of [0.3, 1]) {
      const model = multiQuantile({ factory: shifted(shrink) }).create();
      model.fit(train.x, train.y);
      const calibration = calibrateConformal(model.predictQuantiles(cal.x), cal.y);
      const raw = model.predictQuantiles(test.x);
      const corrected = applyConformal(raw, calibration);
      const m = quantileMetrics(test.y, corrected);
      if (shrink < 1) {
        rawNarrow += quantileMetrics(test.y, raw).intervals[0].coverage;
        cqrNarrow += m.intervals[0].coverage;
        cqrNarrow50 += m.intervals[1].coverage;
      } else {
        cqrGood += m.intervals[0].coverage;
      }
    }
  }
  // Per seed the coverage has sd about sqrt(0.16/200 + 0.16/102) = 0.049 (test rows plus the
  // calibration draw), so the mean of 200 seeds has a Monte Carlo error of about 0.0035.
  const mcError = 0.0035;
  const mean = (s: number) => s / seeds;
  assert.ok(mean(cqrNarrow) >= 0.8 - 3 * mcError, `conformal 10-90 coverage ${mean(cqrNarrow)}`);
  // CQR is also not conservative beyond 1 - a + 1/(n+1) in expectation (continuous scores)
  assert.ok(mean(cqrNarrow) <= 0.8 + 1 / 101 + 3 * mcError, `too wide: ${mean(cqrNarrow)}`);
  assert.ok(mean(cqrGood) >= 0.8 - 3 * mcError, `conformal (good model) ${mean(cqrGood)}`);
  assert.ok(mean(cqrNarrow50) >= 0.5 - 3 * 0.0045, `conformal 25-75 coverage ${mean(cqrNarrow50)}`);
  assert.ok(mean(rawNarrow) < 0.5, `raw too-narrow coverage ${mean(rawNarrow)} should miss 0.8`);
});

Deno.test("splitCalibration holds out the latest dates and purges labels reaching them", () => {
  // two symbols per date, dates 0..9, 3-day labels (end = date + 3); fold train = dates 0..9
  const dates: number[] = [];
  for (let d = 0; d < 10; d++) dates.push(d, d);
  const ends = dates.map((d) => d + 3);
  const train = Int32Array.from(dates.keys());
  const s = splitCalibration(train, dates, ends, { calibrationFraction: 0.3 });
  // 3 calibration dates (7, 8, 9); dates 4, 5, 6 have labels ending on 7..9 -> purged
  assert.equal(s.calibrationStart, "1970-01-08");
  assert.deepEqual(Array.from(s.calibration, (i) => dates[i]), [7, 7, 8, 8, 9, 9]);
  assert.deepEqual(Array.from(s.properTrain, (i) => dates[i]), [0, 0, 1, 1, 2, 2, 3, 3]);
  assert.equal(s.purged, 6);
  // every proper-training label ends before the first calibration date
  for (const i of s.properTrain) assert.ok(ends[i] < 7);
  // default fraction 0.2 of 10 dates = 2
  assert.equal(splitCalibration(train, dates, ends).calibration.length, 4);
});

Deno.test("splitCalibration works on a subset of rows and throws when a part would be empty", () => {
  const dates = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ends = dates.map((d) => d + 1);
  const s = splitCalibration([2, 4, 6, 8], dates, ends, { calibrationFraction: 0.25 });
  assert.deepEqual(Array.from(s.calibration), [8]);
  assert.deepEqual(Array.from(s.properTrain), [2, 4, 6]);
  assert.equal(s.purged, 0);
  assert.throws(() => splitCalibration([0], dates, ends), /cannot hold out 0.2 of 1 training date/);
  assert.throws(
    () =>
      splitCalibration([0, 1, 2], dates, dates.map((d) => d + 10), { calibrationFraction: 0.3 }),
    /no proper-training rows left/,
  );
  assert.throws(
    () => splitCalibration([0, 1], dates, ends, { calibrationFraction: 1 }),
    /calibrationFraction must be strictly between 0 and 1/,
  );
  assert.throws(() => splitCalibration([42], dates, ends), /training row 42 is out of range/);
});

Deno.test("MultiQuantileModel fits one model per default level and rearranges crossing predictions", () => {
  const random = seededRandom(7);
  const { x, y } = synthetic(300, random);
  // a factory whose levels are deliberately reversed: the raw predictions cross on every row
  const reversed = (alpha: number) => shifted()(1 - alpha);
  const model = multiQuantile({ factory: reversed, name: "rev" }).create();
  assert.deepEqual(model.levels, [0.1, 0.25, 0.5, 0.75, 0.9]);
  model.fit(x, y);
  assert.equal(model.models.length, 5);
  const raw = model.predictQuantiles(x, { rearrange: false });
  const sorted = model.predictQuantiles(x);
  assert.equal(crossingRate(raw), 1);
  assert.equal(crossingRate(sorted), 0);
  // rearrangement of a reversed set is the reversal
  assert.deepEqual(Array.from(sorted.values[0]), Array.from(raw.values[4]));
  assert.deepEqual(Array.from(model.predict(x)), Array.from(sorted.values[2]));
  assert.deepEqual(rearrangeQuantiles(raw).values.map((v) => v[0]), sorted.values.map((v) => v[0]));
});

Deno.test("MultiQuantileModel saves and loads through the registry loader of its parts", () => {
  const { x, y } = synthetic(50, seededRandom(3));
  const model = new MultiQuantileModel({
    levels: [0.2, 0.5, 0.8],
    factory: (alpha) => ridge({ alpha: alpha * 10 }),
  });
  model.fit(x, y);
  const loaded = MultiQuantileModel.load(JSON.parse(JSON.stringify(model.save())), loadModel);
  assert.deepEqual(
    loaded.predictQuantiles(x).values.map((v) => Array.from(v)),
    model.predictQuantiles(x).values.map((v) => Array.from(v)),
  );
  assert.deepEqual(loaded.features, ["x"]);
  assert.throws(() => loaded.fit(x, y), /cannot be refitted/);
  const imp = model.importance();
  const mean = model.models.reduce((s, m) => s + m.importance()[0].importance, 0) / 3;
  assert.ok(Math.abs(imp[0].importance - mean) < 1e-12);
});

Deno.test("MultiQuantileModel rejects bad levels, predict without 0.5 and use before fit", () => {
  const factory = shifted();
  assert.throws(
    () => new MultiQuantileModel({ factory, levels: [0.5, 0.1] }),
    /strictly ascending/,
  );
  assert.throws(
    () => new MultiQuantileModel({ factory, levels: [0, 0.5] }),
    /level 0 \(position 0\)/,
  );
  assert.throws(() => new MultiQuantileModel({ factory, levels: [] }), /levels are empty/);
  const noMedian = new MultiQuantileModel({ factory, levels: [0.1, 0.9] });
  assert.throws(() => noMedian.predictQuantiles(synthetic(5, seededRandom(1)).x), /not fitted/);
  const { x, y } = synthetic(30, seededRandom(1));
  noMedian.fit(x, y);
  assert.throws(() => noMedian.predict(x), /lack 0.5/);
  const failing = new MultiQuantileModel({ factory: () => ridge({ alpha: 0 }) });
  const constantX = { ...x, data: new Float64Array(30).fill(1) };
  assert.throws(() => failing.fit(constantX, y), /quantile 0.1: feature\(s\) "x" constant/);
});

Deno.test("quantileFrame appends q10..q90 columns; symmetricPairs finds 10-90 and 25-75", () => {
  assert.deepEqual(symmetricPairs([0.1, 0.25, 0.5, 0.75, 0.9]), [[0.1, 0.9], [0.25, 0.75]]);
  assert.deepEqual(symmetricPairs([0.05, 0.5, 0.9]), []);
  assert.equal(quantileColumn(0.025), "q2.5");
  const frame = quantileFrame(pl.DataFrame({ symbol: ["A", "B"] }), {
    levels: [0.1, 0.5],
    values: [f(1, 2), f(3, 4)],
  });
  assert.deepEqual(frame.columns, ["symbol", "q10", "q50"]);
  assert.deepEqual(frame.getColumn("q50").toArray(), [3, 4]);
  assert.throws(
    () => quantileFrame(pl.DataFrame({ symbol: ["A"] }), { levels: [0.1], values: [f(1, 2)] }),
    /keys frame has 1 rows; the predictions have 2/,
  );
});

Deno.test("fitConformalQuantiles fits on proper-training rows and corrects with the calibration rows", () => {
  const random = seededRandom(11);
  const { x, y } = synthetic(400, random);
  const dates = Array.from({ length: 400 }, (_, i) => i);
  const ends = dates.map((d) => d + 5); // 5-day labels
  const train = Int32Array.from({ length: 300 }, (_, i) => i); // rows 300.. are the fold's test
  const spec = multiQuantile({ factory: shifted(0.3) });
  const fit = fitConformalQuantiles(spec, x, y, train, dates, ends);
  // 20% of 300 dates calibrate (240..299); 5 purged (235..239)
  assert.equal(fit.split.calibration.length, 60);
  assert.equal(fit.split.purged, 5);
  assert.equal(fit.split.properTrain.length, 235);
  assert.equal(fit.calibration.pairs[0].n, 60);
  // the same steps by hand give the same corrected predictions
  const model = spec.create();
  const proper = Array.from(fit.split.properTrain);
  model.fit(
    { ...x, data: Float64Array.from(proper.map((i) => x.data[i])), rows: proper.length },
    Float64Array.from(proper.map((i) => y[i])),
  );
  const cal = Array.from(fit.split.calibration);
  const byHand = calibrateConformal(
    model.predictQuantiles({
      ...x,
      data: Float64Array.from(cal.map((i) => x.data[i])),
      rows: cal.length,
    }),
    Float64Array.from(cal.map((i) => y[i])),
  );
  assert.deepEqual(fit.calibration, byHand);
  const test = { ...x, data: x.data.slice(300), rows: 100 };
  assert.deepEqual(
    fit.predictQuantiles(test).values.map((v) => Array.from(v)),
    applyConformal(model.predictQuantiles(test), byHand).values.map((v) => Array.from(v)),
  );
  // the too-narrow model needed widening
  assert.ok(fit.calibration.pairs[0].correction > 0);
  assert.throws(
    () => fitConformalQuantiles(spec, x, y.slice(1), train, dates, ends),
    /differ in length/,
  );
});
