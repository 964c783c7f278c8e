import assert from "node:assert/strict";
import {
  firstSymbol,
  openSource,
  readBarsCsv,
  sourceOptions,
  summariseBars,
} from "@lib/data/mod.ts";
import { projectPath } from "@lib/paths.ts";

Deno.test("summariseBars gives each symbol's rows, date range and growth", async () => {
  const bars = await readBarsCsv(projectPath("tests", "fixtures", "ohlcv_daily.csv"));
  const rows = summariseBars(bars.sort("close")).toRecords();
  assert.deepEqual(rows.map((r) => [r.symbol, Number(r.rows), r.first_close, r.last_close]), [
    ["AAA", 5, 10.2, 11.1],
    ["BBB", 5, 50.5, 51.6],
  ]);
  assert.equal((rows[0].first_date as unknown as Date).toISOString().slice(0, 10), "2024-01-02");
  assert.ok(Math.abs((rows[1].growth as number) - 51.6 / 50.5) < 1e-12);
});

Deno.test("openSource('sample', dataset) opens the bundled files", () => {
  assert.match(openSource("sample", "daily").name, /data\/sample\/ohlcv_daily\.csv$/);
  assert.throws(
    () => openSource("vendor" as "sample", "daily"),
    /unknown data source "vendor"; known: sample/,
  );
});

Deno.test("firstSymbol is the symbol of the first row", async () => {
  const bars = await readBarsCsv(projectPath("tests", "fixtures", "ohlcv_daily.csv"));
  assert.equal(firstSymbol(bars.sort("close", true)), "BBB");
  assert.equal(firstSymbol(bars.sort("close")), "AAA");
});

Deno.test("sourceOptions resolves the folder under the project root and keeps the API root", () => {
  assert.deepEqual(sourceOptions({ sourceDir: "data/vendor", sourceUrl: "http://127.0.0.1:9/" }), {
    dir: projectPath("data/vendor"),
    baseUrl: "http://127.0.0.1:9/",
  });
  assert.deepEqual(sourceOptions({}), { dir: undefined, baseUrl: undefined });
});
