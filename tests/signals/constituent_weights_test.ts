import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { parseConstituentsCsv } from "@lib/data/universe.ts";
import { coverageLine, indexWeights } from "@lib/signals/constituent_weights.ts";
import { indexSentiment } from "@lib/signals/index_signal.ts";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const days = ["2020-01-02", "2020-01-03", "2020-06-01"];
// a and b scored every day, c never (not in the universe), z scored but not in the index
const scores = pl.DataFrame({
  symbol: days.flatMap(() => ["a", "b", "z"]),
  date: days.flatMap((s) => [d(s), d(s), d(s)]),
  score: days.flatMap(() => [2, -1, 2]),
});

Deno.test("parseConstituentsCsv reads an as-of date and normalises per date", () => {
  const c = parseConstituentsCsv(
    "symbol,weight,as_of\na,1,2020-01-02\nb,3,2020-01-02\na,1,2020-06-01\n",
    "c.csv",
  );
  assert.deepEqual(
    c.toRecords().map((r) =>
      `${(r.date as unknown as Date).toISOString().slice(0, 10)} ${r.symbol} ${r.weight}`
    ),
    [
      "2020-01-02 b 0.75",
      "2020-01-02 a 0.25",
      "2020-06-01 a 1",
    ],
  );
  assert.throws(
    () => parseConstituentsCsv("symbol,weight,date,as_of\na,1,2020-01-02,2020-01-02\n", "c.csv"),
    /both date and as_of/,
  );
  assert.throws(
    () => parseConstituentsCsv("symbol,weight,date\na,0,2020-01-02\n", "c.csv"),
    /c\.csv: weights of c\.csv on 2020-01-02 sum to 0/,
  );
});

Deno.test("static file weights renormalise over the scored constituents; an unscored one lowers coverage", () => {
  const constituents = parseConstituentsCsv("symbol,weight\na,30\nb,10\nc,60\n", "idx.csv");
  const w = indexWeights(pl.DataFrame({}), { constituents, origin: "idx.csv" });
  assert.equal(w.fromFile, true);
  assert.match(w.source, /Weights from `idx\.csv`: 3 constituents, static/);
  // a and b hold 40% of the index: below 0.5 every date is empty, at 0.4 it is scored
  const empty = indexSentiment(scores, w.weights, { minCoverage: 0.5, allConstituents: true });
  assert.deepEqual(empty.sentiment.getColumn("score").toArray(), [null, null, null]);
  assert.ok(Math.abs((empty.sentiment.getColumn("coverage").get(0) as number) - 0.4) < 1e-12);
  assert.match(
    coverageLine(empty.sentiment, 0.5),
    /\*\*3 of 3 dates are left empty\*\*.*less than 50\.0%.*median coverage 40\.0%/,
  );
  const scored = indexSentiment(scores, w.weights, { minCoverage: 0.4, allConstituents: true });
  // (0.3 x 2 + 0.1 x -1) / 0.4; z is not a constituent and is left out
  assert.ok(Math.abs((scored.sentiment.getColumn("score").get(0) as number) - 1.25) < 1e-12);
  assert.deepEqual([...new Set(scored.contributions.getColumn("symbol").toArray())].sort(), [
    "a",
    "b",
  ]);
  assert.match(coverageLine(scored.sentiment, 0.4), /Every one of the 3 dates/);
  // without allConstituents the same weights are an error naming the symbols
  assert.throws(
    () => indexSentiment(scores, w.weights),
    /weights name symbol\(s\) with no scores: c/,
  );
});

Deno.test("dated snapshots: a symbol missing from a later snapshot has left the index", () => {
  const constituents = parseConstituentsCsv(
    "symbol,weight,date\na,1,2020-01-02\nb,1,2020-01-02\na,1,2020-06-01\nc,1,2020-06-01\n",
    "snap.csv",
  );
  const w = indexWeights(pl.DataFrame({}), { constituents, origin: "snap.csv" });
  assert.match(w.source, /3 constituents, 2 as-of dates from 2020-01-02/);
  const { sentiment, contributions } = indexSentiment(scores, w.weights, {
    minCoverage: 0,
    allConstituents: true,
  });
  // Jan: a, b half each -> 0.5; June: b gone, a scored, c unscored -> score 2, coverage 0.5
  assert.deepEqual(sentiment.getColumn("score").toArray(), [0.5, 0.5, 2]);
  assert.deepEqual(sentiment.getColumn("coverage").toArray(), [1, 1, 0.5]);
  assert.deepEqual(
    contributions.filter(pl.col("date").eq(pl.lit(d("2020-06-01")))).getColumn("symbol").toArray(),
    ["a"],
  );
});

Deno.test("indexWeights without a file is the close x volume proxy and says so", () => {
  const panel = pl.DataFrame({
    symbol: ["a", "a"],
    date: [d("2020-01-02"), d("2020-01-03")],
    close: [10, 12],
    volume: [100, 300],
  });
  const w = indexWeights(panel, { window: 2 });
  assert.equal(w.fromFile, false);
  assert.match(w.source, /No constituents file is given.*close x mean volume over 2 dates/);
  assert.deepEqual(w.weights.getColumn("weight").toArray(), [null, 2400]);
  const two = pl.DataFrame({ index: ["x", "y"], symbol: ["a", "b"], weight: [1, 1] });
  assert.throws(
    () => indexWeights(panel, { constituents: two, origin: "two.csv" }),
    /two\.csv holds several indexes \(x, y\)/,
  );
});
