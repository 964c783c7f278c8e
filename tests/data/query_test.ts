import assert from "node:assert/strict";
import { DataError, filterBars, parseIsoDate, readBarsCsv } from "@lib/data/mod.ts";
import { projectPath } from "@lib/paths.ts";

const bars = await readBarsCsv(projectPath("tests", "fixtures", "ohlcv_daily.csv"));
const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);

Deno.test("filterBars keeps the requested symbols and an inclusive date range", () => {
  const got = filterBars(bars, { symbols: ["BBB"], start: "2024-01-03", end: "2024-01-05" }, "f");
  assert.deepEqual(got.getColumn("symbol").toArray(), ["BBB", "BBB", "BBB"]);
  assert.deepEqual(got.getColumn("date").toArray().map(iso), [
    "2024-01-03",
    "2024-01-04",
    "2024-01-05",
  ]);
});

Deno.test("filterBars with an empty query keeps every row", () => {
  assert.equal(filterBars(bars, {}, "f").height, 10);
  assert.equal(filterBars(bars, { symbols: [] }, "f").height, 10);
});

Deno.test("filterBars names unknown symbols and lists the available ones", () => {
  assert.throws(
    () => filterBars(bars, { symbols: ["AAA", "ZZZ"] }, "prices.csv"),
    (e: unknown) =>
      e instanceof DataError &&
      e.message === "prices.csv: unknown symbol(s) ZZZ; available (2): AAA, BBB",
  );
});

Deno.test("filterBars refuses an empty result", () => {
  assert.throws(
    () => filterBars(bars, { start: "2030-01-01" }, "prices.csv"),
    /prices\.csv: no rows match all symbols from 2030-01-01/,
  );
});

Deno.test("filterBars refuses start after end", () => {
  assert.throws(
    () => filterBars(bars, { start: "2024-01-05", end: "2024-01-03" }, "f"),
    /start 2024-01-05 is after end 2024-01-03/,
  );
});

Deno.test("parseIsoDate rejects dates that are not on the calendar", () => {
  assert.equal(parseIsoDate("2024-02-29", "start", "f").toISOString(), "2024-02-29T00:00:00.000Z");
  assert.throws(() => parseIsoDate("2023-02-29", "start", "f"), /start "2023-02-29" is not/);
  assert.throws(() => parseIsoDate("2024-1-2", "end", "f"), /end "2024-1-2" is not/);
});
