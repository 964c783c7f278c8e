import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { DataError, parseBarsCsv } from "@lib/data/mod.ts";
import {
  adjustForSplits,
  loadSplits,
  panelPrices,
  parseSplitsCsv,
  readSplitsCsv,
  splitFactors,
  splitReturns,
} from "@lib/data/corporate_actions.ts";

const bars = parseBarsCsv(
  [
    "symbol,date,open,high,low,close,volume",
    "A,2024-01-02,120,124,118,120,10",
    "A,2024-01-03,62,64,58,60,30", // 2-for-1 from here
    "A,2024-01-04,21,22,19,20,90", // 3-for-1 from here
    "B,2024-01-02,5,6,4,5,1",
  ].join("\n"),
  "t.csv",
);
const splits = parseSplitsCsv("symbol,date,ratio\nA,2024-01-04,3\nA,2024-01-03,2\n", "splits.csv");

Deno.test("splitFactors multiplies the ratios of every later split of the symbol", () => {
  assert.deepEqual(splitFactors(bars, splits).toArray(), [6, 3, 1, 1]);
});

Deno.test("adjustForSplits divides prices and multiplies volume, keeping order and types", () => {
  const adjusted = adjustForSplits(bars, splits);
  assert.deepEqual(adjusted.columns, bars.columns);
  assert.ok(adjusted.schema.volume.equals(pl.Float64));
  assert.deepEqual(adjusted.getColumn("close").toArray(), [20, 20, 20, 5]);
  assert.deepEqual(adjusted.getColumn("high").toArray(), [124 / 6, 64 / 3, 22, 6]);
  assert.deepEqual(adjusted.getColumn("volume").toArray(), [60, 90, 90, 1]);
  assert.equal(bars.getColumn("close").get(0), 120, "raw bars are untouched");
});

Deno.test("adjustForSplits with no splits returns equal bars", () => {
  assert.ok(adjustForSplits(bars, parseSplitsCsv("symbol,date,ratio\n", "s")).frameEqual(bars));
});

Deno.test("splitReturns shows each split day's raw and adjusted return", () => {
  const rows = splitReturns(bars, adjustForSplits(bars, splits), splits).toRecords();
  assert.deepEqual(rows.map((r) => [r.symbol, r.ratio, r.raw_return, r.adjusted_return]), [
    ["A", 2, -0.5, 0],
    ["A", 3, 20 / 60 - 1, 0],
  ]);
});

Deno.test("parseSplitsCsv names the file and the problem", () => {
  assert.throws(
    () => parseSplitsCsv("symbol,date\nA,2024-01-02\n", "splits.csv"),
    (e: unknown) =>
      e instanceof DataError && /splits\.csv: missing column\(s\) ratio/.test(e.message),
  );
  assert.throws(
    () => parseSplitsCsv("symbol,date,ratio\nA,2024-01-02,0\nB,someday,2\n", "splits.csv"),
    /splits\.csv: 2 row\(s\) without a symbol, a YYYY-MM-DD date and a positive ratio \(line 2, 3\)/,
  );
  assert.throws(
    () => parseSplitsCsv("symbol,date,ratio\nA,2024-01-02,2\nA,2024-01-02,3\n", "splits.csv"),
    /appears more than once/,
  );
  assert.throws(() => parseSplitsCsv("", "splits.csv"), /splits\.csv: the file is empty/);
});

Deno.test("readSplitsCsv reads the bundled AAPL split; loadSplits('') is an empty table", async () => {
  const bundled = await loadSplits("data/sample/splits.csv");
  assert.deepEqual(bundled.toRecords().map((r) => [r.symbol, r.ratio]), [["AAPL", 2]]);
  assert.equal((await loadSplits("")).height, 0);
  await assert.rejects(
    () => readSplitsCsv("/nonexistent/splits.csv"),
    /splits\.csv: file not found/,
  );
});

Deno.test("panelPrices picks the adjusted bars when adjustSplits, the raw ones otherwise", () => {
  const raw = parseBarsCsv("symbol,date,open,high,low,close,volume\nA,2024-01-02,1,1,1,1,1\n", "r");
  const adjusted = raw.withColumns(pl.col("close").mul(2));
  assert.equal(panelPrices(raw, adjusted, true), adjusted);
  assert.equal(panelPrices(raw, adjusted, false), raw);
});
