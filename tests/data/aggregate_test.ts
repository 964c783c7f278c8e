import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { readBarsCsv } from "@lib/data/mod.ts";
import { dailyFromMinutes, weeklyBars } from "@lib/data/aggregate.ts";
import { projectPath } from "@lib/paths.ts";

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);

Deno.test("weeklyBars aggregates Monday-to-Sunday weeks dated by their last session", async () => {
  // AAA and BBB: Tue 2024-01-02 .. Fri 01-05 (one week), Mon 01-08 (the next).
  const daily = await readBarsCsv(projectPath("tests", "fixtures", "ohlcv_daily.csv"));
  const weekly = weeklyBars(daily.sort("close"));
  assert.deepEqual(weekly.columns, [
    "symbol",
    "date",
    "open",
    "high",
    "low",
    "close",
    "volume",
    "days",
  ]);
  const rows = weekly.toRecords().map((r) => [
    r.symbol,
    iso(r.date),
    r.open,
    r.high,
    r.low,
    r.close,
    r.volume,
    Number(r.days),
  ]);
  assert.deepEqual(rows, [
    ["AAA", "2024-01-05", 10.0, 11.0, 9.8, 10.7, 1000 + 1200 + 900 + 1100, 4],
    ["AAA", "2024-01-08", 10.7, 11.2, 10.7, 11.1, 1300, 1],
    ["BBB", "2024-01-05", 50.0, 51.0, 48.8, 49.5, 500 + 650 + 700 + 480, 4],
    ["BBB", "2024-01-08", 49.5, 52.0, 49.4, 51.6, 900, 1],
  ]);
});

Deno.test("dailyFromMinutes aggregates minute bars per symbol and trading date", () => {
  // New York session of 2024-01-02 runs 14:30..21:00 UTC; an evening bar at 01:00 UTC the next
  // calendar day still belongs to the source's trading date 2024-01-02.
  const t = (s: string) => new Date(`${s}Z`);
  const minutes = pl.DataFrame({
    symbol: ["A", "A", "A", "A"],
    datetime: [
      t("2024-01-03T14:30:00"),
      t("2024-01-03T01:00:00"),
      t("2024-01-02T14:30:00"),
      t("2024-01-02T14:31:00"),
    ],
    date: [
      new Date("2024-01-03"),
      new Date("2024-01-02"),
      new Date("2024-01-02"),
      new Date("2024-01-02"),
    ],
    open: [20, 12, 10, 11],
    high: [21, 13, 11, 15],
    low: [19, 11, 9, 10],
    close: [20.5, 12.5, 10.5, 11.5],
    volume: [5, 3, 1, 2],
  }).withColumns(pl.col("date").cast(pl.Date));
  const daily = dailyFromMinutes(minutes);
  assert.ok(daily.schema.date.equals(pl.Date));
  assert.deepEqual(
    daily.toRecords().map((r) => [
      iso(r.date),
      r.open,
      r.high,
      r.low,
      r.close,
      r.volume,
      Number(r.minutes),
    ]),
    [
      ["2024-01-02", 10, 15, 9, 12.5, 6, 3],
      ["2024-01-03", 20, 21, 19, 20.5, 5, 1],
    ],
  );
});
