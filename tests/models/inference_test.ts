import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  predictFrame,
  probabilityPositive,
  type QuantilePredictor,
  writePredictions,
} from "@lib/models/inference.ts";
import { RidgeRegression } from "@lib/models/linear/ridge.ts";
import type { FeatureMatrix } from "@lib/models/matrix.ts";
import type { Classifier, SavedModel } from "@lib/models/model.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** y = 1 + 2 a - b, fitted exactly by OLS. */
function linearModel(): RidgeRegression {
  const a = [0, 1, 2, 3, 0, 1];
  const b = [0, 0, 1, 1, 2, 5];
  const data = new Float64Array(a.flatMap((v, i) => [v, b[i]]));
  const model = new RidgeRegression({ alpha: 0 });
  model.fit(
    { data, rows: 6, cols: 2, features: ["a", "b"] },
    Float64Array.from(a, (v, i) => 1 + 2 * v - b[i]),
  );
  return model;
}

const features = pl.DataFrame({
  symbol: ["AAA", "BBB", "AAA"],
  date: [day("2020-01-02"), day("2020-01-02"), day("2020-01-03")],
  a: [1, 2, null],
  b: [0.5, 1, 1],
  unused: [9, 9, 9],
});

Deno.test("predictFrame(ridge, features) gives one keyed row per input row", () => {
  const out = predictFrame(linearModel(), features, { horizon: 5, name: "ranker", version: "3" });
  assert.deepEqual(out.columns, [
    "symbol",
    "date",
    "horizon",
    "model",
    "version",
    "prediction",
    "p_up",
  ]);
  assert.deepEqual(out.getColumn("symbol").toArray(), ["AAA", "BBB", "AAA"]);
  assert.ok(out.getColumn("date").dtype.equals(pl.Date));
  assert.ok(out.getColumn("horizon").dtype.equals(pl.Int32));
  assert.deepEqual(out.getColumn("horizon").toArray(), [5, 5, 5]);
  assert.deepEqual(out.getColumn("model").toArray(), ["ranker", "ranker", "ranker"]);
  assert.deepEqual(out.getColumn("version").toArray(), ["3", "3", "3"]);
  const prediction = out.getColumn("prediction").toArray() as (number | null)[];
  assert.ok(Math.abs(prediction[0]! - 2.5) < 1e-9); // 1 + 2 - 0.5
  assert.ok(Math.abs(prediction[1]! - 4) < 1e-9); // 1 + 4 - 1
  assert.equal(prediction[2], null, "a row with a missing feature has no prediction");
  assert.deepEqual(out.getColumn("p_up").toArray(), [null, null, null]);
  // Defaults: the model's kind, no version.
  const plain = predictFrame(linearModel(), features, { horizon: 1 });
  assert.deepEqual(plain.getColumn("model").toArray(), ["ridge", "ridge", "ridge"]);
  assert.deepEqual(plain.getColumn("version").toArray(), [null, null, null]);
});

Deno.test("predictFrame names a missing feature column", () => {
  assert.throws(
    () => predictFrame(linearModel(), features.drop("b"), { horizon: 5 }),
    /feature column "b" is not in the frame/,
  );
  assert.throws(
    () => predictFrame(linearModel(), features.drop("symbol"), { horizon: 5 }),
    /no "symbol" column/,
  );
  assert.throws(() => predictFrame(linearModel(), features, { horizon: 0 }), /horizon must be/);
});

/** A classifier with fixed probabilities per row, to check the columns built from them. */
function fixedClassifier(classes: number[], rows: number[][]): Classifier {
  const proba = (x: FeatureMatrix) => {
    const out = new Float64Array(x.rows * classes.length);
    for (let i = 0; i < x.rows; i++) out.set(rows[x.data[i * x.cols]], i * classes.length);
    return out;
  };
  return {
    kind: "fixed",
    features: ["row"],
    classes,
    fit() {},
    predictProba: proba,
    predict(x) {
      const p = proba(x);
      return Float64Array.from({ length: x.rows }, (_, i) => {
        const row = Array.from(p.subarray(i * classes.length, (i + 1) * classes.length));
        return classes[row.indexOf(Math.max(...row))];
      });
    },
    importance: () => [],
    save: (): SavedModel => ({
      kind: "fixed",
      version: 1,
      features: ["row"],
      params: {},
      state: {},
    }),
  };
}

Deno.test("predictFrame(classifier) takes p_up from predictProba", () => {
  const frame = pl.DataFrame({
    symbol: ["A", "B"],
    date: [day("2020-01-02"), day("2020-01-02")],
    row: [0, 1],
  });
  const action = fixedClassifier([0, 1, 2, 3, 4], [
    [0.1, 0.1, 0.2, 0.3, 0.3],
    [0.5, 0.2, 0.2, 0.1, 0],
  ]);
  const out = predictFrame(action, frame, { horizon: 5 });
  const pUp = out.getColumn("p_up").toArray() as number[];
  // P(3) + P(4) + P(2) / 2
  assert.ok(Math.abs(pUp[0] - 0.7) < 1e-12);
  assert.ok(Math.abs(pUp[1] - 0.2) < 1e-12);
  // The expected action score, as walk-forward evaluation reports it.
  const score = out.getColumn("prediction").toArray() as number[];
  assert.ok(Math.abs(score[0] - (-0.2 - 0.1 + 0 + 0.3 + 0.6)) < 1e-12);

  const direction = fixedClassifier([0, 1], [[0.25, 0.75], [0.6, 0.4]]);
  const d = predictFrame(direction, frame, { horizon: 1 });
  assert.deepEqual(d.getColumn("p_up").toArray(), [0.75, 0.4]);
  assert.deepEqual(d.getColumn("prediction").toArray(), [0.75, 0.4]);
});

Deno.test("probabilityPositive interpolates the predictive CDF at 0", () => {
  const levels = [0.1, 0.5, 0.9];
  // Interior: 0 halfway between q10 = -0.02 and q50 = 0.02 -> F(0) = 0.3.
  assert.ok(Math.abs(probabilityPositive(levels, [-0.02, 0.02, 0.04]) - 0.7) < 1e-12);
  // 0 equal to the median.
  assert.ok(Math.abs(probabilityPositive(levels, [-0.02, 0, 0.04]) - 0.5) < 1e-12);
  // Flat stretch at 0 across q10..q50: the middle level 0.3.
  assert.ok(Math.abs(probabilityPositive(levels, [0, 0, 0.04]) - 0.7) < 1e-12);
  // Below q10 = 0.01: slope 0.4 / 0.02 = 20 per unit, F(0) = 0.1 - 0.01 x 20 < 0 -> 0.
  assert.equal(probabilityPositive(levels, [0.01, 0.03, 0.05]), 1);
  // Below q10 = 0.002: F(0) = 0.1 - 0.002 x 20 = 0.06.
  assert.ok(Math.abs(probabilityPositive(levels, [0.002, 0.022, 0.05]) - 0.94) < 1e-12);
  // Above q90 = -0.002 with slope 0.4 / 0.02: F(0) = 0.9 + 0.002 x 20 = 0.94.
  assert.ok(Math.abs(probabilityPositive(levels, [-0.05, -0.022, -0.002]) - 0.06) < 1e-12);
  assert.ok(Number.isNaN(probabilityPositive([0.5], [0.01])));
  assert.ok(Number.isNaN(probabilityPositive(levels, [NaN, 0, 1])));
});

Deno.test("predictFrame with a quantile model adds q columns, conformal widening and p_up", () => {
  const quantiles: QuantilePredictor = {
    features: ["a"],
    predictQuantiles: (x) => ({
      levels: [0.1, 0.5, 0.9],
      // Crossed on purpose for the first row: rearranged before use.
      values: [
        Float64Array.from({ length: x.rows }, (_, i) => (i === 0 ? 0.03 : -0.02)),
        Float64Array.from({ length: x.rows }, () => 0.02),
        Float64Array.from({ length: x.rows }, (_, i) => (i === 0 ? -0.02 : 0.04)),
      ],
    }),
  };
  const out = predictFrame(linearModel(), features, { horizon: 5, quantileModel: quantiles });
  assert.deepEqual(out.columns.slice(5), ["prediction", "q10", "q50", "q90", "p_up"]);
  assert.deepEqual(out.getColumn("q10").toArray(), [-0.02, -0.02, null]);
  assert.deepEqual(out.getColumn("q90").toArray(), [0.03, 0.04, null]);
  const pUp = out.getColumn("p_up").toArray() as (number | null)[];
  assert.ok(Math.abs(pUp[1]! - 0.7) < 1e-12);
  assert.equal(pUp[2], null);

  const widened = predictFrame(linearModel(), features, {
    horizon: 5,
    quantileModel: quantiles,
    conformal: {
      pairs: [{
        lower: 0.1,
        upper: 0.9,
        miscoverage: 0.2,
        correction: 0.02,
        n: 50,
        rawCoverage: 0.7,
      }],
    },
  });
  assert.deepEqual(widened.getColumn("q10").toArray()[1], -0.04);
  assert.ok(Math.abs((widened.getColumn("q90").toArray()[1] as number) - 0.06) < 1e-12);
  // 0 lies 2/3 of the way from q10 = -0.04 to q50 = 0.02: F(0) = 0.1 + 0.4 x 2/3.
  const p = widened.getColumn("p_up").toArray()[1] as number;
  assert.ok(Math.abs(p - (1 - (0.1 + 0.4 * (0.04 / 0.06)))) < 1e-12);
});

function predictionsFrame(rows: [string, string, number, string, number][]): pl.DataFrame {
  return pl.DataFrame({
    symbol: rows.map((r) => r[0]),
    date: rows.map((r) => day(r[1])),
    horizon: pl.Series("horizon", rows.map((r) => r[2]), pl.Int32),
    model: rows.map((r) => r[3]),
    prediction: rows.map((r) => r[4]),
  });
}

Deno.test("writePredictions is idempotent: the same input twice leaves the same bytes", async () => {
  const dir = await mkdtemp(join(tmpdir(), "predictions-"));
  try {
    const path = join(dir, "out", "predictions.parquet");
    const frame = predictFrame(linearModel(), features, {
      horizon: 5,
      name: "ranker",
      version: "1",
    });
    await writePredictions(path, frame);
    const first = await readFile(path);
    await writePredictions(path, frame);
    assert.deepEqual(await readFile(path), first);
    // Row order of the input does not matter either.
    await writePredictions(path, frame.sort("symbol", true));
    assert.deepEqual(await readFile(path), first);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

Deno.test("writePredictions upserts by (symbol, date, horizon, model)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "predictions-"));
  try {
    const path = join(dir, "predictions.parquet");
    await writePredictions(
      path,
      predictionsFrame([
        ["A", "2020-01-02", 5, "ridge", 0.1],
        ["B", "2020-01-02", 5, "ridge", 0.2],
        ["A", "2020-01-02", 1, "ridge", 0.3],
      ]),
    );
    const merged = await writePredictions(
      path,
      predictionsFrame([
        ["B", "2020-01-02", 5, "ridge", 0.9], // replaces
        ["A", "2020-01-02", 5, "tree", 0.4], // new model: added
        ["A", "2020-01-03", 5, "ridge", 0.5], // new date: added
      ]),
    );
    const got = pl.readParquet(path);
    assert.deepEqual(got.toRecords(), merged.toRecords());
    const rows = got.toRecords().map((r) => [
      r.symbol,
      (r.date as unknown as Date).toISOString().slice(0, 10),
      r.horizon,
      r.model,
      r.prediction,
    ]);
    assert.deepEqual(rows, [
      ["A", "2020-01-02", 1, "ridge", 0.3],
      ["A", "2020-01-02", 5, "ridge", 0.1],
      ["A", "2020-01-02", 5, "tree", 0.4],
      ["A", "2020-01-03", 5, "ridge", 0.5],
      ["B", "2020-01-02", 5, "ridge", 0.9],
    ]);
    // New columns on one side are null on the other.
    await writePredictions(
      path,
      predictionsFrame([["C", "2020-01-02", 5, "ridge", 0.7]]).withColumns(
        pl.lit(0.6).alias("p_up"),
      ),
    );
    const widened = pl.readParquet(path);
    assert.deepEqual(widened.columns, ["symbol", "date", "horizon", "model", "prediction", "p_up"]);
    assert.deepEqual(widened.getColumn("p_up").toArray(), [null, null, null, null, null, 0.6]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

Deno.test("writePredictions refuses a repeated key and a missing key column", async () => {
  const dir = await mkdtemp(join(tmpdir(), "predictions-"));
  try {
    const path = join(dir, "predictions.parquet");
    await assert.rejects(
      writePredictions(
        path,
        predictionsFrame([
          ["A", "2020-01-02", 5, "ridge", 0.1],
          ["A", "2020-01-02", 5, "ridge", 0.2],
        ]),
      ),
      /repeat the key \(symbol, date, horizon, model\) = \(A,.*,5,ridge\) 2 times/,
    );
    await assert.rejects(
      writePredictions(
        path,
        predictionsFrame([["A", "2020-01-02", 5, "ridge", 0.1]]).drop("model"),
      ),
      /the predictions have no "model" column/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
