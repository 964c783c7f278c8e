import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { backtestInputs } from "@lib/backtest/inputs.ts";
import { toWide } from "@lib/backtest/wide.ts";
import { predictionFactorName, predictionFactors } from "@lib/analysis/factors.ts";

const day = (i: number) => 18_000 + i;
function bars(symbols: string[], n: number): pl.DataFrame {
  const rows = symbols.flatMap((s, j) =>
    Array.from({ length: n }, (_, i) => ({
      symbol: s,
      open: 100 + j + i,
      high: 101 + j + i,
      low: 99 + j + i,
      close: 100.5 + j + i,
    }))
  );
  const dates = symbols.flatMap(() => Array.from({ length: n }, (_, i) => day(i)));
  return pl.DataFrame(rows).withColumns(pl.Series("date", dates, pl.Int32).cast(pl.Date));
}
const panel = bars(["b", "a", "c"], 8);
const benchmarkBars = bars(["SPY"], 8);
// predictions for two models and two horizons, on dates 3..6 and symbols a, b only
const predRows = [];
for (const model of ["ridge", "tree"]) {
  for (const horizon of [1, 5]) {
    for (let i = 3; i <= 6; i++) {
      for (const symbol of ["a", "b"]) {
        predRows.push({ symbol, day: day(i), horizon, model, prediction: i / 10 + horizon });
      }
    }
  }
}
const predictions = pl.DataFrame(predRows)
  .withColumns(pl.col("day").cast(pl.Date).alias("date"))
  .drop("day");

Deno.test("backtestInputs equals the score, price and benchmark panels built one by one", () => {
  const got = backtestInputs(panel, predictions, benchmarkBars, { model: "tree", horizon: 5 });
  const score = toWide(predictionFactors(predictions, 5), predictionFactorName("tree", 5));
  assert.deepEqual(got.score, score);
  assert.deepEqual(Array.from(score.dates), [3, 4, 5, 6].map(day));
  assert.deepEqual(score.symbols, ["a", "b"]);
  for (const c of ["close", "open", "high", "low"] as const) {
    assert.deepEqual(got.prices[c], toWide(panel, c, score), c);
  }
  const benchmarkClose = toWide(benchmarkBars, "close", { dates: score.dates });
  assert.deepEqual(got.benchmarkPrices.close, benchmarkClose);
  for (const c of ["open", "high", "low"] as const) {
    assert.deepEqual(got.benchmarkPrices[c], toWide(benchmarkBars, c, benchmarkClose), c);
  }
  assert.deepEqual(got.benchmarkPrices.close.symbols, ["SPY"]);
  // a is the second symbol of the panel (j = 1), b the first (j = 0): close = 100.5 + j + day
  assert.deepEqual(Array.from(got.prices.close.values), [
    104.5,
    103.5,
    105.5,
    104.5,
    106.5,
    105.5,
    107.5,
    106.5,
  ]);
});

Deno.test("backtestInputs throws on a horizon without predictions", () => {
  assert.throws(
    () => backtestInputs(panel, predictions, benchmarkBars, { model: "ridge", horizon: 20 }),
    /no predictions at horizon 20/,
  );
});
