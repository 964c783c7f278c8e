import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { walkForwardEvaluate } from "@lib/models/evaluate.ts";
import { ridge } from "@lib/models/linear/ridge.ts";
import { tree } from "@lib/models/tree.ts";
import { logistic } from "@lib/models/linear/logistic.ts";
import { featureMatrix } from "@lib/models/matrix.ts";
import { seededRandom } from "@lib/models/sample.ts";

const dayMs = 86_400_000;
const date = (day: number) => new Date(day * dayMs);

/**
 * 3 symbols x 40 days. Feature f is null on day 0 (warm-up); fwd_ret_1 = 0.5 f + 0.1 g exactly,
 * with label_end_1 the next day, and null on the last day (no future).
 */
function frames() {
  const random = seededRandom(3);
  const rows: {
    symbol: string;
    date: Date;
    f: number | null;
    g: number;
    y: number | null;
    end: Date | null;
  }[] = [];
  for (let d = 0; d < 40; d++) {
    for (const symbol of ["a", "b", "c"]) {
      const f = d === 0 ? null : random() - 0.5;
      const g = random() - 0.5;
      const last = d === 39;
      rows.push({
        symbol,
        date: date(d),
        f,
        g,
        y: last || f === null ? (last ? null : 0) : 0.5 * f + 0.1 * g,
        end: last ? null : date(d + 1),
      });
    }
  }
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const features = pl.DataFrame({ symbol: col("symbol"), f: col("f"), g: col("g") })
    .withColumns(pl.Series("date", col("date")).cast(pl.Date));
  const labels = pl.DataFrame({ symbol: col("symbol"), fwd_ret_1: col("y") })
    .withColumns(
      pl.Series("date", col("date")).cast(pl.Date),
      pl.Series("label_end_1", col("end")).cast(pl.Date),
    );
  return { features, labels };
}

const options = {
  horizons: [1],
  models: [ridge({ alpha: 0 }), tree({ maxDepth: 2, minNumSamples: 5 })],
  folds: { nFolds: 3, testSize: 5 },
};

Deno.test("walkForwardEvaluate: out-of-fold predictions of every model on every test date, exact for OLS", () => {
  const { features, labels } = frames();
  const ev = walkForwardEvaluate(features, labels, options);
  assert.deepEqual(ev.features, ["f", "g"]);
  assert.deepEqual(ev.predictions.columns, ["symbol", "date", "horizon", "model", "prediction"]);
  assert.ok(ev.predictions.getColumn("horizon").dtype.equals(pl.Int32));
  // usable days 1..38: test blocks are the last 15 of them (24..38), 3 symbols, 2 models.
  assert.equal(ev.predictions.height, 15 * 3 * 2);
  const testDays = new Set(
    (ev.predictions.getColumn("date").toArray() as unknown as Date[]).map((d) =>
      d.getTime() / dayMs
    ),
  );
  assert.deepEqual(
    [...testDays].sort((a, b) => a - b),
    Array.from({ length: 15 }, (_, i) => 24 + i),
  );
  const ols = ev.summary.filter(pl.col("model").eq(pl.lit("ridge")));
  assert.ok((ols.getColumn("r2").get(0) as number) > 1 - 1e-9);
  assert.equal(ols.getColumn("direction_accuracy").get(0), 1);
  assert.equal(ev.metrics.height, 3 * 2);
  assert.deepEqual(ev.metrics.getColumn("n_test").toArray(), [15, 15, 15, 15, 15, 15]);
  assert.equal(ev.importance.height, 3 * 2 * 2);
});

Deno.test("walkForwardEvaluate counts dropped rows by reason and purges the label overlap", () => {
  const { features, labels } = frames();
  const ev = walkForwardEvaluate(features, labels, options);
  const dropped = Object.fromEntries(
    (ev.dropped.toRecords() as { reason: string; rows: number }[]).map((r) => [r.reason, r.rows]),
  );
  assert.deepEqual(dropped, { missing_feature: 3, missing_label: 3 });
  // A 1-day label from the day before each test block ends inside it: 3 rows purged per fold.
  assert.deepEqual(ev.folds.getColumn("purged").toArray(), [3, 3, 3]);
  assert.deepEqual(ev.folds.getColumn("n_train").toArray(), [
    (23 - 1) * 3,
    (28 - 1) * 3,
    (33 - 1) * 3,
  ]);
  assert.ok(ev.folds.getColumn("test_start").dtype.equals(pl.Date));
});

Deno.test("walkForwardEvaluate is deterministic", () => {
  const { features, labels } = frames();
  const a = walkForwardEvaluate(features, labels, options);
  const b = walkForwardEvaluate(features, labels, options);
  assert.ok(a.predictions.frameEqual(b.predictions));
  assert.ok(a.metrics.frameEqual(b.metrics));
});

Deno.test("walkForwardEvaluate errors name the missing column, the fold with a constant label, and empty input", () => {
  const { features, labels } = frames();
  assert.throws(
    () => walkForwardEvaluate(features, labels, { ...options, features: ["f", "rsi_14"] }),
    /feature column "rsi_14" is not in the frame/,
  );
  assert.throws(
    () => walkForwardEvaluate(features, labels, { ...options, horizons: [5] }),
    /labels frame has no column "fwd_ret_5"/,
  );
  const flat = labels.withColumns(pl.lit(0.01).alias("fwd_ret_1"));
  assert.throws(
    () => walkForwardEvaluate(features, flat, options),
    /horizon 1, fold 0, model "ridge": label is constant/,
  );
  assert.throws(
    () => walkForwardEvaluate(features.head(0), labels, options),
    /features frame has no rows/,
  );
  const noLabels = labels.withColumns(pl.lit(null).cast(pl.Float64).alias("fwd_ret_1"));
  assert.throws(
    () => walkForwardEvaluate(features, noLabels, options),
    /horizon 1: no rows left after dropping 3 with a missing feature and 117 with a missing label/,
  );
  assert.throws(
    () => walkForwardEvaluate(features, labels, { ...options, models: [ridge(), ridge()] }),
    /"ridge" is used twice/,
  );
  assert.throws(
    () => walkForwardEvaluate(features, labels, { ...options, folds: { nFolds: 10, testSize: 5 } }),
    /horizon 1: walk-forward needs more than/,
  );
});

Deno.test("featureMatrix is row-major with nulls as NaN and names a missing column", () => {
  const m = featureMatrix(pl.DataFrame({ a: [1, null], b: [3, 4] }), ["a", "b"]);
  assert.deepEqual([...m.data], [1, 3, NaN, 4]);
  assert.throws(
    () => featureMatrix(pl.DataFrame({ a: [1] }), ["a", "zz"]),
    /feature column "zz" is not in the frame \(columns: a\)/,
  );
});

Deno.test("walkForwardEvaluate with task direction scores classifiers: P(up) predictions, accuracy, AUC and a confusion table", () => {
  const { features, labels } = frames();
  const ev = walkForwardEvaluate(features, labels, {
    ...options,
    task: "direction",
    models: [logistic({ C: 10 })],
  });
  assert.equal(ev.task, "direction");
  const p = ev.predictions.getColumn("prediction").toArray() as number[];
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  const summary = ev.summary.toRecords()[0] as Record<string, number>;
  // The sign of the label follows 0.5 f + 0.1 g exactly, so a linear classifier ranks it well.
  assert.ok(summary.auc > 0.9, `auc ${summary.auc}`);
  assert.ok(summary.accuracy > 0.8, `accuracy ${summary.accuracy}`);
  for (const m of ["accuracy", "macro_f1", "auc", "log_loss"]) assert.ok(m in summary, m);
  const counted = (ev.confusion.getColumn("count").toArray() as number[]).reduce((a, b) => a + b);
  assert.equal(counted, 45);
  assert.deepEqual([...new Set(ev.confusion.getColumn("actual").toArray())].sort(), [0, 1]);
});

Deno.test("walkForwardEvaluate refuses a regressor for a classification task and names the model", () => {
  const { features, labels } = frames();
  assert.throws(
    () =>
      walkForwardEvaluate(features, labels, { ...options, task: "direction", models: [ridge()] }),
    /horizon 1, fold 0, model "ridge": the direction task needs a classifier/,
  );
  assert.throws(
    () =>
      walkForwardEvaluate(features, labels, { ...options, task: "action", models: [logistic()] }),
    /labels frame has no column "action_1" for the action task/,
  );
});
