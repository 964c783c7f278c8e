import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { BAR_COLUMNS, DataError, parseBarsCsv, readBarsCsv } from "@lib/data/mod.ts";
import { projectPath } from "@lib/paths.ts";

const HEADER = "symbol,date,open,high,low,close,volume";

Deno.test("parseBarsCsv types the columns and keeps them in canonical order", () => {
  const bars = parseBarsCsv(
    `extra,${HEADER}\nx,AAA,2024-01-02,10,11,9,10.5,1000\n`,
    "inline.csv",
  );
  assert.deepEqual(bars.columns, [...BAR_COLUMNS]);
  assert.ok(bars.schema.symbol.equals(pl.String));
  assert.ok(bars.schema.date.equals(pl.Date));
  for (const c of ["open", "high", "low", "close", "volume"]) {
    assert.ok(bars.schema[c].equals(pl.Float64), c);
  }
  const row = bars.toRecords()[0];
  assert.equal(row.close, 10.5);
  assert.equal((row.date as unknown as Date).toISOString().slice(0, 10), "2024-01-02");
});

Deno.test("parseBarsCsv keeps a row whose cells do not parse, with those cells null", () => {
  const bars = parseBarsCsv(
    `${HEADER}\nAAA,2024-01-02,abc,11,9,10.5,\nAAA,not-a-date,10,11,9,10.5,1\n`,
    "inline.csv",
  );
  assert.equal(bars.height, 2);
  assert.equal(bars.getColumn("open").get(0), null);
  assert.equal(bars.getColumn("volume").get(0), null);
  assert.equal(bars.getColumn("date").toArray()[1], null);
});

Deno.test("parseBarsCsv names the file and the missing column", () => {
  assert.throws(
    () => parseBarsCsv("symbol,date,open,high,low,close\nAAA,2024-01-02,1,1,1,1\n", "prices.csv"),
    (e: unknown) =>
      e instanceof DataError && e.origin === "prices.csv" &&
      /prices\.csv: missing column\(s\) "volume"/.test(e.message),
  );
});

Deno.test("parseBarsCsv rejects empty text", () => {
  assert.throws(() => parseBarsCsv("", "empty.csv"), /empty\.csv: the file is empty/);
});

Deno.test("readBarsCsv names a missing file", async () => {
  const path = projectPath("tests", "fixtures", "no_such_file.csv");
  await assert.rejects(
    () => readBarsCsv(path),
    (e: unknown) => e instanceof DataError && e.message === `${path}: file not found`,
  );
});

Deno.test("readBarsCsv reads the fixture's ten bars", async () => {
  const bars = await readBarsCsv(projectPath("tests", "fixtures", "ohlcv_daily.csv"));
  assert.equal(bars.height, 10);
  assert.deepEqual(bars.getColumn("symbol").unique().sort().toArray(), ["AAA", "BBB"]);
});
