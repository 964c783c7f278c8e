import assert from "node:assert/strict";
import { DataError, parseBarsCsv } from "@lib/data/mod.ts";
import { applyFilters, symbolStats } from "@lib/data/filters.ts";

const bars = parseBarsCsv(
  [
    "symbol,date,open,high,low,close,volume",
    "CHEAP,2024-01-02,1,1,1,1,1000",
    "CHEAP,2024-01-03,3,3,3,3,3000",
    "THIN,2024-01-02,50,50,50,50,10",
    "THIN,2024-01-03,50,50,50,50,30",
    "OK,2024-01-02,20,20,20,20,500",
    "OK,2024-01-03,22,22,22,22,700",
    "NEW,2024-01-03,30,30,30,30,900",
  ].join("\n"),
  "t.csv",
);

Deno.test("symbolStats gives trading days, average close and average volume per symbol", () => {
  const rows = symbolStats(bars).toRecords().map((
    r,
  ) => [r.symbol, Number(r.trading_days), r.avg_close, r.avg_volume]);
  assert.deepEqual(rows, [
    ["CHEAP", 2, 2, 2000],
    ["NEW", 1, 30, 900],
    ["OK", 2, 21, 600],
    ["THIN", 2, 50, 20],
  ]);
});

Deno.test("applyFilters keeps the symbols passing every threshold and says why others went", () => {
  const { bars: kept, stats } = applyFilters(bars, {
    minPrice: 5,
    maxPrice: 40,
    minAvgVolume: 100,
    minTradingDays: 2,
  });
  assert.deepEqual([...new Set(kept.getColumn("symbol").toArray())], ["OK"]);
  assert.deepEqual(stats.toRecords().map((r) => [r.symbol, r.kept, r.reason]), [
    ["CHEAP", false, "avg close 2 < 5"],
    ["NEW", false, "1 trading days < 2"],
    ["OK", true, null],
    ["THIN", false, "avg close 50 > 40; avg volume 20 < 100"],
  ]);
});

Deno.test("applyFilters with no thresholds keeps every row", () => {
  assert.equal(applyFilters(bars, {}).bars.height, bars.height);
});

Deno.test("applyFilters names the origin when no symbol passes", () => {
  assert.throws(
    () => applyFilters(bars, { minPrice: 1000 }, "prices.csv"),
    (e: unknown) => e instanceof DataError && /^prices\.csv: no symbol passes/.test(e.message),
  );
});
