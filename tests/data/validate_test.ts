import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  assertValid,
  BAR_RULES,
  DataError,
  parseBarsCsv,
  totalFailures,
  validateBars,
} from "@lib/data/mod.ts";

const HEADER = "symbol,date,open,high,low,close,volume";

function failuresByRule(report: pl.DataFrame): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const r of report.toRecords()) {
    out[r.rule as string] = r.failures === null ? null : Number(r.failures);
  }
  return out;
}

Deno.test("validateBars reports zero failures for clean bars, one row per rule", () => {
  const bars = parseBarsCsv(
    `${HEADER}\nA,2024-01-02,10,11,9,10,100\nA,2024-01-03,10,11,9,10,0\nB,2024-01-02,5,6,4,5,1\n`,
    "clean.csv",
  );
  const report = validateBars(bars);
  assert.deepEqual(report.columns, ["rule", "description", "failures", "example"]);
  assert.deepEqual(report.getColumn("rule").toArray(), BAR_RULES.map((r) => r.rule));
  assert.equal(totalFailures(report), 0);
  assertValid(report, "clean.csv");
});

Deno.test("validateBars counts each rule's failing rows and keeps every row", () => {
  const csv = [
    HEADER,
    "A,2024-01-02,10,11,9,10,100", // fine
    "A,2024-01-03,10,9,11,10,100", // high < low
    "A,2024-01-03,10,11,9,10,100", // duplicate key of the row above
    "A,2024-01-01,10,11,9,10,100", // unsorted: date before its predecessor
    "A,2024-01-04,0,11,9,-1,100", // two non-positive prices, counted once
    "A,2024-01-05,10,11,9,10,-5", // negative volume
    "A,2024-01-06,10,11,9,,100", // null close
    "B,2024-01-02,5,6,4,5,1", // fine
  ].join("\n");
  const bars = parseBarsCsv(csv, "bad.csv");
  const report = validateBars(bars);
  assert.deepEqual(failuresByRule(report), {
    required_columns: 0,
    column_types: 0,
    null_values: 1,
    duplicate_key: 1,
    unsorted_key: 1,
    high_ge_low: 1,
    positive_prices: 1,
    non_negative_volume: 1,
  });
  assert.equal(totalFailures(report), 6);
  const examples = Object.fromEntries(
    report.toRecords().map((r) => [r.rule as string, r.example as string | null]),
  );
  assert.equal(examples.high_ge_low, "A 2024-01-03");
  assert.equal(examples.duplicate_key, "A 2024-01-03");
  assert.equal(examples.unsorted_key, "A 2024-01-01");
  assert.equal(examples.null_values, "A 2024-01-06: close");
  assert.equal(bars.height, 8, "validation does not drop rows");
});

Deno.test("validateBars skips the row rules when columns are missing", () => {
  const frame = pl.DataFrame({ symbol: ["A"], date: [new Date("2024-01-02")] })
    .withColumns(pl.col("date").cast(pl.Date));
  const report = validateBars(frame);
  const f = failuresByRule(report);
  assert.equal(f.required_columns, 5);
  assert.equal(f.column_types, 0);
  assert.equal(f.high_ge_low, null);
  assert.equal(report.getColumn("example").get(0), "open, high, low, close, volume");
});

Deno.test("validateBars counts mistyped columns", () => {
  const bars = parseBarsCsv(`${HEADER}\nA,2024-01-02,10,11,9,10,100\n`, "t.csv")
    .withColumns(pl.col("date").cast(pl.Utf8), pl.col("volume").cast(pl.Int64));
  const report = validateBars(bars);
  assert.equal(failuresByRule(report).column_types, 2);
  assert.match(report.getColumn("example").get(1) as string, /^date: String \(expected Date\)/);
});

Deno.test("assertValid names the origin and every failing rule", () => {
  const bars = parseBarsCsv(`${HEADER}\nA,2024-01-02,10,9,11,10,-1\n`, "t.csv");
  assert.throws(
    () => assertValid(validateBars(bars), "t.csv"),
    (e: unknown) =>
      e instanceof DataError &&
      e.message ===
        "t.csv: validation failed: high_ge_low: 1 failing (A 2024-01-02); " +
          "non_negative_volume: 1 failing (A 2024-01-02)",
  );
});
