import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { indexSentiment } from "@lib/signals/index_signal.ts";
import { marketCapProxyWeights, staticWeights } from "@lib/signals/weights.ts";
import { scoresFromReturns } from "@lib/signals/action_scores.ts";
import { projectPath } from "@lib/paths.ts";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const close = (a: number, b: number) => Math.abs(a - b) < 1e-12;

/** Scores of A, B, C on three dates; null is a missing score. */
function scores(rows: [string, string, number | null][]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("symbol", rows.map((r) => r[0]), pl.Utf8),
    pl.Series("date", rows.map((r) => d(r[1]))).cast(pl.Date),
    pl.Series("score", rows.map((r) => r[2]), pl.Float64),
  ]);
}

const three = scores([
  ["A", "2020-01-02", 2],
  ["B", "2020-01-02", -1],
  ["C", "2020-01-02", 0],
  ["A", "2020-01-03", 1],
  ["B", "2020-01-03", null],
  ["C", "2020-01-03", -2],
  ["A", "2020-01-06", null],
  ["B", "2020-01-06", 2],
  ["C", "2020-01-06", null],
]);
// Raw weights 5, 3, 2: they need not sum to 1.
const weights = staticWeights({ A: 5, B: 3, C: 2 });

Deno.test("indexSentiment on 3 constituents matches the hand-computed weighted mean", () => {
  const { sentiment, contributions } = indexSentiment(three, weights);
  const score = sentiment.getColumn("score").toArray() as (number | null)[];
  // (5 x 2 + 3 x -1 + 2 x 0) / 10
  assert.ok(close(score[0]!, 0.7));
  // B missing: renormalised over A and C, (5 x 1 + 2 x -2) / 7
  assert.ok(close(score[1]!, 1 / 7));
  // Only B (30% of the weight) scored: below the default 50% coverage, no score
  assert.equal(score[2], null);
  assert.deepEqual(sentiment.getColumn("coverage").toArray(), [1, 0.7, 0.3]);
  assert.deepEqual(sentiment.getColumn("constituents").toArray(), [3, 2, 1]);

  const day1 = contributions.filter(pl.col("date").eq(pl.lit(d("2020-01-02"))));
  assert.deepEqual(day1.getColumn("symbol").toArray(), ["A", "B", "C"]);
  const c = day1.getColumn("contribution").toArray() as number[];
  assert.ok(close(c[0], 1) && close(c[1], -0.3) && close(c[2], 0));
  const day2 = contributions.filter(pl.col("date").eq(pl.lit(d("2020-01-03"))));
  assert.deepEqual(day2.getColumn("symbol").toArray(), ["A", "C"]);
  const w = day2.getColumn("weight").toArray() as number[];
  assert.ok(close(w[0], 5 / 7) && close(w[1], 2 / 7), "weights renormalised to sum 1");
  assert.equal(contributions.filter(pl.col("date").eq(pl.lit(d("2020-01-06")))).height, 0);
});

Deno.test("indexSentiment with minCoverage 0 scores a date from one constituent", () => {
  const { sentiment } = indexSentiment(three, weights, { minCoverage: 0 });
  assert.equal(sentiment.getColumn("score").toArray()[2], 2);
  assert.throws(() => indexSentiment(three, weights, { minCoverage: 1.5 }), /minCoverage/);
});

Deno.test("indexSentiment uses the latest dated weight on or before each date", () => {
  const dated = pl.DataFrame([
    pl.Series("symbol", ["A", "B", "C", "A"], pl.Utf8),
    pl.Series("date", [d("2020-01-01"), d("2020-01-01"), d("2020-01-01"), d("2020-01-03")])
      .cast(pl.Date),
    pl.Series("weight", [1, 1, 1, 4], pl.Float64),
  ]);
  const score = indexSentiment(three, dated).sentiment.getColumn("score").toArray() as number[];
  assert.ok(close(score[0], (2 - 1 + 0) / 3));
  // A's weight is 4 from 2020-01-03: (4 x 1 + 1 x -2) / 5
  assert.ok(close(score[1], 2 / 5));
  // A weight taking effect after the first date leaves the symbol out until then.
  const late = dated.withColumns(
    pl.when(pl.col("symbol").eq(pl.lit("C"))).then(pl.lit(d("2020-01-03"))).otherwise(
      pl.col("date"),
    ).cast(pl.Date).alias("date"),
  ).filter(pl.col("symbol").neq(pl.lit("A")).or(pl.col("weight").eq(1)));
  const first = indexSentiment(three, late).sentiment;
  assert.ok(close(first.getColumn("score").toArray()[0] as number, (2 - 1) / 2));
});

Deno.test("indexSentiment refuses bad weights and scores, naming them", () => {
  assert.throws(
    () => indexSentiment(three, staticWeights({ A: 5, B: -3, C: 2 })),
    /weight of "B" is -3; weights must be >= 0/,
  );
  assert.throws(
    () => indexSentiment(three, staticWeights({ A: 0, B: 0, C: 0 })),
    /static weights are all zero/,
  );
  const datedZero = pl.DataFrame([
    pl.Series("symbol", ["A", "B", "C"], pl.Utf8),
    pl.Series("date", [d("2020-01-01"), d("2020-01-01"), d("2020-01-03")]).cast(pl.Date),
    pl.Series("weight", [0, 0, 0], pl.Float64),
  ]);
  assert.throws(
    () => indexSentiment(three, datedZero),
    /the weights in effect on 2020-01-02 are all zero/,
  );
  assert.throws(
    () => indexSentiment(three, staticWeights({ A: 5, B: 3, C: 2, ZZZ: 1 })),
    /weights name symbol\(s\) with no scores: ZZZ/,
  );
  assert.throws(
    () => indexSentiment(three, staticWeights({ A: 5, B: 3 })),
    /scored symbol\(s\) without a weight: C/,
  );
  assert.throws(
    () => indexSentiment(three, pl.concat([weights, staticWeights({ A: 1 })])),
    /"A" has two static weights/,
  );
  assert.throws(
    () => indexSentiment(three, weights.drop("weight")),
    /the weights have no "weight" column/,
  );
  assert.throws(
    () => indexSentiment(scores([["A", "2020-01-02", 3]]), staticWeights({ A: 1 })),
    /score of "A" on 2020-01-02 is 3; action scores are in -2..2/,
  );
});

Deno.test("on the bundled sample, contributions sum to the score and it stays in -2..2", () => {
  const panel = pl.readCSV(projectPath("data", "sample", "ohlcv_daily.csv"), {
    tryParseDates: true,
  }).withColumns(pl.col("date").cast(pl.Date)).sort(["symbol", "date"]);
  // A stand-in for predicted returns: the trailing 5-day return.
  const predicted = panel.withColumns(
    pl.col("close").div(pl.col("close").shift(5).over("symbol")).sub(1).alias("pred"),
  );
  const actionScores = scoresFromReturns(predicted, "pred", { weak: 0.01, strong: 0.03 });
  const { sentiment, contributions } = indexSentiment(
    actionScores,
    marketCapProxyWeights(panel, { window: 60 }),
  );
  const byDate = contributions.groupBy("date").agg(pl.col("contribution").sum().alias("total"));
  const joined = sentiment.join(byDate, { on: "date", how: "inner" });
  assert.ok(joined.height > 2000, `only ${joined.height} scored dates`);
  const s = joined.getColumn("score").toArray() as number[];
  const total = joined.getColumn("total").toArray() as number[];
  s.forEach((v, i) => {
    assert.ok(v >= -2 && v <= 2, `score ${v} out of range`);
    assert.ok(Math.abs(v - total[i]) < 1e-9, `contributions ${total[i]} != score ${v}`);
  });
  const w = contributions.groupBy("date").agg(pl.col("weight").sum().alias("w"))
    .getColumn("w").toArray() as number[];
  assert.ok(w.every((x) => Math.abs(x - 1) < 1e-9), "weights sum to 1 on every date");
  // The 60-day warm-up of the proxy leaves the first dates without a score.
  assert.equal(sentiment.getColumn("score").toArray()[0], null);
});
